#!/usr/bin/env node
// embed_test.mjs — nnplay inside a course page, and read by a screen reader:
// headless Chromium (Debian's, through playwright-core) on the built page.
//
//   node tests/browser/embed_test.mjs [--web build/web] [--out build/browser]
//
// The app is served on http://127.0.0.1:P without the cross-origin isolation
// headers (a plain static host, so the 1-thread nnplay.js runs); a host page
// on http://localhost:Q (another origin) frames it and talks to it with
// postMessage only (web/nnplay-api.js). Checks:
//   1. the ready event arrives with a status;
//   2. {nnplay:'command'} trains ({dataset:'xor', action:'train'}) and replies
//      {ok:true, status}; a bad command ({lr:'abc'}, an unknown key) replies
//      {ok:false, error} and changes nothing; malformed messages (unknown kind,
//      a command that is no object, JSON text) reply with an error, messages
//      without an nnplay field get no reply;
//   3. subscribe yields step events with rising steps, then epoch events;
//      unsubscribe stops them; a run at a huge learning rate sends 'diverged';
//      a link's challenge (goal=) sends 'challenge' once it is met;
//   4. parent_origin: with the host's origin in the list commands work; with
//      only another origin the host's commands have no effect and no reply
//      or event reaches it; the README's host-page example, as written (its
//      origins replaced), shows its checkmark;
//   5. accessibility: the loading text leaves the accessibility tree, the
//      buttons, menus and the live region are in it, the live region's text
//      changes when training starts, the hidden controls drive the app and
//      show as a bar when focused (Tab from the app); screenshots at 1280x800
//      and 390x844 (phone, 2x) with and without the bar, in <out>/a11y-*.png.
// Needs: scripts/play --build-only (build/web), scripts/bootstrap (playwright-core, chromium).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { repo, options, checker, serve, launch, sleep } from './harness.mjs';

const { web, out } = options();
const { check, finish } = checker('embed test');

// --- the app on 127.0.0.1:P, without isolation headers
const server = await serve(web, ['--no-isolation']);
const app = server.url;

// --- the course page on localhost:Q: frames the app, keeps every message it
// gets per frame, and sends messages with send(frame, msg) -> reply (or null
// after a timeout).
const hostHtml = `<!doctype html><html><head><meta charset="utf-8"><title>course</title></head><body>
<h1>A course page</h1>
<script>
const frames = {};
const log = {};
function addFrame(name, src) {
  const f = document.createElement('iframe');
  f.name = name;
  f.src = src;
  f.width = 400; f.height = 240;  // all in view: browsers pause the frames of an iframe scrolled out of view
  document.body.appendChild(f);
  frames[name] = f;
  log[name] = [];
}
window.addEventListener('message', (e) => {
  for (const [name, f] of Object.entries(frames))
    if (e.source === f.contentWindow) log[name].push({origin: e.origin, data: e.data, t: performance.now()});
});
let nextId = 1;
function send(name, msg, timeoutMs = 3000) {
  const id = 'm' + nextId++;
  const m = (msg && typeof msg === 'object' && !('id' in msg)) ? Object.assign({id}, msg) : msg;
  frames[name].contentWindow.postMessage(m, '*');
  const want = JSON.stringify((m && typeof m === 'object') ? m.id : null);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const look = () => {
      const r = log[name].find((x) => x.data && x.data.nnplay === 'reply' && JSON.stringify(x.data.id) === want && !x.taken);
      if (r) { r.taken = true; return resolve(r.data); }
      if (performance.now() - t0 > timeoutMs) return resolve(null);
      setTimeout(look, 20);
    };
    look();
  });
}
</script></body></html>`;
// /readme: the README's host-page example as written, with its two origins
// replaced by this test's.
const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Embedding nnplay in a course page'));
const example = (/```html\n([\s\S]*?)```/.exec(section) || [])[1] || '';
const hostServer = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(req.url.startsWith('/readme')
    ? example.replaceAll('https://nnplay.example.org', app.replace(/\/$/, '')).replaceAll('https://course.example.org', hostOrigin)
    : hostHtml);
});
await new Promise((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
const hostOrigin = `http://localhost:${hostServer.address().port}`;

const browser = await launch();

const errors = [];
function watchErrors(page) {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
}
function stddev(png) {
  const v = execFileSync('convert', [png, '-colorspace', 'Gray', '-format', '%[fx:standard_deviation]', 'info:']);
  return Number(String(v).trim());
}

const messages = (page, name) => page.evaluate((n) => log[n].map((x) => ({ origin: x.origin, data: x.data })), name);
const events = async (page, name, type) => (await messages(page, name)).filter((m) => m.data && m.data.nnplay === 'event' && (!type || m.data.type === type));
const send = (page, name, msg, timeoutMs) => page.evaluate(([n, m, t]) => send(n, m, t), [name, msg, timeoutMs]);
async function until(what, fn, timeoutMs = 20000) {
  const start = Date.now();
  let v;
  while (Date.now() - start < timeoutMs) {
    v = await fn();
    if (v) return v;
    await sleep(100);
  }
  check(false, what, 'timed out');
  return v;
}
// The app's own window.nnplay in a frame (Playwright reaches into
// cross-origin frames; the host page cannot).
const frameOf = (page, name) => page.frame({ name });

try {
  const host = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  watchErrors(host);
  await host.goto(hostOrigin + '/');
  // A: no parent_origin (any parent may drive it). B: the host's origin among
  // others. C: another origin only.
  await host.evaluate(([app, hostOrigin]) => {
    addFrame('A', app + '#seed=1');
    addFrame('B', app + '#seed=2&goal=acc_val%3E%3D0.8&parent_origin=https://course.example.org,' + hostOrigin);
    addFrame('C', app + '#seed=3&parent_origin=https://course.example.org');
  }, [app, hostOrigin]);

  // 1. ready
  const ready = await until('ready event from frame A', async () => (await events(host, 'A', 'ready'))[0], 60000);
  if (ready) {
    check(ready.data.status && ready.data.status.dataset === 'circle' && ready.data.status.step === 0,
          'ready event carries the status', JSON.stringify(ready.data.status).slice(0, 120));
    check(ready.origin === app.replace(/\/$/, ''), 'events come from the app origin', ready.origin);
  }
  const frameA = frameOf(host, 'A');
  const env = await frameA.evaluate(() => ({ isolated: self.crossOriginIsolated,
    scripts: [...document.scripts].map((x) => x.src.split('/').pop()).filter((n) => /^nnplay(-mt)?\.js$/.test(n)) }));
  check(env.isolated === false && env.scripts.join() === 'nnplay.js', 'the framed app runs the 1-thread build', JSON.stringify(env));

  // 2. commands
  const statusBefore = await send(host, 'A', { nnplay: 'status' });
  check(statusBefore && statusBefore.ok === true && statusBefore.status.step === 0, "{nnplay:'status'} replies {ok, status}",
        JSON.stringify(statusBefore).slice(0, 120));
  let r = await send(host, 'A', { nnplay: 'command', id: 42, command: { dataset: 'xor', layers: '8:tanh', action: 'train' } });
  check(r && r.ok === true && r.id === 42 && r.status.dataset === 'xor' && r.status.running === true,
        'a valid command replies ok with its status (and the id given)', JSON.stringify(r).slice(0, 160));
  const bad = await send(host, 'A', { nnplay: 'command', id: { a: [1] }, command: { lr: 'abc' } });
  check(bad && bad.ok === false && /lr/.test(bad.error) && bad.id && bad.id.a[0] === 1, "{lr:'abc'} replies ok:false naming lr (any id comes back)",
        JSON.stringify(bad));
  const unknown = await send(host, 'A', { nnplay: 'command', command: { learning_rate: 0.1 } });
  check(unknown && unknown.ok === false && /unknown setting 'learning_rate'/.test(unknown.error), 'an unknown key replies ok:false', unknown && unknown.error.slice(0, 80));
  const origin = await send(host, 'A', { nnplay: 'command', command: { parent_origin: 'https://evil.example' } });
  check(origin && origin.ok === false, 'parent_origin cannot be set by a command', origin && origin.error.slice(0, 80));
  r = await send(host, 'A', { nnplay: 'status' });
  check(r && r.status.dataset === 'xor' && Math.abs(r.status.lr - 0.03) < 1e-6 && r.status.layers === '8:tanh',
        'bad commands change nothing', JSON.stringify({ dataset: r && r.status.dataset, lr: r && r.status.lr }));
  for (const [what, msg, re] of [
    ['unknown kind', { nnplay: 'dance' }, /unknown message kind/],
    ['command that is no object', { nnplay: 'command', command: 'train' }, /command must be an object/],
    ['command that is an array', { nnplay: 'command', command: [1, 2] }, /command must be an object/],
    ['bad subscribe', { nnplay: 'subscribe', every: 'minute' }, /every must be/],
  ]) {
    const e = await send(host, 'A', msg);
    check(e && e.ok === false && re.test(e.error), `malformed message (${what}) replies with an error`, e && e.error);
  }
  const json = await host.evaluate(() => {
    frames.A.contentWindow.postMessage(JSON.stringify({ nnplay: 'status', id: 'j1' }), '*');
    return new Promise((res) => setTimeout(() => res(log.A.filter((x) => x.data && x.data.id === 'j1').map((x) => x.data)), 1000));
  });
  check(json.length === 1 && json[0].ok === false && /not as JSON text/.test(json[0].error), 'a message posted as JSON text replies with an error', JSON.stringify(json));
  const nReplies = (await messages(host, 'A')).filter((m) => m.data && m.data.nnplay === 'reply').length;
  await host.evaluate(() => {
    frames.A.contentWindow.postMessage('hello', '*');
    frames.A.contentWindow.postMessage({ type: 'other-library', id: 7 }, '*');
    frames.A.contentWindow.postMessage(null, '*');
  });
  await sleep(800);
  check((await messages(host, 'A')).filter((m) => m.data && m.data.nnplay === 'reply').length === nReplies,
        'messages without an nnplay field are ignored silently');

  // 3. subscribe
  r = await send(host, 'A', { nnplay: 'subscribe', every: 'step', interval_ms: 200 });
  check(r && r.ok === true && r.every === 'step' && r.interval_ms === 200, 'subscribe replies ok', JSON.stringify(r));
  const since = (await events(host, 'A', 'step')).length;
  const steps = await until('5 step events', async () => {
    const ev = (await events(host, 'A', 'step')).slice(since);
    return ev.length >= 5 ? ev : null;
  });
  if (steps) {
    const s = steps.map((e) => e.data.step);
    check(s.every((x, i) => i === 0 || x > s[i - 1]), 'step events have rising steps', s.join(', '));
    const e = steps[steps.length - 1].data;
    check(['step', 'epoch', 'loss_train', 'loss_val', 'acc_train', 'acc_val'].every((k) => k in e) && typeof e.loss_val === 'number',
          'step events carry step, epoch, losses and accuracies', JSON.stringify(e));
  }
  r = await send(host, 'A', { nnplay: 'subscribe', every: 'epoch' });
  check(r && r.ok && r.interval_ms === 500, 'subscribe every epoch (default interval 500 ms)', JSON.stringify(r));
  const epochEvents = await until('2 epoch events', async () => {
    const ev = await events(host, 'A', 'epoch');
    return ev.length >= 2 ? ev : null;
  });
  if (epochEvents) {
    const ep = epochEvents.map((e) => Math.floor(e.data.epoch));
    check(ep[1] > ep[0], 'epoch events follow whole epochs', ep.join(', '));
  }
  r = await send(host, 'A', { nnplay: 'unsubscribe' });
  check(r && r.ok === true, 'unsubscribe replies ok');
  await sleep(300);
  const nMetrics = (await events(host, 'A')).filter((e) => e.data.type === 'step' || e.data.type === 'epoch').length;
  await sleep(1200);
  check((await events(host, 'A')).filter((e) => e.data.type === 'step' || e.data.type === 'epoch').length === nMetrics, 'no metrics events after unsubscribe');

  // diverged: plain SGD at lr 10 on a deep ReLU net (as trainer_test's divergence).
  r = await send(host, 'A', { nnplay: 'command', command: { dataset: 'circle', layers: '64:relu,64:relu,64:relu', lr: 10, loss: 'mse', action: 'train' } });
  check(r && r.ok, 'a run that will diverge starts', r && (r.error || ''));
  const div = await until('diverged event', async () => (await events(host, 'A', 'diverged'))[0], 20000);
  if (div) check(/diverged/.test(div.data.message) && div.data.step > 0, 'the diverged event carries the message', div.data.message.slice(0, 100));
  const sd = await frameA.evaluate(() => window.nnplay.status());
  check(sd.diverged === true && sd.running === false, 'status() says diverged and the run paused', JSON.stringify({ diverged: sd.diverged, running: sd.running }));

  // 4. parent_origin
  const readyB = await until('ready event from frame B (host origin allowed)', async () => (await events(host, 'B', 'ready'))[0], 60000);
  r = await send(host, 'B', { nnplay: 'command', command: { dataset: 'xor', action: 'train' } });
  check(readyB && r && r.ok === true, 'with the host among parent_origin, commands work', JSON.stringify(r).slice(0, 80));
  // B's link also sets a challenge (goal=acc_val>=0.8): XOR meets it, and the parent hears so once.
  const met = await until('challenge event from frame B', async () => (await events(host, 'B', 'challenge'))[0], 30000);
  if (met) check(met.data.met === true && met.data.value >= 0.8 && met.data.step > 0 && /parameters/.test(met.data.network),
                 "a met challenge sends {type:'challenge', met, step, value, network}", JSON.stringify(met.data).slice(0, 160));
  const frameC = frameOf(host, 'C');
  await until('frame C starts', async () => frameC.evaluate(() => window.nnplay && window.nnplay.isReady), 60000);
  const hashC = await frameC.evaluate(() => window.location.hash);
  check(/parent_origin=https:\/\/course\.example\.org/.test(hashC), 'the app keeps parent_origin in the URL it writes back', hashC);
  r = await send(host, 'C', { nnplay: 'command', command: { dataset: 'xor', action: 'train' } }, 1500);
  const r2 = await send(host, 'C', { nnplay: 'dance' }, 500);
  await sleep(500);
  const sC = await frameC.evaluate(() => window.nnplay.status());
  check(r === null && r2 === null && (await messages(host, 'C')).length === 0, 'another origin gets no reply and no event from a parent_origin app');
  check(sC.dataset === 'circle' && sC.running === false && sC.step === 0, "another origin's command has no effect", JSON.stringify({ dataset: sC.dataset, running: sC.running }));
  check(errors.length === 0, 'no page errors (embedded)', errors.join(' | '));
  await host.close();

  // The README's example: the checkmark appears.
  check(example.includes('<iframe') && example.includes('postMessage'), 'the README has a host-page example');
  const ex = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  watchErrors(ex);
  await ex.goto(hostOrigin + '/readme');
  await ex.waitForFunction(() => !document.getElementById('go').disabled, null, { timeout: 60000 });
  await ex.click('#go');
  const mark = await until("the README's example shows its checkmark", async () => {
    const t = await ex.textContent('#mark');
    return t ? t : null;
  }, 30000);
  check(/✓/.test(mark || ''), "the README's example reaches 90% and shows ✓", mark);
  await ex.screenshot({ path: path.join(out, 'embed-readme.png') });
  check(errors.length === 0, "no page errors (README's example)", errors.join(' | '));
  await ex.close();

  // 5. accessibility, on the app's own page
  for (const [name, vp] of [['desktop', { viewport: { width: 1280, height: 800 } }],
                            ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }]]) {
    const page = await browser.newPage(vp);
    watchErrors(page);
    // The app's script held back 1.5 s, to read the page while it loads.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/nnplay.js', async (route) => { await held; await route.continue(); });
    await page.goto(app + '#dataset=spiral&layers=8:tanh,8:tanh', { waitUntil: 'domcontentloaded' });
    const before = await page.locator('body').ariaSnapshot();
    release();
    check(/Loading the playground/.test(before) && !/Playground controls/.test(before),
          `${name}: while loading the loading text is read (and no controls yet)`, JSON.stringify(before).slice(0, 200));
    await page.waitForFunction(() => window.nnplay && window.nnplay.isReady, null, { timeout: 60000 });
    await sleep(600);
    const snap = await page.locator('body').ariaSnapshot();
    if (name === 'desktop') fs.writeFileSync(path.join(out, 'a11y-tree.txt'), snap);
    check(!/Loading the playground/.test(snap), `${name}: the loading overlay leaves the accessibility tree`);
    const want = ['button "Train"', 'button "Step"', 'button "Reset"', 'combobox "Dataset"', 'combobox "Lesson"', 'button "Start lesson"', 'region "Playground controls"'];
    const missing = want.filter((w) => !snap.includes(w));
    check(missing.length === 0, `${name}: labelled buttons and menus are in the accessibility tree`, missing.length ? 'missing ' + missing.join(', ') : '');
    check(/Dataset: Spiral/.test(snap) && /learning rate/.test(snap), `${name}: the setup is described`, (snap.match(/Dataset: [^\n]*/) || [''])[0].slice(0, 140));
    const live = page.locator('#a11y-live');
    check((await live.getAttribute('aria-live')) === 'polite', `${name}: the live region is polite`);
    const said0 = await live.textContent();
    check(/Playground ready/.test(said0), `${name}: the live region says the app is ready`, said0.slice(0, 80));
    // The hidden controls: none covers the canvas until focused.
    const box = await page.locator('#a11y-bar').boundingBox();
    check(box && box.width <= 1 && box.height <= 1, `${name}: the controls are visually hidden while not focused`, JSON.stringify(box));
    const png0 = path.join(out, `a11y-${name}.png`);
    await page.screenshot({ path: png0 });
    check(stddev(png0) > 0.05, `${name}: screenshot is not blank`);
    // Tab from the app reaches the controls (SDL takes Tab otherwise); the bar shows.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    check(focused === 'a11y-train', `${name}: Tab from the app focuses the Train button`, focused);
    const box2 = await page.locator('#a11y-bar').boundingBox();
    check(box2 && box2.width > 300 && box2.y === 0, `${name}: the focused controls show as a bar at the top`, JSON.stringify(box2));
    const png1 = path.join(out, `a11y-${name}-focused.png`);
    await page.screenshot({ path: png1 });
    await page.keyboard.press('Enter');  // Train
    const trained = await until(`${name}: the Train button trains`, async () => {
      const s = await page.evaluate(() => window.nnplay.status());
      return s.running && s.step > 0 ? s : null;
    });
    const said1 = await until(`${name}: the live region changes after training starts`, async () => {
      const t = await live.textContent();
      return t !== said0 ? t : null;
    }, 5000);
    check(/Training started/.test(said1 || ''), `${name}: training start is announced`, said1);
    check((await page.locator('#a11y-train').textContent()) === 'Pause', `${name}: the Train button becomes Pause`);
    if (name === 'desktop') {
      await page.keyboard.press('Enter');  // Pause
      await until('paused is announced', async () => /Training paused/.test(await live.textContent()), 5000);
      // Keyboard on the menu: arrows change it (SDL would swallow them), the button applies it.
      await page.keyboard.press('Tab'); await page.keyboard.press('Tab'); await page.keyboard.press('Tab');
      check(await page.evaluate(() => document.activeElement.id) === 'a11y-dataset', 'Tab moves through the controls to the dataset menu');
      await page.locator('#a11y-dataset').selectOption('xor');
      await page.locator('#a11y-use-dataset').click();
      const sx = await page.evaluate(() => window.nnplay.status());
      check(sx.dataset === 'xor', 'the dataset menu switches the dataset', sx.dataset);
      await page.locator('#a11y-lesson').selectOption('relu-vs-sigmoid');
      await page.locator('#a11y-start-lesson').click();
      const sl = await page.evaluate(() => window.nnplay.status());
      check(sl.lesson && sl.lesson.id === 'relu-vs-sigmoid', 'the lesson menu starts a lesson', JSON.stringify(sl.lesson));
      await page.keyboard.press('Escape');
      const back = await page.evaluate(() => document.activeElement === document.body);
      const box3 = await page.locator('#a11y-bar').boundingBox();
      check(back && box3.width <= 1, 'Escape gives the keyboard back to the app and hides the bar');
    }
    check(trained && errors.length === 0, `${name}: no page errors`, errors.join(' | '));
    await page.close();
  }

  // 6. An exercise's lock and hide reach the accessible controls too.
  {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watchErrors(page);
    await page.goto(app + '#dataset=circle&lock=dataset&hide=lessons', { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.nnplay && window.nnplay.isReady, null, { timeout: 60000 });
    await sleep(300);
    const st = await page.evaluate(() => ({
      dataset: document.getElementById('a11y-dataset').disabled, use: document.getElementById('a11y-use-dataset').disabled,
      lessonsHidden: document.getElementById('a11y-lesson').closest('.a11y-group').hidden,
      train: document.getElementById('a11y-train').disabled }));
    check(st.dataset && st.use && !st.train, 'lock=dataset disables the accessible dataset menu (not Train)', JSON.stringify(st));
    check(st.lessonsHidden, 'hide=lessons hides the accessible lesson menu', JSON.stringify(st));
    await page.close();
  }
  // 7. A tap on a phone: the button works, and the pointer leaves once the
  // finger lifts (else the tapped button's tooltip sticks until the next tap).
  {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    watchErrors(page);
    await page.goto(app + '#dataset=spiral', { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.nnplay && window.nnplay.isReady, null, { timeout: 60000 });
    await sleep(500);
    const pointer = () => page.evaluate(() => Module.ccall('nnplay_ui_pointer_present', 'number', [], []));
    const before = (await page.evaluate(() => window.nnplay.status())).step;
    await page.touchscreen.tap(137, 50);  // Step, in the phone layout's run strip
    await sleep(600);
    const after = (await page.evaluate(() => window.nnplay.status())).step;
    check(after === before + 1, 'phone: a tap on Step takes one step', `${before} -> ${after}`);
    check((await pointer()) === 0, 'phone: after the tap the pointer leaves (no tooltip sticks)');
    await page.screenshot({ path: path.join(out, 'touch-after-tap.png') });
    await page.mouse.move(200, 300);  // a real mouse brings it back
    await sleep(300);
    check((await pointer()) === 1, 'phone: a mouse that moves is seen again');
    await page.close();
  }
} catch (e) {
  check(false, 'embed test ran to the end', String(e && e.stack || e));
} finally {
  await browser.close();
  server.stop();
  hostServer.close();
}
finish(` (screenshots in ${out})`);
