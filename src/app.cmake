# app.cmake — the nnplay app (included by src/CMakeLists.txt when NNPLAY_BUILD_APP is ON).
#
#   nnp_imgui      Dear ImGui 1.86 from $NNPLAY_IMGUI_DIR (Debian's source package,
#                  never committed); nnp_imgui_backends its SDL2 and OpenGL3 backends
#   nnp_platform   platform/: SDL2 window + GL context, loop, files, URL, window.nnplay
#   nnp_gfx        gfx/: shaders (embedded from shaders/), textures, decision-boundary heatmap
#   nnp_ui         ui/: the App, the view table and the views (ui/<area>/)
#   nnp_headless   gfx and platform without GL or a window, for the headless UI test
#   nnplay         desktop: the SDL2 + OpenGL 3.3 app (fonts/DejaVuSans.ttf copied beside it)
#                  web: nnplay.js + nnplay.wasm, and the target nnplay_web assembles
#                  <build>/web = web/* + nnplay.js + nnplay.wasm, a complete static site
#                  except data/ (scripts/play adds data/*.gz and the multi-threaded
#                  nnplay-mt.* of a second build with NNPLAY_WASM_THREADS=ON)

set(NNP_ROOT ${CMAKE_CURRENT_SOURCE_DIR}/..)
# A build folder first configured without scripts/bootstrap's environment has
# these cached empty; take them from the environment when it has them now.
set(NNPLAY_SDL2_WASM_MT "$ENV{NNPLAY_SDL2_WASM_MT}" CACHE PATH "SDL2 built for Emscripten with -pthread (scripts/bootstrap)")
foreach(v NNPLAY_IMGUI_DIR NNPLAY_SDL2_WASM NNPLAY_SDL2_WASM_MT)
  if(NOT ${v} AND DEFINED ENV{${v}})
    set(${v} "$ENV{${v}}" CACHE PATH "" FORCE)
  endif()
endforeach()
if(NOT NNPLAY_IMGUI_DIR OR NOT EXISTS "${NNPLAY_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "NNPLAY_IMGUI_DIR='${NNPLAY_IMGUI_DIR}' has no imgui.cpp: run scripts/bootstrap and "
                      "eval \"$(scripts/bootstrap --env)\", or configure with -DNNPLAY_BUILD_APP=OFF")
endif()
set(NNP_FONT /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
if(NOT EXISTS ${NNP_FONT})
  message(FATAL_ERROR "${NNP_FONT} is missing: apt-get install fonts-dejavu-core (scripts/bootstrap does)")
endif()

# ---------------------------------------------------------------- SDL2 and GL
if(EMSCRIPTEN)
  set(NNP_SDL2_DIR ${NNPLAY_SDL2_WASM})
  if(NNPLAY_WASM_THREADS)
    set(NNP_SDL2_DIR ${NNPLAY_SDL2_WASM_MT})
  endif()
  if(NOT EXISTS "${NNP_SDL2_DIR}/lib/libSDL2.a")
    message(FATAL_ERROR "SDL2 for this build ('${NNP_SDL2_DIR}') has no lib/libSDL2.a: run scripts/bootstrap")
  endif()
  # TOOLCHAIN.md quirk 3: Debian's SDL 2.26 built for wasm, not -sUSE_SDL=2.
  add_library(nnp_sdl2 INTERFACE)
  target_include_directories(nnp_sdl2 SYSTEM INTERFACE ${NNP_SDL2_DIR}/include/SDL2)
  target_link_libraries(nnp_sdl2 INTERFACE ${NNP_SDL2_DIR}/lib/libSDL2.a)
  add_library(nnp_gl INTERFACE)  # WebGL2 comes with Emscripten's GL library
else()
  find_package(SDL2 REQUIRED)
  find_package(OpenGL REQUIRED)
  add_library(nnp_sdl2 INTERFACE)
  target_link_libraries(nnp_sdl2 INTERFACE SDL2::SDL2)
  add_library(nnp_gl INTERFACE)
  target_link_libraries(nnp_gl INTERFACE OpenGL::GL)
endif()

# ---------------------------------------------------------------------- imgui
# The core (no SDL, no GL: the views and the headless UI test use only it) and
# its SDL2 + OpenGL3 backends (the platform layer's).
add_library(nnp_imgui STATIC
  ${NNPLAY_IMGUI_DIR}/imgui.cpp ${NNPLAY_IMGUI_DIR}/imgui_draw.cpp ${NNPLAY_IMGUI_DIR}/imgui_tables.cpp
  ${NNPLAY_IMGUI_DIR}/imgui_widgets.cpp platform/imgui_assert.cpp)
target_include_directories(nnp_imgui SYSTEM PUBLIC ${NNPLAY_IMGUI_DIR} ${NNPLAY_IMGUI_DIR}/backends)
target_include_directories(nnp_imgui PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
# ImGui's assertions report instead of vanishing in Release builds (platform/imgui_config.h).
target_compile_definitions(nnp_imgui PUBLIC "IMGUI_USER_CONFIG=\"platform/imgui_config.h\"")
# 32-bit indices: thousands of data points exceed 64k vertices in one draw list,
# and WebGL2 has no base-vertex draw (the backend's VtxOffset path) to split them.
target_compile_definitions(nnp_imgui PUBLIC "ImDrawIdx=unsigned int")
target_compile_options(nnp_imgui PRIVATE -w)  # third-party: not our warnings to fix
add_library(nnp_imgui_backends STATIC
  ${NNPLAY_IMGUI_DIR}/backends/imgui_impl_sdl.cpp ${NNPLAY_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
if(EMSCRIPTEN)
  target_compile_definitions(nnp_imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)  # WebGL2, "#version 300 es"
endif()
target_link_libraries(nnp_imgui_backends PUBLIC nnp_imgui nnp_sdl2 nnp_gl)
target_compile_options(nnp_imgui_backends PRIVATE -w)

# ------------------------------------------------------------------- platform
if(EMSCRIPTEN)
  set(NNP_PLATFORM_SRC platform/platform_web.cpp)
else()
  set(NNP_PLATFORM_SRC platform/platform_native.cpp)
endif()
add_library(nnp_platform STATIC platform/platform_sdl.cpp ${NNP_PLATFORM_SRC})
target_include_directories(nnp_platform PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(nnp_platform PUBLIC nnp_imgui_backends nnp_sdl2 nnp_gl nnplay_engine)  # engine: core/status only
nnp_warnings(nnp_platform)

# ------------------------------------------------------------------------ gfx
# Shaders are embedded as string constants at configure time; editing a file
# in shaders/ re-runs CMake (CMAKE_CONFIGURE_DEPENDS).
set(NNP_SHADERS fullscreen.vert boundary.frag)
set(NNP_GEN ${CMAKE_CURRENT_BINARY_DIR}/generated)
set(NNP_SHADER_H "// Generated by src/app.cmake from shaders/*.glsl. Do not edit.\n#pragma once\nnamespace nnplay::gfx::shaders {\n")
foreach(s ${NNP_SHADERS})
  set(f ${NNP_ROOT}/shaders/${s}.glsl)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})
  file(READ ${f} src)
  string(REPLACE "." "_" id ${s})
  string(APPEND NNP_SHADER_H "inline constexpr const char* ${id} = R\"nnp_glsl(${src})nnp_glsl\";\n")
endforeach()
string(APPEND NNP_SHADER_H "}  // namespace nnplay::gfx::shaders\n")
file(CONFIGURE OUTPUT ${NNP_GEN}/gfx/shaders_embedded.h CONTENT "${NNP_SHADER_H}" @ONLY)

add_library(nnp_gfx STATIC gfx/shader.cpp gfx/texture.cpp gfx/heatmap.cpp)
target_include_directories(nnp_gfx PUBLIC ${CMAKE_CURRENT_SOURCE_DIR} PRIVATE ${NNP_GEN})
target_link_libraries(nnp_gfx PUBLIC nnp_gl nnplay_engine)  # engine: core/status only
nnp_warnings(nnp_gfx)

# ------------------------------------------------------------------------- ui
# ui/ and its area folders (data, network, training, inspect, optimizers):
# adding a view is adding a file (and its row in ui/view_table.cpp). The views
# use only the gfx and platform headers; the executable picks their
# implementations (GL and SDL here; the headless UI test links null ones).
file(GLOB NNP_UI_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/ui/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/ui/*/*.cpp)
add_library(nnp_ui STATIC ${NNP_UI_SOURCES})
target_link_libraries(nnp_ui PUBLIC nnplay_engine nnp_imgui PRIVATE nnp_json)
nnp_warnings(nnp_ui)

# --------------------------------------------------------------------- nnplay
add_executable(nnplay main.cpp)
target_link_libraries(nnplay PRIVATE nnp_ui nnp_gfx nnp_platform)
nnp_warnings(nnplay)

# ------------------------------------------------------- headless UI (tests)
# The real views in an ImGui context with no renderer: gfx without GL and a
# platform without a window (files read from the data folder, time from the
# clock). tests/ui builds on these.
if(NOT EMSCRIPTEN)
  add_library(nnp_headless STATIC gfx/gfx_null.cpp platform/platform_headless.cpp)
  target_include_directories(nnp_headless PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(nnp_headless PUBLIC nnplay_engine nnp_imgui)
  nnp_warnings(nnp_headless)
endif()

if(EMSCRIPTEN)
  target_link_options(nnplay PRIVATE ${NNP_WASM_LINK_WEB}
    "SHELL:--embed-file ${NNP_FONT}@/fonts/DejaVuSans.ttf")
  set_target_properties(nnplay PROPERTIES SUFFIX ".js" LINK_DEPENDS ${NNP_FONT})

  # <build>/web: everything a static host needs except data/ (scripts/play adds it).
  file(GLOB NNP_WEB_FILES CONFIGURE_DEPENDS ${NNP_ROOT}/web/*.html ${NNP_ROOT}/web/*.css ${NNP_ROOT}/web/*.js
       ${NNP_ROOT}/web/*.svg ${NNP_ROOT}/assets/*.svg ${NNP_ROOT}/assets/*.png)
  set(NNP_WEB_DIR ${CMAKE_BINARY_DIR}/web)
  set(NNP_WEB_OUT)
  foreach(f ${NNP_WEB_FILES})
    get_filename_component(n ${f} NAME)
    add_custom_command(OUTPUT ${NNP_WEB_DIR}/${n} COMMAND ${CMAKE_COMMAND} -E copy_if_different ${f} ${NNP_WEB_DIR}/${n}
                       DEPENDS ${f} COMMENT "web/${n}" VERBATIM)
    list(APPEND NNP_WEB_OUT ${NNP_WEB_DIR}/${n})
  endforeach()
  # The multi-threaded build is nnplay-mt.js/.wasm/.worker.js (Emscripten
  # names the worker file after the output); the page picks one of the two.
  set(NNP_OUT nnplay)
  set(NNP_OUT_FILES nnplay.js nnplay.wasm)
  if(NNPLAY_WASM_THREADS)
    set(NNP_OUT nnplay-mt)
    set(NNP_OUT_FILES nnplay-mt.js nnplay-mt.wasm nnplay-mt.worker.js)
  endif()
  set_target_properties(nnplay PROPERTIES OUTPUT_NAME ${NNP_OUT})
  set(NNP_COPY_CMDS)
  set(NNP_COPY_OUT)
  foreach(f ${NNP_OUT_FILES})
    list(APPEND NNP_COPY_CMDS COMMAND ${CMAKE_COMMAND} -E copy_if_different $<TARGET_FILE_DIR:nnplay>/${f} ${NNP_WEB_DIR}/${f})
    list(APPEND NNP_COPY_OUT ${NNP_WEB_DIR}/${f})
  endforeach()
  add_custom_command(OUTPUT ${NNP_COPY_OUT} ${NNP_COPY_CMDS}
    DEPENDS nnplay COMMENT "web/${NNP_OUT}.*" VERBATIM)
  add_custom_target(nnplay_web ALL DEPENDS ${NNP_WEB_OUT} ${NNP_COPY_OUT})
else()
  # The UI font, copied from Debian beside the executable (never committed).
  add_custom_command(TARGET nnplay POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory $<TARGET_FILE_DIR:nnplay>/fonts
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${NNP_FONT} $<TARGET_FILE_DIR:nnplay>/fonts/DejaVuSans.ttf
    VERBATIM)
endif()
