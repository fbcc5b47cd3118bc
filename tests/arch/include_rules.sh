#!/usr/bin/env bash
# Dependency rules of ARCHITECTURE.md 2.2, checked by grep:
#  - the engine (core kernels nn loss optim data train) includes no UI, GL,
#    SDL or Emscripten headers;
#  - __EMSCRIPTEN__ appears only in src/platform/ (and cmake/);
#  - <wasm_simd128.h> / __wasm_simd128__ appear only in src/kernels/;
#  - src/ui/ never calls SDL or emscripten directly.
set -u
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root/src" || exit 2
fail=0
report() { echo "include_rules: $1"; fail=1; }

engine="core kernels nn loss optim data train"
hits=$(grep -rnE '#include *[<"](SDL|imgui|GL/|GLES|emscripten|gfx/|ui/|platform/)' $engine 2>/dev/null)
[ -n "$hits" ] && report "engine includes UI/GL/SDL/platform headers:
$hits"
hits=$(grep -rn '__EMSCRIPTEN__' . 2>/dev/null | grep -v '^./platform/')
[ -n "$hits" ] && report "__EMSCRIPTEN__ outside src/platform/:
$hits"
hits=$(grep -rnE 'wasm_simd128|__wasm_simd128__' . 2>/dev/null | grep -v '^./kernels/')
[ -n "$hits" ] && report "wasm SIMD outside src/kernels/:
$hits"
if [ -d ui ]; then
  hits=$(grep -rnE '#include *[<"](SDL|emscripten)|\bSDL_[A-Za-z]+\(|emscripten_' ui 2>/dev/null)
  [ -n "$hits" ] && report "src/ui calls SDL/emscripten directly (go through platform.h):
$hits"
fi
[ $fail = 0 ] && echo "include_rules: ok"
exit $fail
