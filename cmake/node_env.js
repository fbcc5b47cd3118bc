// Pre-js for wasm programs run by node (tests, CLI): Emscripten's getenv()
// sees a synthetic environment by default, so copy node's real one in. Then
// NNPLAY_DATA and HOME mean the same natively and under node.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof process !== 'undefined' && process.env) Object.assign(ENV, process.env);
});
