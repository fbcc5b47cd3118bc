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
//   3. a bad command returns {ok: false, error} and changes nothing;
//   4. a link (#dataset=...&layers=...) restores its setup;
//   5. Fashion-MNIST loads over HTTP (gzip, progress) and trains;
//   6. screenshots are not blank (ImageMagick's standard deviation of the
//      pixels), saved as <out>/circle.png and <out>/fashion.png.
// Needs: scripts/play --build-only (build/web), scripts/bootstrap (playwright-core,
// chromium, imagemagick). Prints the frame rate seen while training.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const web = path.resolve(opt('--web', path.join(repo, 'build/web')));
const out = path.resolve(opt('--out', path.join(repo, 'build/browser')));
fs.mkdirSync(out, { recursive: true });

const modules = process.env.NNPLAY_NODE_MODULES;
if (!modules) {
  console.error('browser_test: NNPLAY_NODE_MODULES is not set (eval "$(scripts/bootstrap --env)")');
  process.exit(2);
}
const { chromium } = createRequire(path.join(modules, 'x.js'))('playwright-core');

let failures = 0;
const check = (ok, what, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
  if (!ok) failures++;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- serve build/web on a free port
const port = 18000 + Math.floor(Math.random() * 1000);
const server = spawn(process.execPath, [path.join(repo, 'scripts/serve.mjs'), web, '--port', String(port)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  server.stdout.on('data', resolve);
  server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
});
const base = `http://127.0.0.1:${port}/`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
         '--ignore-gpu-blocklist', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

function stddev(png) {
  const v = execFileSync('convert', [png, '-colorspace', 'Gray', '-format', '%[fx:standard_deviation]', 'info:']);
  return Number(String(v).trim());
}

async function open(hash = '') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base + hash);
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
  await sleep(1500);  // let the heatmap and curves catch up
  await page.screenshot({ path: path.join(out, 'circle.png') });
  const sdCircle = stddev(path.join(out, 'circle.png'));
  check(sdCircle > 0.05, 'circle screenshot is not blank', `pixel std ${sdCircle.toFixed(3)}`);
  check(errors.length === 0, 'no page errors', errors.join(' | '));
  await page.close();

  // 4: a link restores its setup.
  const link = await open('#dataset=spiral&layers=8:relu,8:relu,8:relu&lr=0.01&optimizer=adam');
  s = await status(link.page);
  check(s.dataset === 'spiral' && s.layers === '8:relu,8:relu,8:relu' && s.optimizer === 'adam' && Math.abs(s.lr - 0.01) < 1e-6,
        'a link restores dataset, layers, optimizer and lr', JSON.stringify({ dataset: s.dataset, layers: s.layers, optimizer: s.optimizer, lr: s.lr }));
  await link.page.close();

  // 5: Fashion-MNIST over HTTP, then training.
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
} catch (e) {
  check(false, 'browser test ran to the end', String(e && e.stack || e));
} finally {
  await browser.close();
  server.kill();
}
console.log(failures === 0 ? `browser test: all checks passed (screenshots in ${out})` : `browser test: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
