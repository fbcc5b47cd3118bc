// nnplay-api.js — the page's JavaScript: the Emscripten Module settings and
// window.nnplay, the embedding API (the C half is src/platform/platform_web.cpp).
//
//   await window.nnplay.ready              resolves after the app's first frame
//                                          (rejects if it cannot start)
//   window.nnplay.isReady                  the same, as a flag
//   window.nnplay.status()                 {dataset, layers, step, epoch, loss_train, ...}
//   window.nnplay.memory()                 {ok, wasm_heap_bytes (peak: it only grows), js_heap_bytes}
//   window.nnplay.command({dataset: 'xor', lr: 0.03, action: 'train'})
//       -> {ok: true, status: {...}}  or  {ok: false, error: 'INVALID_ARGUMENT: ...'}
//   location.hash = '#dataset=spiral&lr=0.01'   applies those settings too
//
// Keys are those of the URL hash and the CLI (src/train/config.h). Neither
// call throws: every failure comes back as {ok: false, error}.
'use strict';

(function () {
  const overlay = () => document.getElementById('overlay');
  let up = false;
  let failure = null;
  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {});  // a failed start is shown on the page; no unhandled-rejection noise

  function show(message, detail, isError) {
    const o = overlay();
    if (!o) return;
    o.classList.remove('hidden');
    o.classList.toggle('error', !!isError);
    document.getElementById('overlay-message').textContent = message;
    document.getElementById('overlay-detail').textContent = detail || '';
  }

  function fail(text) {
    if (failure) return;
    failure = String(text);
    console.error('nnplay:', failure);
    if (up) {
      // It was running: the module aborted (most often the WebAssembly heap
      // could not grow for a very large network or batch). status() and
      // command() answer UNAVAILABLE from now on.
      up = false;
      show('nnplay stopped.', failure + '\n\nMost likely the network or the batch was too large for the memory ' +
           'a browser tab gets. Reload the page (the link keeps your other settings) and choose a smaller ' +
           'network, width or batch size.', true);
    } else {
      show('nnplay could not start.', failure + '\n\nThe playground needs a browser with WebAssembly and WebGL2 ' +
           '(current Chrome, Firefox, Edge or Safari), served over http(s).', true);
    }
    rejectReady(new Error(failure));
  }

  function notReady() {
    return {ok: false, error: failure ? 'UNAVAILABLE: ' + failure : 'NOT_READY: the app is still starting'};
  }

  function call(fn, text) {
    try {
      const reply = text === undefined ? Module.ccall(fn, 'string', [], [])
                                       : Module.ccall(fn, 'string', ['string'], [text]);
      return JSON.parse(reply);
    } catch (e) {
      return {ok: false, error: 'INTERNAL: ' + ((e && e.message) || e)};
    }
  }

  window.nnplayPage = {fail};

  window.nnplay = {
    ready,
    get isReady() { return up; },
    status() {
      if (!up) return notReady();
      return call('nnplay_api_status');
    },
    // The page's memory: the WebAssembly heap (it only grows, so this is its
    // peak so far) and, in Chromium, the JavaScript heap in use.
    memory() {
      if (!up) return notReady();
      const wasm = Module.HEAP8 ? Module.HEAP8.buffer.byteLength : null;
      const js = performance.memory ? performance.memory.usedJSHeapSize : null;
      return {ok: true, wasm_heap_bytes: wasm, js_heap_bytes: js};
    },
    command(cmd) {
      if (!up) return notReady();
      let text;
      try {
        text = JSON.stringify(cmd);
      } catch (e) {
        return {ok: false, error: 'PARSE_ERROR: the command cannot be turned into JSON: ' + e.message};
      }
      if (typeof text !== 'string') return {ok: false, error: "PARSE_ERROR: command must be an object like {action: 'train'}"};
      return call('nnplay_api_command', text);
    },
  };

  if (typeof WebAssembly !== 'object') {
    fail('this browser has no WebAssembly');
  }

  // Emscripten reads this object when nnplay.js starts.
  window.Module = {
    canvas: document.getElementById('canvas'),
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    nnplayReady() {
      up = true;
      const o = overlay();
      if (o) o.classList.add('hidden');
      resolveReady(true);
    },
    nnplayFail: fail,
    onAbort: (what) => fail('the WebAssembly module stopped' + (what ? ': ' + what : ' (out of memory?)')),
    setStatus: (text) => { if (text && !up && !failure) show('Loading the playground…', text, false); },
  };

  // Editing the hash by hand (or following an in-page link) applies it. The
  // app's own URL updates use history.replaceState, which fires no event.
  window.addEventListener('hashchange', () => {
    const q = window.location.hash.slice(1);
    if (!up || !q) return;
    const settings = Object.fromEntries(new URLSearchParams(q));
    const reply = window.nnplay.command(settings);
    if (!reply.ok) console.warn('nnplay: link not applied:', reply.error);
  });

  window.addEventListener('error', (e) => {
    if (!up && e && e.message) fail(e.message);
  });
})();
