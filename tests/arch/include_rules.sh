#!/usr/bin/env bash
# Dependency rules of docs/architecture.md ("Layers of the code"), checked by
# grep; every violation is printed as file:line with the rule it breaks.
#  - which of our folders each folder of src/ may include: the table `rules`
#    below, the arrows of the drawing (our headers are included by their
#    path from src/, "dir/file.h", so the folder shows);
#  - the engine includes no UI, GL, SDL or Emscripten headers;
#  - __EMSCRIPTEN__ appears only in src/platform/ (and cmake/);
#  - <wasm_simd128.h> / __wasm_simd128__ appear only in src/kernels/;
#  - src/ui/ never calls SDL or emscripten directly.
set -u
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root/src" || exit 2
fail=0
report() { echo "include_rules: $1"; fail=1; }

engine="core kernels nn loss optim data train"

# What a file under each folder may include: folder names, or folder/file
# for a single header of a folder.
rules="core: core
kernels: core kernels
nn: core kernels nn
loss: core loss
optim: core kernels optim
data: core kernels data
train: $engine
platform: core platform
gfx: core gfx platform/gl.h
ui: $engine gfx platform/platform.h ui
cli: $engine cli
main.cpp: platform/platform.h ui"

# Every include of every source file (file:line:text), checked in one awk
# pass against the rules and the list of our files.
out=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]' --include='*.h' --include='*.cpp' --include='*.def' . |
  sed 's|^\./||' |
  awk -v rules="$rules" -v files="$(find . -type f | sed 's|^\./||')" '
    BEGIN {
      n = split(rules, r, "\n")
      for (i = 1; i <= n; i++) { k = r[i]; sub(/:.*/, "", k); v = r[i]; sub(/^[^:]*: */, "", v); allowed[k] = v }
      n = split(files, f, "\n")
      for (i = 1; i <= n; i++) { ours[f[i]] = 1; d = f[i]; if (sub(/\/.*/, "", d)) dirs[d] = 1 }
    }
    {
      file = $0; sub(/:.*/, "", file)
      rest = substr($0, length(file) + 2); line = rest; sub(/:.*/, "", line)
      text = substr(rest, length(line) + 2)
      path = text; sub(/^[^"<]*["<]/, "", path); sub(/[">].*/, "", path)
      dir = file; sub(/\/.*/, "", dir)
      here = file; if (!sub(/\/[^\/]*$/, "", here)) here = ""
      if (path ~ /^\.\.?\//) {
        print file ":" line ": #include \"" path "\": write our headers'"'"' paths from src/ (\"dir/file.h\")"; next
      }
      if (path !~ /\//) {
        # A bare name is a library header ("imgui.h", <vector>) unless it sits
        # next to the includer: then it is ours, included relatively.
        if (here != "" && ((here "/" path) in ours))
          print file ":" line ": #include \"" path "\": write our headers'"'"' paths from src/ (\"" here "/" path "\")"
        next
      }
      target = path; sub(/\/.*/, "", target)
      if (!(target in dirs)) next  # not one of our folders (<Eigen/Dense>, "nlohmann/json.hpp", <SDL2/SDL.h>)
      m = split(allowed[dir], a, " ")
      for (i = 1; i <= m; i++) if (a[i] == target || a[i] == path) next
      print file ":" line ": " dir "/ must not include \"" path "\" (" dir " may include: " \
            (allowed[dir] == "" ? "nothing of ours" : allowed[dir]) "; see docs/architecture.md)"
    }')
[ -n "$out" ] && report "includes against the direction of the layers:
$out"

hits=$(grep -rnE '#include *[<"](SDL|imgui|GL/|GLES|emscripten)' $engine 2>/dev/null)
[ -n "$hits" ] && report "engine includes UI/GL/SDL/Emscripten headers:
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
