# All Emscripten settings in one commented block (as ImGui's Makefile.emscripten).
# TOOLCHAIN.md lists the Emscripten 3.1.6 quirks each line works around.

# -O3 -msimd128: clang auto-vectorises to wasm SIMD128 (quirk 6). No exceptions:
# errors are Status values, and a throw would abort the module (ARCHITECTURE 2.7).
add_compile_options(-msimd128 -fno-exceptions)
set(CMAKE_CXX_FLAGS_RELEASE "-O3 -DNDEBUG")
set(CMAKE_C_FLAGS_RELEASE "-O3 -DNDEBUG")

# NNPLAY_WASM_THREADS: the multi-threaded variant of the web app. Every object
# is compiled with -pthread (shared memory needs atomics in all of them, SDL2
# included: scripts/bootstrap builds a second SDL2 with -pthread). The page
# loads it only when cross-origin isolated (COOP/COEP headers: scripts/play
# serves them), since SharedArrayBuffer needs that; otherwise nnplay.js.
if(NNPLAY_WASM_THREADS)
  add_compile_options(-pthread)
endif()

# Quirk 5: node 20's global fetch breaks 3.1.6's loader; CTest runs wasm tests with it off.
set(CMAKE_CROSSCOMPILING_EMULATOR "node;--no-experimental-fetch" CACHE STRING "" FORCE)

# Link flags shared by every wasm program.
set(NNP_WASM_LINK_COMMON
    -sALLOW_MEMORY_GROWTH=1      # datasets and batch sizes are chosen at run time
    -sDISABLE_EXCEPTION_CATCHING=1
    )

# Programs run by node (tests, CLI): real file system access, exit code
# returned, and node's environment variables visible to getenv (node_env.js).
set(NNP_WASM_LINK_NODE ${NNP_WASM_LINK_COMMON} -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1
    --pre-js ${CMAKE_CURRENT_LIST_DIR}/node_env.js)

# The web app: WebGL2 only, our own page (quirk 4: no .html output, htmlmin is missing).
set(NNP_WASM_LINK_WEB ${NNP_WASM_LINK_COMMON} -sENVIRONMENT=web -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sINITIAL_MEMORY=134217728 -sMODULARIZE=0
    "-sEXPORTED_RUNTIME_METHODS=['ccall','cwrap','UTF8ToString','stringToUTF8','lengthBytesUTF8']"
    "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']")

if(NNPLAY_WASM_THREADS)
  # Workers are pre-spawned (a thread created later starts only once the main
  # thread yields, and parallel::run would wait for it forever): as many as the
  # engine may use: at most 4 threads, so 3 workers (platform::training_threads).
  # Memory growth with threads: JS reads the heap through fresh views
  # (Emscripten's GROWABLE_HEAP), a little slower; the wasm code is not.
  set(NNP_WASM_LINK_THREADS -pthread -sUSE_PTHREADS=1 -sPTHREAD_POOL_SIZE=3)
  list(APPEND NNP_WASM_LINK_WEB ${NNP_WASM_LINK_THREADS} -sENVIRONMENT=web,worker)
  list(REMOVE_ITEM NNP_WASM_LINK_WEB -sENVIRONMENT=web)
endif()

function(nnp_wasm_node_program target)
  target_link_options(${target} PRIVATE ${NNP_WASM_LINK_NODE})
endfunction()
