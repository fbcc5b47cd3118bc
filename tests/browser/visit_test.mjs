#!/usr/bin/env node
// visit_test.mjs — coming back to nnplay: reload, reopening the link, Start
// fresh, offline start, and how long the page takes to load. Headless
// Chromium (Debian's, through playwright-core) on the built page.
//
//   node tests/browser/visit_test.mjs [--web build/web] [--out build/browser]
//
// Checks:
//   1. reload: a network trained 150 steps comes back after a reload with the
//      same weights (the ONNX export's sample outputs equal bit for bit), the
//      same settings and a visible note with "Start fresh"; a new tab with the
//      same link restores it too; another link does not;
//   2. Start fresh forgets it: the page reloads with the link's own setup,
//      fresh weights, nothing kept;
//   3. offline: after one visit the server stops, and a reload still starts
//      the app (sw.js) and trains;
//   4. loading: the page shows download progress; the .wasm goes out
//      compressed; time from navigation to the first frame, cold (a new
//      profile) at full speed, 10 and 3 Mbit/s, and warm (a reload), printed
//      as a table (README: "Load times"); the single-thread build, as a
//      plain host serves it.
//   5. own data: a CSV chosen with Load CSV… (the file chooser) trains to
//      95%; a damaged one dropped on the page is refused by line and column.
// Needs: scripts/play --build-only (build/web), scripts/bootstrap (playwright-core, chromium).
import path from 'node:path';
import { options, checker, serve, launch, errorsOf, ready, status, command, sleep } from './harness.mjs';

const { web, out } = options();
const { check, finish } = checker('visit test');

const browser = await launch();
const servers = [];
const onnxOutput = async (page) => page.evaluate(() => {
  const r = window.nnplay.export('onnx');
  if (!r.ok) return r.error;
  const f = r.files.find((x) => x.name.endsWith('output_0.pb'));
  return Array.from(f.bytes).join(',');
});
const noteShown = (page) => page.evaluate(() => {
  const n = document.getElementById('restored');
  return n && !n.hidden ? document.getElementById('restored-text').textContent : null;
});
// The restore reads IndexedDB after the first frame: its note, once shown (null after 5 s).
async function waitNote(page) {
  for (let i = 0; i < 50; ++i) {
    const t = await noteShown(page);
    if (t) return t;
    await sleep(100);
  }
  return null;
}

try {
  // ------------------------------------------------------------ 1. reload
  const app = await serve(web);
  servers.push(app);
  const link = '#dataset=xor&layers=6:tanh,4:tanh&lr=0.05&seed=4';
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let page = await ctx.newPage();
  let errors = errorsOf(page);
  await page.goto(app.url + link);
  await ready(page);
  check((await page.evaluate(() => window.nnplay.saved())) === null, 'a first visit has nothing kept');
  const stepped = await command(page, { action: 'step', steps: 150 });
  check(stepped.ok && stepped.status.step === 150, 'trains 150 steps', stepped.error || '');
  const trained = await onnxOutput(page);
  check(await page.evaluate(() => window.nnplay.save()), 'the state is kept');
  const kept = await page.evaluate(() => window.nnplay.saved());
  check(kept && kept.step === 150 && kept.dataset === 'xor', 'saved() tells what is kept', JSON.stringify(kept));

  await page.reload();
  await ready(page);
  const note = await waitNote(page);
  check((await page.evaluate(() => window.nnplay.restored)) === true, 'window.nnplay.restored says true');
  let s = await status(page);
  check(s.dataset === 'xor' && s.layers === '6:tanh,4:tanh', 'a reload keeps the setup', `${s.dataset} ${s.layers}`);
  check((await onnxOutput(page)) === trained, 'a reload restores the trained weights (outputs equal bit for bit)');
  check(/Restored from your last visit/.test(note || '') && /150 steps/.test(note || ''), 'a note says what was restored', note);
  check(await page.isVisible('#restored-fresh'), 'the note offers Start fresh');
  await page.screenshot({ path: path.join(out, 'visit-restored.png') });
  check(errors.length === 0, 'no page errors (reload)', errors.join(' | '));
  await page.close();

  // The same link in a new tab (a student who closed it) comes back too.
  page = await ctx.newPage();
  errors = errorsOf(page);
  await page.goto(app.url + link);
  await ready(page);
  const note2 = await waitNote(page);
  check(note2 && (await onnxOutput(page)) === trained, 'the same link in a new tab restores the weights', note2);

  // --------------------------------------------------------- 2. Start fresh
  await Promise.all([page.waitForNavigation(), page.click('#restored-fresh')]);
  await ready(page);
  check((await page.evaluate(() => window.nnplay.restored)) === false, 'after Start fresh nothing is restored');
  s = await status(page);
  check(s.dataset === 'xor' && s.step === 0, "Start fresh reloads the link's own setup", `${s.dataset} step ${s.step}`);
  check((await onnxOutput(page)) !== trained, 'Start fresh starts from fresh weights');
  check((await page.evaluate(() => window.nnplay.saved())) === null && (await noteShown(page)) === null,
        'Start fresh keeps nothing and shows no note');
  // Another link is another exercise: what is kept does not replace it.
  await command(page, { action: 'step', steps: 20 });
  await page.evaluate(() => window.nnplay.save());
  const other = await ctx.newPage();
  await other.goto(app.url + '#dataset=circle&layers=3:relu');
  await ready(other);
  check((await other.evaluate(() => window.nnplay.restored)) === false, 'restored says false for another link');
  s = await status(other);
  check(s.dataset === 'circle' && s.layers === '3:relu' && (await noteShown(other)) === null,
        'another link is not replaced by the kept state', `${s.dataset} ${s.layers}`);
  check(errors.length === 0, 'no page errors (Start fresh)', errors.join(' | '));
  await other.close();

  // ------------------------------------------------------------ 3. offline
  const cached = await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const keys = (await (await caches.open('nnplay-v1')).keys()).map((r) => new URL(r.url).pathname);
    return keys.some((k) => k.endsWith('.wasm')) && keys.some((k) => k.endsWith('nnplay-api.js')) ? keys : false;
  }, null, { timeout: 30000, polling: 250 }).then((h) => h.jsonValue(), () => null);
  check(Array.isArray(cached), 'the service worker keeps the app', cached ? cached.join(' ') : 'no cache');
  app.stop();
  await sleep(300);
  await page.reload();
  await ready(page, 30000).catch(() => {});
  const offline = await page.evaluate(() => window.nnplay && window.nnplay.isReady);
  check(offline === true, 'with the server gone, a reload starts the app from the service worker');
  if (offline) {
    const r = await command(page, { action: 'step', steps: 30 });
    check(r.ok && r.status.step >= 30, 'and it trains offline', r.error || '');
    await page.screenshot({ path: path.join(out, 'visit-offline.png') });
  }
  await ctx.close();

  // ----------------------------------------------------------- 4. loading
  const rows = [];
  async function load(name, server, { mbit = 0, warm = false } = {}) {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let p = await c.newPage();
    if (warm) {
      await p.goto(server.url);
      await ready(p);
      await sleep(1500);  // the service worker keeps the files
    }
    const cdp = await c.newCDPSession(p);
    if (mbit) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40,
      downloadThroughput: mbit * 1e6 / 8, uploadThroughput: mbit * 1e6 / 8 });
    const seen = [];
    const watchText = setInterval(() => {
      p.evaluate(() => document.getElementById('overlay-detail').textContent).then((t) => { if (t) seen.push(t); }, () => {});
    }, 150);
    const t0 = Date.now();
    if (warm) await p.reload(); else await p.goto(server.url);
    await ready(p, 120000);
    clearInterval(watchText);
    const t = await p.evaluate(() => {
      const wasm = performance.getEntriesByType('resource').find((e) => /nnplay(-mt)?\.wasm$/.test(e.name));
      return { timing: window.nnplay.timing, wire: wasm ? wasm.transferSize : null, body: wasm ? wasm.decodedBodySize : null,
               build: wasm ? wasm.name.split('/').pop() : null };
    });
    rows.push({ name, first_frame_ms: t.timing.first_frame_ms, wasm_ms: t.timing.wasm_downloaded_ms, wire: t.wire,
                build: t.build, wall_ms: Date.now() - t0, progress: seen.find((x) => /Downloading/.test(x)) || '' });
    await c.close();
    return rows[rows.length - 1];
  }
  const fast = await serve(web, ['--no-isolation']);
  servers.push(fast);
  const plain = await serve(web, ['--no-isolation', '--no-compress']);
  servers.push(plain);
  await load('warm-up (not reported)', fast);
  rows.pop();
  const r0 = await load('cold, full speed', fast);
  check(r0.wire > 0 && r0.wire < 0.5 * 3e6, 'the .wasm goes out compressed', `${r0.wire} bytes on the wire`);
  const r10 = await load('cold, 10 Mbit/s', fast, { mbit: 10 });
  check(/Downloading \d/.test(r10.progress), 'the page shows download progress', r10.progress);
  await load('cold, 3 Mbit/s', fast, { mbit: 3 });
  const u10 = await load('cold, 10 Mbit/s, not compressed', plain, { mbit: 10 });
  check(/\(\d+%\)/.test(u10.progress), 'uncompressed, the progress has a percentage', u10.progress);
  const w = await load('warm (reload), 10 Mbit/s', fast, { mbit: 10, warm: true });
  check(w.first_frame_ms < r10.first_frame_ms, 'a warm start is faster than a cold one',
        `${w.first_frame_ms} vs ${r10.first_frame_ms} ms`);
  // ----------------------------------------------------------- 5. own data
  // A student's CSV through Load CSV… (the browser's file chooser), trained;
  // then a damaged one dropped on the page: refused, the data stays.
  {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await c.newPage();
    const errs = errorsOf(p);
    await p.goto(fast.url + '#dataset=spiral&view=boundary');
    await ready(p);
    await sleep(500);
    let rows = 'width_cm,height_cm,kind\n';
    for (let i = 0; i < 300; ++i) {
      const a = (i * 2.399) % (2 * Math.PI), r = i % 2 ? 1 + 0.8 * ((i * 7) % 11) / 11 : 3 + 0.8 * ((i * 5) % 13) / 13;
      rows += `${(10 + r * Math.cos(a)).toFixed(3)},${(20 + r * Math.sin(a)).toFixed(3)},${i % 2 ? 'inner' : 'outer'}\n`;
    }
    const [chooser] = await Promise.all([p.waitForEvent('filechooser', { timeout: 10000 }), p.mouse.click(65, 217)]);
    await chooser.setFiles({ name: 'rings.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) });
    let st = null;
    for (let i = 0; i < 50 && !(st && st.dataset === 'csv'); ++i) { await sleep(100); st = await status(p); }
    check(st.dataset === 'csv' && st.train_size + st.val_size === 300 && st.architecture === '2-8-8-1',
          'Load CSV… makes the chosen file the dataset', `${st.dataset}, ${st.train_size}+${st.val_size} rows, ${st.architecture}`);
    await command(p, { optimizer: 'adam', lr: 0.03, action: 'train' });
    for (let i = 0; i < 120 && !(st.acc_val >= 0.95); ++i) { await sleep(500); st = await status(p); }
    check(st.acc_val >= 0.95, 'the network learns the CSV (two rings)', `validation accuracy ${st.acc_val} at step ${st.step}`);
    await command(p, { action: 'pause' });
    await sleep(800);
    st = await status(p);
    await p.screenshot({ path: path.join(out, 'visit-csv.png') });
    await p.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'broken.csv', { type: 'text/csv' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, 'a,b,kind\n1,2,x\n3,oops,y\n');
    await sleep(800);
    const after = await status(p);
    check(after.dataset === 'csv' && after.step === st.step, 'a damaged CSV dropped on the page changes nothing',
          `${after.dataset} step ${after.step}`);
    const bad = await command(p, { load_csv: 'a,b,kind\n1,2,x\n3,oops,y\n', name: 'broken.csv' });
    check(!bad.ok && /broken\.csv: line 3, column 2/.test(bad.error), 'and the refusal names the line and column', bad.error);
    await p.screenshot({ path: path.join(out, 'visit-csv-refused.png') });
    check(errs.length === 0, 'no page errors (own data)', errs.join(' | '));
    await c.close();
  }

  console.log('\n     load times, headless Chromium (SwiftShader), the 1-thread build (nnplay.wasm), ms from navigation:');
  console.log('     | start | .wasm on the wire | .wasm downloaded | first frame |');
  console.log('     |---|---|---|---|');
  for (const r of rows)
    console.log(`     | ${r.name} | ${r.wire === null ? '?' : (r.wire / 1e6).toFixed(2) + ' MB'} | ${r.wasm_ms ?? 'cache'} | ${r.first_frame_ms} |`);
  console.log('');
} catch (e) {
  check(false, 'visit test ran to the end', String((e && e.stack) || e));
} finally {
  await browser.close();
  for (const s of servers) s.stop();
}
finish(` (screenshots in ${out})`);
