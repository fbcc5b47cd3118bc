#!/usr/bin/env node
// browser_test.mjs — the web app as a user (and a course site) drives it:
// headless Chromium (Debian's, through playwright-core) on the built page.
//
//   node tests/browser/browser_test.mjs [--web build/web] [--out build/browser]
//
// Checks, each failing the test with a message:
//   1. the page starts (window.nnplay.ready) without page errors;
//   2. window.nnplay.command() trains the circle set and status() shows the
//      validation loss falling and the step counter moving;
//   3. a bad command returns {ok: false, error} and changes nothing; served
//      cross-origin isolated the page runs the threaded build (nnplay-mt.js),
//      served without those headers the 1-thread build (nnplay.js), and both train;
//   4. a link (#dataset=...&layers=...) restores its setup;
//   5. the optimizer race (window.nnplay.command({race: [...]})): lanes start
//      from the same initial loss, every lane's loss falls, lanes stay level;
//   6. Fashion-MNIST loads over HTTP (gzip, progress) and trains;
//   7. a zoo ResNet trains on it; its skip connections switch off and on
//      mid-run, keeping the other layers' weights;
//   8. ResNet-20 trains in the 1-thread build: frame-time distribution and
//      peak memory printed;
//   9. screenshots are not blank (ImageMagick's standard deviation of the
//      pixels), saved as <out>/circle.png, race.png, surface.png, init.png,
//      fashion.png and resnet-{network,maps,layers}.png.
// Needs: scripts/play --build-only (build/web), scripts/bootstrap (playwright-core,
// chromium, imagemagick). Prints the frame rate seen while training.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { options, checker, serve, launch, sleep } from './harness.mjs';

const { web, out } = options();
const { check, finish } = checker('browser test');

// --- serve build/web on a free port
const server = await serve(web);
const base = server.url;
// The same folder without the cross-origin isolation headers (a plain static
// host, a course site's iframe): the page must fall back to the 1-thread build.
const plainServer = await serve(web, ['--no-isolation']);
const browser = await launch();

function stddev(png) {
  const v = execFileSync('convert', [png, '-colorspace', 'Gray', '-format', '%[fx:standard_deviation]', 'info:']);
  return Number(String(v).trim());
}

// Mean colour saturation of the centre panel (x 362-842, y 100-790 at
// 1280x800): the neuron diagram's blue and orange tiles and links; a panel
// of text or grey is near 0.
function saturation(png) {
  const v = execFileSync('convert', [png, '-crop', '480x690+362+100', '-colorspace', 'HSL', '-channel', 'G', '-separate',
                                     '-format', '%[fx:mean]', 'info:']);
  return Number(String(v).trim());
}

async function open(hash = '', origin = base) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(origin + hash);
  await page.waitForFunction(() => window.nnplay && window.nnplay.isReady, null, { timeout: 60000 });
  return { page, errors };
}

const status = (page) => page.evaluate(() => window.nnplay.status());
const command = (page, c) => page.evaluate((c) => window.nnplay.command(c), c);
async function waitFor(page, pred, what, timeoutMs = 60000) {
  const t0 = Date.now();
  let s;
  while (Date.now() - t0 < timeoutMs) {
    s = await status(page);
    if (pred(s)) return s;
    await sleep(250);
  }
  check(false, what, 'timed out; last status ' + JSON.stringify(s));
  return s;
}

try {
  // 1-3: train the circle set through the embedding API.
  const { page, errors } = await open();
  let s = await status(page);
  check(s.dataset === 'circle' && s.step === 0 && s.running === false, 'page starts on the circle set', JSON.stringify(s));
  // Served cross-origin isolated (scripts/serve.mjs): the threaded build runs.
  const env = await page.evaluate(() => ({ isolated: self.crossOriginIsolated, hw: navigator.hardwareConcurrency,
    script: [...document.scripts].map((x) => x.src.split('/').pop()).filter((n) => /^nnplay(-mt)?\.js$/.test(n)) }));
  const wantThreads = Math.max(1, Math.min(4, env.hw || 1));
  check(env.isolated === true && env.script.includes('nnplay-mt.js') && s.threads === wantThreads,
        'a cross-origin isolated page runs the threaded build', `isolated ${env.isolated}, ${env.script}, threads ${s.threads} (hardware ${env.hw})`);
  const r = await command(page, { dataset: 'circle', layers: '8:tanh,8:tanh', lr: 0.03, batch_size: 10, action: 'train' });
  check(r.ok === true, 'command({dataset, layers, lr, action:"train"}) is accepted', JSON.stringify(r).slice(0, 200));
  const first = await waitFor(page, (x) => x.loss_val !== null && x.step > 0, 'first validation point');
  const fpsStart = await page.evaluate(() => new Promise((resolve) => {
    let frames = 0;
    const t0 = performance.now();
    const tick = () => { frames++; if (performance.now() - t0 < 2000) requestAnimationFrame(tick); else resolve(frames / ((performance.now() - t0) / 1000)); };
    requestAnimationFrame(tick);
  }));
  const later = await waitFor(page, (x) => x.step > first.step + 500, '500 more steps');
  check(later.running === true, 'still running while training');
  check(later.loss_val < 0.8 * first.loss_val, 'validation loss falls',
        `${first.loss_val.toFixed(4)} at step ${first.step} -> ${later.loss_val.toFixed(4)} at step ${later.step}`);
  console.log(`     frames per second while training (headless SwiftShader): ${fpsStart.toFixed(1)}`);
  const bad = await command(page, { lr: -1, layers: '8:tanh' });
  const after = await status(page);
  check(bad.ok === false && /lr/.test(bad.error), 'a bad command returns {ok:false, error}', bad.error);
  check(after.layers === '8:tanh,8:tanh' && Math.abs(after.lr - 0.03) < 1e-6, 'a bad command changes nothing', JSON.stringify({ layers: after.layers, lr: after.lr }));
  check((await command(page, { action: 'pause' })).ok, 'pause');
  // The model taken out as bytes (window.nnplay.export): an ONNX ModelProto
  // starts with field 1 (ir_version, tag 0x08), a model file with its magic.
  const ex = await page.evaluate(() => {
    const pick = (r, name) => r.ok ? Array.from(r.files.find((f) => f.name === name)?.bytes.slice(0, 8) || []) : r.error;
    return {onnx: pick(window.nnplay.export('onnx'), 'model.onnx'), nnp: pick(window.nnplay.export('nnplay'), 'model.nnp'),
            py: pick(window.nnplay.export('pytorch'), 'model.py'), bad: window.nnplay.export('keras')};
  });
  check(Array.isArray(ex.onnx) && ex.onnx[0] === 0x08, 'export("onnx") returns model.onnx bytes', JSON.stringify(ex.onnx));
  check(Array.isArray(ex.nnp) && String.fromCharCode(...ex.nnp) === 'NNPLAYCK', 'export("nnplay") returns the model file', JSON.stringify(ex.nnp));
  check(Array.isArray(ex.py) && String.fromCharCode(...ex.py).startsWith('"""'), 'export("pytorch") returns model.py', JSON.stringify(ex.py));
  check(ex.bad.ok === false && /keras/.test(ex.bad.error), 'export of an unknown format is refused', JSON.stringify(ex.bad));
  await sleep(1500);  // let the heatmap and curves catch up
  await page.screenshot({ path: path.join(out, 'circle.png') });
  const sdCircle = stddev(path.join(out, 'circle.png'));
  check(sdCircle > 0.05, 'circle screenshot is not blank', `pixel std ${sdCircle.toFixed(3)}`);
  // The network diagram: each unit's output over the plane, linked by weight.
  check((await command(page, { view: 'neurons' })).ok, 'view neurons');
  await sleep(1000);
  await page.screenshot({ path: path.join(out, 'neurons.png') });
  const satMlp = saturation(path.join(out, 'neurons.png'));
  check(satMlp > 0.08, 'the neuron diagram draws coloured units and links', `centre saturation ${satMlp.toFixed(3)}`);
  // A command of megabytes (a student's CSV, a model file, a zip of pictures)
  // goes through the heap: ccall's string argument used the 5 MiB C stack
  // (4 bytes a character) and stopped the module on a 1.3 MB model file.
  const big = await page.evaluate(() => {
    let t = 'x1,x2,label\n';
    for (let i = 0; i < 200000; ++i) t += `${(i % 97) / 10},${(i % 89) / 10},${i % 2 ? 'a' : 'b'}\n`;
    const r = window.nnplay.command({ load_csv: t, name: 'big.csv' });
    return { bytes: t.length, reply: r.ok ? 'ok' : r.error, status: window.nnplay.status() };
  });
  check(big.bytes > 1.5e6 && big.reply === 'ok' && big.status.dataset === 'csv',
        'a 1.9 MB command (a CSV of 200,000 rows) loads', JSON.stringify({ bytes: big.bytes, reply: big.reply, dataset: big.status.dataset }));
  check(errors.length === 0, 'no page errors', errors.join(' | '));
  await page.close();

  // 3b: without the isolation headers the page runs the 1-thread build and trains.
  const plain = await open('#dataset=xor&layers=8:tanh&action=train', plainServer.url);
  const penv = await plain.page.evaluate(() => ({ isolated: self.crossOriginIsolated,
    script: [...document.scripts].map((x) => x.src.split('/').pop()).filter((n) => /^nnplay(-mt)?\.js$/.test(n)) }));
  s = await waitFor(plain.page, (x) => x.step > 100, 'the 1-thread build trains');
  check(penv.isolated === false && penv.script.join() === 'nnplay.js' && s.threads === 1,
        'a page without isolation headers runs the 1-thread build', `isolated ${penv.isolated}, ${penv.script}, threads ${s.threads}, step ${s.step}`);
  check(plain.errors.length === 0, 'no page errors (1-thread build)', plain.errors.join(' | '));
  await plain.page.close();

  // 4: a link restores its setup.
  const link = await open('#dataset=spiral&layers=8:relu,8:relu,8:relu&lr=0.01&optimizer=adam');
  s = await status(link.page);
  check(s.dataset === 'spiral' && s.layers === '8:relu,8:relu,8:relu' && s.optimizer === 'adam' && Math.abs(s.lr - 0.01) < 1e-6,
        'a link restores dataset, layers, optimizer and lr', JSON.stringify({ dataset: s.dataset, layers: s.layers, optimizer: s.optimizer, lr: s.lr }));
  await link.page.close();

  // 5: the optimizer race through the same command path: three
  // lanes from identical initial weights, each lane's loss falls; then
  // screenshots of the race, the loss-surface view and the init view.
  const race = await open();
  const lanesIn = [{ optimizer: 'sgd', lr: 0.1 }, { optimizer: 'sgd', lr: 0.1, momentum: 0.9 }, { optimizer: 'adam', lr: 0.01 }];
  let rr = await command(race.page, { race: lanesIn, dataset: 'circle', layers: '8:tanh,8:tanh', view: 'race', action: 'train' });
  check(rr.ok === true && rr.status.race && rr.status.race.lanes.length === 3, 'race command starts 3 lanes',
        JSON.stringify(rr).slice(0, 300));
  if (rr.ok) {
    const init = rr.status.race.lanes.map((l) => l.loss_init);
    check(init.every((x) => typeof x === 'number' && x === init[0]), 'race lanes start from the same initial loss', init.join(', '));
    check(rr.status.race.lanes.map((l) => l.optimizer).join(',') === 'sgd,sgd,adam', 'race lanes keep their optimizers');
    const t0 = Date.now();
    let rs;
    while (Date.now() - t0 < 60000) {
      rs = (await status(race.page)).race;
      if (rs.lanes.every((l) => l.epoch >= 15 && l.loss_val !== null)) break;
      await sleep(250);
    }
    const lanes = rs.lanes;
    for (const [i, l] of lanes.entries())
      check(l.loss_val < 0.7 * l.loss_init, `race lane ${i} (${l.optimizer}${l.settings.momentum ? ' momentum' : ''}) loss falls`,
            `${l.loss_init.toFixed(4)} -> ${l.loss_val.toFixed(4)} after ${l.step} steps (epoch ${l.epoch.toFixed(1)})`);
    const epochs = lanes.map((l) => l.epoch);
    check(Math.max(...epochs) - Math.min(...epochs) < 1.0, 'race lanes stay level', epochs.map((e) => e.toFixed(2)).join(', '));
    const main = await status(race.page);
    check(main.step === 0 && main.running === false, 'the race leaves the main session alone', `step ${main.step}`);
    check((await command(race.page, { race: true, lane: 2, beta2: 0.99 })).ok, 'a lane setting through {race:true, lane, key}');
    const bad = await command(race.page, { race: true, lane: 0, seed: 5 });
    check(bad.ok === false && /shared/.test(bad.error), 'a lane cannot change a shared setting', bad.error);
    check((await command(race.page, { race: true, action: 'pause' })).ok, 'race pause');
    await sleep(1500);
    for (const [name, view, wait] of [['race', 'race', 500], ['surface', 'surface', 6000], ['init', 'init', 2500]]) {
      if (view !== 'race') check((await command(race.page, { view })).ok, `view ${view}`);
      await sleep(wait);
      const png = path.join(out, `${name}.png`);
      await race.page.screenshot({ path: png });
      const sd = stddev(png);
      check(sd > 0.05, `${name} screenshot is not blank`, `pixel std ${sd.toFixed(3)}`);
    }
  }
  check(race.errors.length === 0, 'no page errors (race)', race.errors.join(' | '));
  await race.page.close();

  // 6: Fashion-MNIST over HTTP, then training.
  const fm = await open();
  check((await command(fm.page, { dataset: 'fashion_mnist', action: 'train' })).ok, 'switch to fashion_mnist');
  s = await waitFor(fm.page, (x) => x.dataset === 'fashion_mnist' && !x.loading, 'Fashion-MNIST loads', 120000);
  check(!s.last_error, 'Fashion-MNIST loaded without error', s.last_error || '');
  s = await waitFor(fm.page, (x) => x.dataset === 'fashion_mnist' && x.step > 300 && x.acc_val !== null, 'Fashion-MNIST trains', 120000);
  check(s.acc_val > 0.6, 'Fashion-MNIST validation accuracy rises', `acc_val ${s.acc_val} at step ${s.step}, ${Math.round(s.samples_per_sec)} samples/s`);
  await command(fm.page, { action: 'pause' });
  await sleep(1500);
  await fm.page.screenshot({ path: path.join(out, 'fashion.png') });
  const sdFashion = stddev(path.join(out, 'fashion.png'));
  check(sdFashion > 0.05, 'fashion screenshot is not blank', `pixel std ${sdFashion.toFixed(3)}`);
  check(fm.errors.length === 0, 'no page errors (fashion)', fm.errors.join(' | '));

  // LeNet-5 on the loaded Fashion-MNIST: it trains, and the page's peak
  // memory is reported. The wasm heap only grows, so its size after
  // training is the peak; the datasets are in it (uint8 images).
  let lr5 = await command(fm.page, { model: 'lenet5(act=relu,pool=max)', optimizer: 'adam', lr: 0.002, batch_size: 64, action: 'reset' });
  check(lr5.ok, 'model lenet5', lr5.ok ? '' : lr5.error);
  await command(fm.page, { action: 'train' });
  s = await waitFor(fm.page, (x) => x.step >= 300 && x.acc_val !== null, 'LeNet-5 trains', 120000);
  check(s.acc_val > 0.7, 'LeNet-5 validation accuracy rises', `acc_val ${s.acc_val} at step ${s.step}, ${Math.round(s.samples_per_sec)} samples/s`);
  await command(fm.page, { action: 'pause' });
  // The same diagram for the CNN's first layers: one image, its channels, links by kernel sums.
  check((await command(fm.page, { view: 'neurons' })).ok, 'view neurons on images');
  await sleep(1500);
  await fm.page.screenshot({ path: path.join(out, 'neurons-cnn.png') });
  const satCnn = saturation(path.join(out, 'neurons-cnn.png'));
  check(satCnn > 0.06, "the CNN's channel diagram draws coloured channels and links", `centre saturation ${satCnn.toFixed(3)}`);
  const mem = await fm.page.evaluate(() => window.nnplay.memory());
  check(mem.ok && mem.wasm_heap_bytes > 0, 'memory() reports the wasm heap');
  console.log(`     peak memory, LeNet-5 training on Fashion-MNIST: malloc peak ${(mem.malloc_peak_bytes / 2 ** 20).toFixed(1)} MiB` +
              ` (since the page loaded: the MLP runs before it count), wasm heap ${(mem.wasm_heap_bytes / 2 ** 20).toFixed(1)} MiB` +
              (mem.js_heap_bytes ? `, JS heap ${(mem.js_heap_bytes / 2 ** 20).toFixed(1)} MiB` : '') +
              ' (an upper bound: the heap grows in steps and keeps what the earlier MLP run freed; the 70,000 images' +
              ' as uint8 are 52.3 MiB of it)');

  // 7: the ResNet walk-through on the loaded Fashion-MNIST: a ResNet from the
  // zoo trains; switching its skip connections off and on mid-run rebuilds
  // only what changed (the event names how many tensors were kept) and
  // training goes on; the network's views render.
  const rn = { optimizer: 'adam', lr: 0.002, batch_size: 32 };
  let rr2 = await command(fm.page, { ...rn, model: 'resnet(depth=8)', action: 'reset' });
  check(rr2.ok && /resnet/.test(rr2.status.model), 'model resnet(depth=8) from the zoo', JSON.stringify(rr2).slice(0, 200));
  check((await command(fm.page, { action: 'train' })).ok, 'train the ResNet');
  s = await waitFor(fm.page, (x) => x.step >= 40 && x.loss_train !== null, 'ResNet trains', 120000);
  // A ResNet step (~100-400 ms here) runs a layer at a time across frames
  // (Trainer::run_for), so the page draws many frames per step; a page that
  // ran at least one whole step per frame would show frames <= steps.
  const fr = await fm.page.evaluate(async () => {
    const s0 = window.nnplay.status().step;
    const t0 = performance.now();
    let frames = 0, worst = 0, last = t0;
    await new Promise((done) => {
      const tick = (t) => {
        frames++;
        worst = Math.max(worst, t - last);
        last = t;
        if (t - t0 < 4000) requestAnimationFrame(tick); else done();
      };
      requestAnimationFrame(tick);
    });
    return { frames, steps: window.nnplay.status().step - s0, ms: performance.now() - t0, worst };
  });
  check(fr.steps > 0 && fr.frames > 2 * fr.steps, 'a ResNet step spreads over several frames (the page keeps drawing)',
        `${fr.frames} frames and ${fr.steps} steps in ${Math.round(fr.ms)} ms, longest frame ${Math.round(fr.worst)} ms`);
  const stepBefore = s.step;
  for (const skip of [0, 1]) {
    const sw = await command(fm.page, { model: `resnet(depth=8,skip=${skip})` });
    check(sw.ok, `skip=${skip} switch accepted while training`, sw.ok ? '' : sw.error);
    s = await waitFor(fm.page, (x) => x.events.length > 0 && x.events[x.events.length - 1].text.includes(`skip=${skip}`),
                      `skip=${skip} switch is an event on the curves`, 20000);
    const ev = s.events[s.events.length - 1].text;
    const kept = /\((\d+) of (\d+) tensors kept\)/.exec(ev);
    check(kept && Number(kept[1]) > 0 && Number(kept[1]) <= Number(kept[2]), `skip=${skip} keeps the unchanged layers' weights`, ev);
    const at = s.step;
    s = await waitFor(fm.page, (x) => x.step >= at + 20, `training goes on after skip=${skip}`, 120000);
    check(s.running && Number.isFinite(s.loss_train), `still training after skip=${skip}`, `step ${s.step}, loss ${s.loss_train}`);
  }
  check(s.step > stepBefore, 'the step counter kept counting through both switches', `${stepBefore} -> ${s.step}`);
  await command(fm.page, { action: 'pause' });
  for (const view of ['network', 'maps', 'layers']) {
    check((await command(fm.page, { view })).ok, `view ${view}`);
    await sleep(1500);
    const png = path.join(out, `resnet-${view}.png`);
    await fm.page.screenshot({ path: png });
    const sd = stddev(png);
    check(sd > 0.05, `resnet ${view} screenshot is not blank`, `pixel std ${sd.toFixed(3)}`);
  }
  check(fm.errors.length === 0, 'no page errors (resnet)', fm.errors.join(' | '));
  await fm.page.close();

  // 8: frames while ResNet-20 (the zoo's default resnet, batch 64) trains on
  // Fashion-MNIST in the 1-thread build (a page without cross-origin
  // isolation), and that page's peak memory. A step (~1-3 s here) runs a
  // node at a time and each convolution over the batch in pieces
  // (TrainerConfig::piece_macs), so no frame holds a whole 3x3 convolution.
  // Printed, not judged against the 33/60 ms: a timed check would
  // flake on a busy machine (scripts/bench is where speed is measured).
  const r20 = await open('', plainServer.url);
  check((await command(r20.page, { dataset: 'fashion_mnist', model: 'resnet(depth=20)', optimizer: 'adam', lr: 0.002,
                                   batch_size: 64, action: 'reset' })).ok, 'ResNet-20 on Fashion-MNIST, batch 64 (1 thread)');
  s = await waitFor(r20.page, (x) => x.dataset === 'fashion_mnist' && !x.loading, 'Fashion-MNIST loads (1 thread)', 120000);
  check((await command(r20.page, { action: 'train' })).ok, 'train ResNet-20');
  // Past the first validation point (an evaluation of the subset holds
  // training back for several seconds at this speed).
  s = await waitFor(r20.page, (x) => x.step >= 2 && x.acc_val !== null, 'ResNet-20 trains', 240000);
  // Frame gaps (requestAnimationFrame to requestAnimationFrame) over `ms`.
  const frameGaps = (ms) => r20.page.evaluate(async (ms) => {
    const s0 = window.nnplay.status().step;
    const t0 = performance.now();
    const gaps = [];
    let last = t0;
    await new Promise((done) => {
      const tick = (t) => {
        gaps.push(t - last);
        last = t;
        if (t - t0 < ms) requestAnimationFrame(tick); else done();
      };
      requestAnimationFrame(tick);
    });
    gaps.sort((a, b) => a - b);
    const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
    return { frames: gaps.length, steps: window.nnplay.status().step - s0, ms: performance.now() - t0,
             p50: q(0.5), p95: q(0.95), p99: q(0.99), max: gaps[gaps.length - 1] };
  }, ms);
  const fmtGaps = (d) => `${d.frames} frames, ${d.steps} steps in ${Math.round(d.ms)} ms; p50 ${d.p50.toFixed(1)} ms, ` +
    `p95 ${d.p95.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms, max ${d.max.toFixed(1)} ms`;
  const busy = await frameGaps(10000);
  await command(r20.page, { action: 'pause' });
  await sleep(500);
  const idle = await frameGaps(3000);
  console.log(`     frame times while ResNet-20 trains (batch 64, 1 thread, headless SwiftShader): ${fmtGaps(busy)}`);
  console.log(`     ... and paused, the same page (drawing alone): ${fmtGaps(idle)}`);
  // Drawing alone takes ~50-80 ms a frame under SwiftShader, so the frame
  // budget leaves training ~4 ms a frame here and a step takes many seconds;
  // the check is that frames keep coming while it trains (nnplay-bench's
  // resnet20_slices row measures the longest slice training takes of a frame).
  check(busy.frames >= 40 && busy.frames >= 0.5 * idle.frames * (busy.ms / idle.ms), 'the page keeps drawing while ResNet-20 trains',
        `${busy.frames} frames in ${Math.round(busy.ms)} ms training, ${idle.frames} in ${Math.round(idle.ms)} ms paused`);
  const mem20 = await r20.page.evaluate(() => window.nnplay.memory());
  check(mem20.ok && mem20.malloc_peak_bytes > 0 && mem20.malloc_peak_bytes <= mem20.wasm_heap_bytes,
        'memory() reports the malloc peak within the heap', JSON.stringify(mem20));
  console.log(`     peak memory, ResNet-20 training on Fashion-MNIST (fresh 1-thread page): malloc peak` +
              ` ${(mem20.malloc_peak_bytes / 2 ** 20).toFixed(1)} MiB, wasm heap ${(mem20.wasm_heap_bytes / 2 ** 20).toFixed(1)} MiB` +
              ` (the 70,000 images as uint8: 52.3 MiB; issue 14's bound: dataset + 100 MiB)`);
  check(r20.errors.length === 0, 'no page errors (ResNet-20)', r20.errors.join(' | '));
} catch (e) {
  check(false, 'browser test ran to the end', String(e && e.stack || e));
} finally {
  await browser.close();
  server.stop();
  plainServer.stop();
}
finish(` (screenshots in ${out})`);
