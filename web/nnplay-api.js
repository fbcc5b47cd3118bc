// nnplay-api.js — the page's JavaScript: the Emscripten Module settings and
// window.nnplay, the embedding API (the C half is src/platform/platform_web.cpp).
//
//   await window.nnplay.ready              resolves after the app's first frame
//                                          (rejects if it cannot start)
//   window.nnplay.isReady                  the same, as a flag
//   window.nnplay.status()                 {dataset, layers, step, epoch, loss_train, ...}
//   window.nnplay.memory()                 {ok, wasm_heap_bytes (it only grows), malloc_peak_bytes, js_heap_bytes}
//   window.nnplay.command({dataset: 'xor', lr: 0.03, action: 'train'})
//       -> {ok: true, status: {...}}  or  {ok: false, error: 'INVALID_ARGUMENT: ...'}
//   location.hash = '#dataset=spiral&lr=0.01'   applies those settings too
//
//   window.nnplay.export('onnx')           {ok, files: [{name, bytes: Uint8Array}]} ('pytorch', 'onnx', 'nnplay')
//   window.nnplay.catalog()                {ok, datasets: [{key, title, family}], lessons: [{id, section, title}],
//                                           hidden: [...], locked: [...]}  (the link's hide= and lock= names)
//   window.nnplay.loadModel(bytes, name)   a model file (.nnp or .onnx, Uint8Array) replaces the network:
//                                          the command {load_model: base64, name}; {ok, status} or {ok: false, error}
//   window.nnplay.timing                   {wasm_downloaded_ms, first_frame_ms}: ms from navigation start
//
// Reload loses nothing: the setup and the trained weights are kept in the
// browser (IndexedDB) every 15 s while they change, when training pauses and
// when the page is hidden; opening the same link again (or the bare page)
// restores them and says so, with a "Start fresh" button:
//   await window.nnplay.saved()            {step, dataset, architecture, time, hash} or null
//   await window.nnplay.save()             keep the current state now
//   await window.nnplay.startFresh()       forget it and reload the link as first opened
//   await window.nnplay.restored           true once a visit was restored at start-up (else false)
// After the first visit a service worker (sw.js) keeps the app and the
// datasets used, so the page also starts offline.
//
// Keys are those of the URL hash and the CLI (src/train/config.h). No call
// throws: every failure comes back as {ok: false, error}.
//
// In a cross-origin iframe (a course page) window.nnplay is out of reach;
// the parent talks to the app with postMessage instead (README: "Embedding
// nnplay in a course page"):
//   parent -> app  {nnplay: 'command', id, command: {...}}   same object as command()
//                  {nnplay: 'status', id}
//                  {nnplay: 'subscribe', id, every: 'step'|'epoch', interval_ms: 500}
//                  {nnplay: 'unsubscribe', id}
//   app -> parent  {nnplay: 'reply', id, ok: true, status}   or {nnplay: 'reply', id, ok: false, error}
//                  {nnplay: 'event', type: 'ready', status}
//                  {nnplay: 'event', type: 'step'|'epoch', step, epoch, loss_train, loss_val, acc_train, acc_val, running}
//                  {nnplay: 'event', type: 'diverged', message, step}
//                  {nnplay: 'event', type: 'challenge', met: true, step, value, network, goal}
//                      once, when the link's challenge (goal=...) is met
//                  {nnplay: 'event', type: 'error', error}
// The link key parent_origin=https://course.example.org[,https://other.org]
// limits this to those origins: others' messages are ignored, events go to
// those origins only. Without it any origin that frames the app may drive it.
//
// For screen readers and keyboards the page also has real DOM controls and a
// polite live region beside the canvas (index.html; the "a11y" part below).
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
    o.removeAttribute('aria-hidden');
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
    embed.event({type: 'error', error: failure});
    a11y.stopped(failure);
  }

  function notReady() {
    return {ok: false, error: failure ? 'UNAVAILABLE: ' + failure : 'NOT_READY: the app is still starting'};
  }

  // The text goes through the heap, not ccall's 'string' argument: ccall puts
  // a string on the 5 MiB C stack (4 bytes per character), so a command
  // carrying a model file or a zip of a few MB (loadModel, load_images) would
  // overflow it and stop the module.
  function call(fn, text) {
    let arg = 0;
    try {
      if (text === undefined) return JSON.parse(Module.ccall(fn, 'string', [], []));
      const n = Module.lengthBytesUTF8(text) + 1;
      arg = Module._malloc(n);
      if (!arg) return {ok: false, error: 'RESOURCE_EXHAUSTED: no memory for a command of ' + n + ' bytes'};
      Module.stringToUTF8(text, arg, n);
      return JSON.parse(Module.ccall(fn, 'string', ['number'], [arg]));
    } catch (e) {
      return {ok: false, error: 'INTERNAL: ' + ((e && e.message) || e)};
    } finally {
      try { if (arg) Module._free(arg); } catch (e) { /* the module stopped: its heap is gone anyway */ }
    }
  }

  // ------------------------------------------------------------ loading
  // The .wasm (about 3 MB, most of the start-up time on a slow network) is
  // fetched by us, beside the script, so the page can show its progress;
  // WebAssembly.instantiateStreaming still compiles it while it downloads.
  const timing = {wasm_downloaded_ms: null, first_frame_ms: null};
  const wasmFetches = {};
  let progressShown = 0;
  function progress(loaded, total) {
    const now = performance.now();
    if (up || failure || (now - progressShown < 100 && loaded !== total)) return;
    progressShown = now;
    const mb = (n) => (n / 1048576).toFixed(1);
    const bar = document.getElementById('overlay-progress');
    if (bar && total > 0) {
      bar.hidden = false;
      bar.value = Math.min(1, loaded / total);
    }
    show('Loading the playground…', total > 0 ? 'Downloading ' + mb(loaded) + ' of ' + mb(total) + ' MB (' +
         Math.round(100 * loaded / total) + '%)' : 'Downloading ' + mb(loaded) + ' MB', false);
  }
  let wasmName = null;
  function prefetch(name) {
    wasmName = name;
    if (wasmFetches[name] || typeof fetch !== 'function') return;
    wasmFetches[name] = fetch(name, {credentials: 'same-origin'}).then((res) => {
      if (!res.ok) throw new Error('could not download ' + name + ' (HTTP ' + res.status + ')');
      // Compressed on the wire: Content-Length counts the compressed bytes,
      // the stream gives the uncompressed ones, so no percentage then.
      const total = res.headers.get('Content-Encoding') ? 0 : Number(res.headers.get('Content-Length')) || 0;
      if (!res.body || typeof TransformStream !== 'function') return res;
      let loaded = 0;
      const count = new TransformStream({
        transform(chunk, ctl) {
          loaded += chunk.byteLength;
          progress(loaded, total);
          ctl.enqueue(chunk);
        },
        flush() { timing.wasm_downloaded_ms = Math.round(performance.now()); },
      });
      return new Response(res.body.pipeThrough(count), {headers: {'Content-Type': 'application/wasm'}});
    });
    wasmFetches[name].catch(() => {});  // reported when the module asks for it
  }
  // Emscripten calls this instead of fetching the .wasm itself.
  function instantiateWasm(imports, receive) {
    const name = wasmName || 'nnplay.wasm';  // the build index.html loads (its fallback included)
    prefetch(name);
    wasmFetches[name]
      .then((res) => (typeof WebAssembly.instantiateStreaming === 'function'
        ? WebAssembly.instantiateStreaming(res, imports)
        : res.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports))))
      .then((r) => receive(r.instance, r.module))
      .catch((e) => fail('the WebAssembly module could not start: ' + ((e && e.message) || e)));
    return {};  // the exports arrive through receive()
  }

  window.nnplayPage = {fail, prefetch};

  window.nnplay = {
    ready,
    get isReady() { return up; },
    status() {
      if (!up) return notReady();
      return call('nnplay_api_status');
    },
    // What the app's views show that no setting holds: the tab in front, the
    // draw pad's reading of the drawing ({predicted, probabilities:
    // {class name: p}, readings}, null before the pad was shown), the
    // message in the banner ("" when none: e.g. why a dropped file was
    // refused) and where some pictures and buttons are on the page
    // (regions: {name: [x, y, width, height]} in CSS pixels).
    ui() {
      if (!up) return notReady();
      return call('nnplay_api_ui');
    },
    // The page's memory: the WebAssembly heap's size (it only grows, in
    // steps, so this bounds its peak), the most bytes malloc held at once
    // since the page loaded (the real peak) and, in Chromium, the JavaScript
    // heap in use.
    memory() {
      if (!up) return notReady();
      const wasm = Module.HEAP8 ? Module.HEAP8.buffer.byteLength : null;
      const peak = Module._nnplay_malloc_peak_bytes ? Module._nnplay_malloc_peak_bytes() : null;
      const js = performance.memory ? performance.memory.usedJSHeapSize : null;
      return {ok: true, wasm_heap_bytes: wasm, malloc_peak_bytes: peak, js_heap_bytes: js};
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
    // The model taken out, as bytes: format 'pytorch' (model.py, weights.npz,
    // sample.npz), 'onnx' (model.onnx and its test set) or 'nnplay' (the
    // model file). Returns {ok, files: [{name, bytes: Uint8Array}]} or {ok: false, error}.
    export(format) {
      if (!up) return notReady();
      const r = call('nnplay_api_command', JSON.stringify({export: format}));
      if (!r || !r.ok) return r;
      const files = r.files.map((f) => {
        if (typeof f.text === 'string') return {name: f.name, bytes: new TextEncoder().encode(f.text)};
        const bin = atob(f.base64), bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; ++i) bytes[i] = bin.charCodeAt(i);
        return {name: f.name, bytes};
      });
      return {ok: true, files};
    },
    // What a page may offer to choose from: every dataset and lesson.
    catalog() {
      if (!up) return notReady();
      return call('nnplay_api_catalog');
    },
    // A model file's bytes (.nnp, or an ONNX model) replace the network.
    loadModel(bytes, name) {
      if (!up) return notReady();
      if (!(bytes instanceof Uint8Array)) return {ok: false, error: 'INVALID_ARGUMENT: loadModel takes a Uint8Array of the file'};
      return window.nnplay.command({load_model: base64(bytes), name: typeof name === 'string' && name ? name : 'model.nnp'});
    },
    timing,
    saved() { return persist.saved(); },
    save() { return persist.save(true); },
    startFresh() { return persist.startFresh(); },
    // Resolves once the start-up restore ran: true when it restored a visit.
    get restored() { return persist.restored; },
  };

  function base64(bytes) {
    let bin = '';
    for (let i = 0; i < bytes.length; i += 32768) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
    return btoa(bin);
  }

  // ------------------------------------------------------------- persist
  // The last state in IndexedDB: {start, hash, model, step, dataset,
  // architecture, time}. `start` is the link as opened and `hash` the one the
  // app wrote since; either opened again (a reload keeps the app's hash; a
  // course page or bookmark opens its link again) restores the weights.
  const persist = (() => {
    const STORE = 'state', KEY = 'last', EVERY_MS = 15000;
    let dbPromise = null, off = false, lastMs = 0, lastStep = -1, lastHash = null, wasRunning = false, busy = null;
    // The exercise's link: as this page was opened, or as the visit it
    // restored was first opened (a reload opens the app's rewritten hash).
    let link = null;  // null: startQuery (defined further down)
    const exercise = () => (link === null ? startQuery : link);

    function db() {
      if (!dbPromise) {
        dbPromise = new Promise((resolve, reject) => {
          if (typeof indexedDB === 'undefined') return reject(new Error('this browser keeps no IndexedDB'));
          const r = indexedDB.open('nnplay', 1);
          r.onupgradeneeded = () => r.result.createObjectStore(STORE);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error || new Error('IndexedDB could not be opened'));
          r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
        });
        dbPromise.catch(() => {});
      }
      return dbPromise;
    }
    async function op(mode, fn) {
      const d = await db();
      return new Promise((resolve, reject) => {
        const tx = d.transaction(STORE, mode);
        const r = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(r.result);
        tx.onerror = tx.onabort = () => reject(tx.error || new Error('IndexedDB transaction failed'));
      });
    }
    const read = () => op('readonly', (st) => st.get(KEY));

    async function saved() {
      try {
        const rec = await read();
        return rec ? {step: rec.step, dataset: rec.dataset, architecture: rec.architecture, time: rec.time, hash: rec.hash} : null;
      } catch (e) {
        return null;
      }
    }

    // Keeps the current state (now, or when due). Not while a dataset loads
    // or after a divergence (the weights are not worth keeping then).
    function save(force) {
      if (off || !up) return Promise.resolve(false);
      const s = window.nnplay.status();
      if (!s || s.ok === false || s.loading || s.diverged) return Promise.resolve(false);
      const hash = window.location.hash;
      if (!force && s.step === lastStep && hash === lastHash) return Promise.resolve(false);
      const out = window.nnplay.export('nnplay');
      if (!out.ok) return Promise.resolve(false);
      lastMs = performance.now();
      lastStep = s.step;
      lastHash = hash;
      const rec = {start: exercise(), hash: hash.replace(/^#/, ''), model: out.files[0].bytes, step: s.step,
                   dataset: s.dataset, architecture: s.architecture, time: Date.now()};
      busy = op('readwrite', (st) => st.put(rec, KEY)).then(() => true, (e) => {
        console.warn('nnplay: the state was not kept in the browser:', e && e.message);
        return false;
      });
      return busy;
    }

    // From the status watch: every EVERY_MS while it changes, and at a pause.
    function poll(s, now) {
      const paused = wasRunning && !s.running;
      wasRunning = !!s.running;
      if (paused || now - lastMs >= EVERY_MS) save(false);
    }

    function ago(ms) {
      const min = Math.round((Date.now() - ms) / 60000);
      if (min < 1) return 'just now';
      if (min < 90) return min + ' min ago';
      const h = Math.round(min / 60);
      return h < 36 ? h + ' h ago' : new Date(ms).toLocaleDateString();
    }

    function note(text, withFresh) {
      const box = document.getElementById('restored');
      if (!box) return;
      document.getElementById('restored-text').textContent = text;
      document.getElementById('restored-fresh').hidden = !withFresh;
      box.hidden = false;
      setTimeout(() => { box.hidden = true; }, 20000);
    }

    let restoredDone;
    const restored = new Promise((resolve) => { restoredDone = resolve; });
    // At start-up: the last state, if this page was opened with its link.
    async function restore() {
      const done = await restoreOnce();
      restoredDone(done);
    }
    async function restoreOnce() {
      let restoredNow = false;
      let rec = null;
      try {
        rec = await read();
      } catch (e) {
        console.warn('nnplay: no saved state read:', e && e.message);
      }
      if (rec && (startQuery === rec.start || startQuery === rec.hash) && rec.model) {
        const r = window.nnplay.loadModel(rec.model, 'saved.nnp');
        if (r.ok) {
          restoredNow = true;
          link = rec.start;
          // The model file holds the settings; a view the link named comes back too.
          const view = new URLSearchParams(rec.hash).get('view');
          if (view) window.nnplay.command({view});
          lastStep = 0;
          lastHash = window.location.hash;
          note('Restored from your last visit (' + ago(rec.time) + '): ' + rec.architecture + ' on ' + rec.dataset +
               ', trained ' + rec.step + ' steps. Its curves start again.', true);
          // after the live region's 'Playground ready' (the first status read)
          setTimeout(() => a11y.said('Restored your network from your last visit, trained ' + rec.step +
                                     ' steps. Start fresh is in the controls.'), 1000);
        } else {
          note('Your last visit could not be restored (' + r.error.replace(/^[A-Z_]+: /, '') + '); this is a fresh start.', false);
        }
      }
      lastMs = performance.now();
      document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') save(false); });
      window.addEventListener('pagehide', () => save(false));
      return restoredNow;
    }

    // Forgets the kept state and reloads the link as it was first opened.
    async function startFresh() {
      off = true;
      try {
        if (busy) await busy;
        await op('readwrite', (st) => st.delete(KEY));
      } catch (e) {
        console.warn('nnplay: the kept state could not be removed:', e && e.message);
      }
      history.replaceState(null, '', window.location.pathname + window.location.search + (exercise() ? '#' + exercise() : ''));
      window.location.reload();
      return true;
    }

    return {saved, save, poll, restore, startFresh, restored};
  })();

  // ------------------------------------------------------------ embedding
  // postMessage between a course page (window.parent) and the app in its
  // iframe. The link's page keys are read once, before the app rewrites the
  // URL (the app keeps them in it, so a reload keeps them too).
  const PAGE_KEYS = ['parent_origin'];
  const startQuery = (() => {
    const h = window.location.hash || '', q = window.location.search || '';
    return h.length > 1 ? h.slice(1) : (q.length > 1 ? q.slice(1) : '');
  })();

  // null: any origin may drive the app; else the allowed origins (an entry
  // that is no http(s) origin is dropped with a warning, so a typo allows
  // less, never more).
  function parentOrigins() {
    const text = new URLSearchParams(startQuery).get('parent_origin');
    if (text === null) return null;
    const list = [];
    for (const item of text.split(',')) {
      const t = item.trim();
      if (!t) continue;
      let origin = null;
      try {
        const u = new URL(t);
        if ((u.protocol === 'https:' || u.protocol === 'http:') && t.replace(/\/$/, '') === u.origin) origin = u.origin;
      } catch (e) { /* not a URL */ }
      if (origin) list.push(origin);
      else console.warn('nnplay: parent_origin entry ignored (expected e.g. https://course.example.org):', t);
    }
    return list;
  }

  const embed = (() => {
    const framed = window.parent !== window;
    const allowed = parentOrigins();
    let sub = null;  // {every: 'step'|'epoch', interval_ms, last_ms, last_step, last_epoch}

    function post(msg, origin) {
      try {
        window.parent.postMessage(msg, origin);
      } catch (e) {
        console.warn('nnplay: message to the parent page not sent:', e && e.message);
      }
    }

    // An event goes to every allowed origin (the browser delivers it only if
    // the parent has that origin), or to any parent when none is set.
    function event(msg) {
      if (!framed) return;
      const m = Object.assign({nnplay: 'event'}, msg);
      if (allowed === null) post(m, '*');
      else for (const o of allowed) post(m, o);
    }

    const error = (text) => ({ok: false, error: text});

    function subscribe(m) {
      const every = m.every === undefined ? 'step' : m.every;
      if (every !== 'step' && every !== 'epoch') return error("INVALID_ARGUMENT: every must be 'step' or 'epoch'");
      const ms = m.interval_ms === undefined ? 500 : m.interval_ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 50 || ms > 3600000)
        return error('INVALID_ARGUMENT: interval_ms must be a number of milliseconds from 50 to 3600000');
      sub = {every, interval_ms: ms, last_ms: 0, last_step: -1, last_epoch: null};
      return {ok: true, every, interval_ms: ms};
    }

    // One parent message: the reply object (without nnplay and id).
    function answer(m) {
      switch (m.nnplay) {
        case 'command':
          if (m.command === null || typeof m.command !== 'object' || Array.isArray(m.command))
            return error("PARSE_ERROR: command must be an object like {action: 'train'}");
          if (!up) return notReady();
          return window.nnplay.command(m.command);
        case 'status': {
          if (!up) return notReady();
          const s = window.nnplay.status();
          return s && s.ok === false ? s : {ok: true, status: s};
        }
        case 'subscribe':
          if (!up) return notReady();
          return subscribe(m);
        case 'unsubscribe':
          sub = null;
          return {ok: true};
        default:
          return error("INVALID_ARGUMENT: unknown message kind nnplay='" + String(m.nnplay).slice(0, 40) +
                       "' (expected command, status, subscribe or unsubscribe)");
      }
    }

    function onMessage(e) {
      if (!framed || e.source !== window.parent) return;  // only the page that frames the app
      if (allowed !== null && !allowed.includes(e.origin)) return;  // no effect, and no reply to that origin
      let m = e.data;
      let malformed = null;
      if (typeof m === 'string' && m.includes('"nnplay"')) {
        // postMessage(JSON.stringify(...)): say so instead of ignoring it
        try { m = JSON.parse(m); } catch (err) { return; }
        if (!m || typeof m !== 'object' || !('nnplay' in m)) return;
        malformed = 'PARSE_ERROR: post the message as an object, not as JSON text';
      }
      if (!m || typeof m !== 'object' || !('nnplay' in m)) return;  // another library's message
      if (m.nnplay === 'reply' || m.nnplay === 'event') return;     // our own kinds, echoed back
      const reply = malformed ? error(malformed) : answer(m);
      const target = e.origin && e.origin !== 'null' ? e.origin : '*';  // a sandboxed parent has an opaque origin
      let id = m.id === undefined ? null : m.id;
      try {
        e.source.postMessage(Object.assign({nnplay: 'reply', id}, reply), target);
      } catch (err) {  // an id that cannot be cloned (a function, a DOM node)
        id = null;
        e.source.postMessage({nnplay: 'reply', id, ok: false, error: 'PARSE_ERROR: id cannot be posted back: ' + err.message}, target);
      }
    }
    window.addEventListener('message', onMessage);

    // Called with each status the page reads (watch below): metrics events
    // at the subscribed rate, and a diverged event when a run pauses itself.
    let diverged = false;
    let challengeMet = false;
    function poll(s, now) {
      if (!framed) return;
      if (s.diverged && !diverged) event({type: 'diverged', message: s.last_error, step: s.step});
      diverged = !!s.diverged;
      const c = s.challenge;
      if (c && c.met && !challengeMet) {
        event({type: 'challenge', met: true, step: c.met_step, value: c.met_value, network: c.met_network, goal: c.goal});
      }
      challengeMet = !!(c && c.met);
      if (!sub || now - sub.last_ms < sub.interval_ms) return;
      const epochs = Math.floor(s.epoch || 0);
      if (sub.last_epoch === null) sub.last_epoch = epochs;  // epoch events count from the subscription
      const due = sub.every === 'step' ? s.step !== sub.last_step : epochs !== sub.last_epoch;
      if (!due) return;
      sub.last_ms = now;
      sub.last_step = s.step;
      sub.last_epoch = epochs;
      event({type: sub.every, step: s.step, epoch: s.epoch, loss_train: s.loss_train, loss_val: s.loss_val,
             acc_train: s.acc_train, acc_val: s.acc_val, running: s.running});
    }

    return {event, poll, get subscribed() { return !!sub; }};
  })();

  // ------------------------------------------------------------------ a11y
  // The canvas is one picture to a screen reader. Beside it (index.html): a
  // visually hidden description of the setup, a polite live region with the
  // progress, and real buttons and menus that drive window.nnplay.command.
  const a11y = (() => {
    const $ = (id) => document.getElementById(id);
    const CALM_MS = 10000;  // at most one progress announcement per 10 s while training
    let last = null, lastSaid = 0, said = '', saidStep = -1, saidEpoch = 0;
    const pct = (x) => (typeof x === 'number' ? Math.round(100 * x) + '%' : 'not measured yet');
    const num = (x) => (typeof x === 'number' ? x.toPrecision(3) : 'not measured yet');
    let titles = {}, lessonTitles = {};

    function say(text) {
      const live = $('a11y-live');
      if (!live) return;
      // the same words again would not be announced: add a no-break space
      said = text === said ? text + '\u00a0' : text;
      live.textContent = said;
      lastSaid = performance.now();
    }

    function progress(s) {
      let t = 'Step ' + s.step + ', epoch ' + (s.epoch || 0).toFixed(1) + '. Training loss ' + num(s.loss_train) +
              ', validation loss ' + num(s.loss_val);
      if (typeof s.acc_val === 'number') t += ', validation accuracy ' + pct(s.acc_val);
      return t + '.';
    }

    function describe(s) {
      const d = titles[s.dataset] || s.dataset;
      let t = 'Dataset: ' + d + '. Network: ' + (s.model === 'mlp' ? s.architecture + ' (hidden layers ' + (s.layers || 'none') + ')' : s.architecture) +
              ', ' + s.num_params + ' parameters. Optimizer: ' + s.optimizer + ', learning rate ' + s.lr + ', batch size ' + s.batch_size + '.';
      if (s.lesson) t += ' Lesson: ' + (lessonTitles[s.lesson.id] || s.lesson.id) + '.';
      return t;
    }

    function sync(s) {
      const desc = $('a11y-setup-text');
      const text = describe(s);
      if (desc && desc.textContent !== text) desc.textContent = text;
      const train = $('a11y-train');
      if (train) {
        const label = s.running ? 'Pause' : 'Train';
        if (train.textContent !== label) train.textContent = label;
      }
      const ds = $('a11y-dataset');
      if (ds && document.activeElement !== ds && ds.value !== s.dataset) ds.value = s.dataset;
    }

    function update(s, now) {
      let text = null;
      if (!last) {
        text = 'Playground ready. ' + describe(s) + (s.running ? ' Training.' : ' Paused: press Train to start.');
      } else if (s.diverged && !last.diverged) {
        text = 'Training stopped: ' + s.last_error;
      } else if (s.running && !last.running) {
        text = 'Training started at step ' + s.step + '.';
      } else if (!s.running && last.running) {
        text = 'Training paused at step ' + s.step + '. ' + progress(s) + (s.last_error ? ' ' + s.last_error : '');
      } else if (s.loading && !last.loading) {
        text = 'Loading ' + (titles[s.dataset] || s.dataset) + '…';
      } else if (!s.loading && last.loading) {
        text = s.last_error ? s.last_error : (titles[s.dataset] || s.dataset) + ' loaded.';
      } else if (s.lesson && s.lesson.finished && !(last.lesson && last.lesson.finished)) {
        text = 'Lesson finished: ' + (s.lesson.holds ? 'the claim holds. ' : 'the claim does not hold here. ') + (s.lesson.outcome || '');
      } else if (s.running && now - lastSaid >= CALM_MS && s.step !== saidStep) {
        const epochs = Math.floor(s.epoch || 0);
        text = (epochs > saidEpoch ? 'Epoch ' + epochs + ' finished. ' : '') + progress(s);
      }
      if (text !== null) {
        say(text);
        saidStep = s.step;
        saidEpoch = Math.floor(s.epoch || 0);
      }
      sync(s);
      last = s;
    }

    function run(cmd) {
      const r = window.nnplay.command(cmd);
      if (!r.ok) say('Not done: ' + r.error.replace(/^[A-Z_]+: /, ''));
      else update(r.status, performance.now());
      return r;
    }

    function start() {
      const bar = $('a11y-bar');
      if (!bar) return;
      const cat = window.nnplay.catalog();
      if (cat.ok) {
        const ds = $('a11y-dataset');
        const groups = {};
        for (const d of cat.datasets) {
          titles[d.key] = d.title;
          if (!groups[d.family]) {
            groups[d.family] = document.createElement('optgroup');
            groups[d.family].label = d.family;
            ds.appendChild(groups[d.family]);
          }
          groups[d.family].appendChild(new Option(d.title, d.key));
        }
        const ls = $('a11y-lesson');
        for (const l of cat.lessons) {
          lessonTitles[l.id] = l.title;
          ls.appendChild(new Option(l.section + ': ' + l.title, l.id));
        }
      }
      // An exercise's link hides or locks the dataset and the lessons here too
      // (the app's own reading of hide= and lock=, from the catalog).
      const hidden = new Set(cat.ok ? cat.hidden : []), locked = new Set(cat.ok ? cat.locked : []);
      for (const [name, select, button] of [['dataset', 'a11y-dataset', 'a11y-use-dataset'],
                                            ['lessons', 'a11y-lesson', 'a11y-start-lesson']]) {
        if (hidden.has(name)) $(select).closest('.a11y-group').hidden = true;
        if (locked.has(name)) {
          $(select).disabled = $(button).disabled = true;
          $(button).title = 'This exercise fixes it (the link locks ' + name + ').';
        }
      }
      $('a11y-train').addEventListener('click', () => run({action: last && last.running ? 'pause' : 'train'}));
      $('a11y-step').addEventListener('click', () => {
        const r = run({action: 'step'});
        if (r.ok) say('One step: ' + progress(r.status));
      });
      $('a11y-reset').addEventListener('click', () => {
        const r = run({action: 'reset'});
        if (r.ok) say('Reset: fresh weights, step 0.');
      });
      $('a11y-use-dataset').addEventListener('click', () => {
        const r = run({dataset: $('a11y-dataset').value});
        if (r.ok) say('Dataset ' + (titles[r.status.dataset] || r.status.dataset) + '. ' + describe(r.status));
      });
      $('a11y-fresh').addEventListener('click', () => {
        say('Starting fresh: the kept network is forgotten and the page reloads.');
        window.nnplay.startFresh();
      });
      $('a11y-start-lesson').addEventListener('click', () => {
        const id = $('a11y-lesson').value;
        if (!id) return say('Choose a lesson first.');
        const r = run({lesson: id, action: 'train'});
        if (r.ok) say('Lesson ' + (lessonTitles[id] || id) + ' started.');
      });
      // Keys on these controls are theirs (SDL would take Tab, arrows and
      // Backspace for the app); Escape goes back to the app.
      bar.addEventListener('keydown', (e) => {
        e.stopPropagation();
        if (e.key === 'Escape' && bar.contains(document.activeElement)) document.activeElement.blur();
      });
      bar.addEventListener('keyup', (e) => e.stopPropagation());
      bar.addEventListener('keypress', (e) => e.stopPropagation());
      // Tab from the app reaches these controls, unless an app text field has the keyboard.
      window.addEventListener('keydown', (e) => {
        if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
        const a = document.activeElement;
        if (a && a !== document.body && a !== document.documentElement && a.id !== 'canvas') return;
        let typing = 0;
        try { typing = Module.ccall('nnplay_ui_wants_text', 'number', [], []); } catch (err) { /* not up */ }
        if (!typing) e.stopPropagation();
      }, true);
      // A click on the canvas gives the keyboard back to the app.
      window.addEventListener('pointerdown', (e) => {
        if (bar.contains(document.activeElement) && !bar.contains(e.target)) document.activeElement.blur();
      }, true);
      bar.removeAttribute('hidden');
    }

    function stopped(text) {
      say('nnplay stopped: ' + text);
      const bar = $('a11y-bar');
      if (bar) bar.setAttribute('hidden', '');
    }

    // The draw pad's reading, when it changes its mind (not for every stroke).
    let drawnSaid = null;
    function drawing(u) {
      const d = u && u.ok !== false ? u.drawing : null;
      const now = d && d.predicted !== null ? d.predicted : null;
      if (now === drawnSaid) return;
      drawnSaid = now;
      if (now !== null) say('The network reads your drawing as ' + now + ' (' + pct(d.probabilities[now]) + ').');
    }

    return {update, start, stopped, drawing, said: say};
  })();

  // One status read for everyone who watches it (the parent page's events,
  // the live region): 4 times a second while the app is up.
  function watch() {
    const tick = () => {
      if (!up) return;
      const s = window.nnplay.status();
      if (s && s.ok !== false) {
        const now = performance.now();
        embed.poll(s, now);
        a11y.update(s, now);
        a11y.drawing(window.nnplay.ui());
        persist.poll(s, now);
      }
      setTimeout(tick, 250);
    };
    tick();
  }

  // ------------------------------------------------------------- offline
  // sw.js keeps what this visit used (the page, its scripts, the build's
  // .wasm, the datasets fetched), so the next start works without a network.
  function offline() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('sw.js').then(() => navigator.serviceWorker.ready).then((reg) => {
      const here = window.location.origin;
      const urls = [window.location.pathname];
      for (const e of performance.getEntriesByType('resource')) {
        const u = new URL(e.name);
        if (u.origin === here && !u.pathname.endsWith('/sw.js')) urls.push(u.pathname);
        if (u.origin === here && u.pathname.endsWith('/nnplay-mt.js')) urls.push(u.pathname.replace(/\.js$/, '.worker.js'));
      }
      if (reg.active) reg.active.postMessage({nnplay: 'keep', urls: [...new Set(urls)]});
    }).catch((e) => console.warn('nnplay: no offline copy (service worker):', e && e.message));
  }

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
      timing.first_frame_ms = Math.round(performance.now());
      const o = overlay();
      if (o) {
        o.classList.add('hidden');
        o.setAttribute('aria-hidden', 'true');  // the loading text leaves the accessibility tree
      }
      resolveReady(true);
      // Called from inside the app's frame: nothing here may throw into it.
      try {
        a11y.start();
        embed.event({type: 'ready', status: window.nnplay.status()});
      } catch (e) {
        console.warn('nnplay: page controls not set up:', e);
      }
      const fresh = document.getElementById('restored-fresh');
      if (fresh) fresh.addEventListener('click', () => window.nnplay.startFresh());
      const close = document.getElementById('restored-close');
      if (close) close.addEventListener('click', () => { document.getElementById('restored').hidden = true; });
      persist.restore().finally(watch);
      offline();
    },
    instantiateWasm,
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
    for (const key of PAGE_KEYS) delete settings[key];  // read once at start-up, never from a later hash
    const reply = window.nnplay.command(settings);
    if (!reply.ok) console.warn('nnplay: link not applied:', reply.error);
  });

  window.addEventListener('error', (e) => {
    if (!up && e && e.message) fail(e.message);
  });
})();
