# Third-party libraries, all from Debian packages (installed by scripts/bootstrap).
# Under Emscripten, /usr/include must not be on the include path (glibc headers
# would shadow the wasm sysroot), so header-only libraries are exposed through
# a folder of symlinks to just their own directories.

# Eigen 3.4 (header-only). TOOLCHAIN.md quirk 8: find_package cannot see /usr/share under emcmake.
add_library(nnp_eigen INTERFACE)
target_include_directories(nnp_eigen SYSTEM INTERFACE /usr/include/eigen3)
target_compile_definitions(nnp_eigen INTERFACE EIGEN_MPL2_ONLY EIGEN_NO_DEBUG)

# nlohmann-json and stb (header-only), through symlinks.
set(NNP_SHIM_INCLUDE ${CMAKE_BINARY_DIR}/shim-include)
file(MAKE_DIRECTORY ${NNP_SHIM_INCLUDE})
if(NOT EXISTS ${NNP_SHIM_INCLUDE}/nlohmann)
  file(CREATE_LINK /usr/include/nlohmann ${NNP_SHIM_INCLUDE}/nlohmann SYMBOLIC)
endif()
if(NOT EXISTS ${NNP_SHIM_INCLUDE}/stb)
  file(CREATE_LINK /usr/include/stb ${NNP_SHIM_INCLUDE}/stb SYMBOLIC)
endif()
add_library(nnp_json INTERFACE)
target_include_directories(nnp_json SYSTEM INTERFACE ${NNP_SHIM_INCLUDE})
target_compile_definitions(nnp_json INTERFACE JSON_NOEXCEPTION)
add_library(nnp_stb INTERFACE)
target_include_directories(nnp_stb SYSTEM INTERFACE ${NNP_SHIM_INCLUDE})
