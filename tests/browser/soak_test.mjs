#!/usr/bin/env node
// soak_test.mjs — chaos in the browser: the app trains while a seeded random
// stream of valid and invalid commands goes through window.nnplay.command
// (dataset switches while images download, network edits mid-run, batch-size
// and optimizer changes, races started and stopped, views switched, lessons,
// models saved and loaded, CSV files good and damaged, damaged model files,
// malformed commands).
//
//   node tests/browser/soak_test.mjs [--seconds 60] [--seed N] [--web build/web] [--out build/browser]
//
// scripts/test runs the short form (60 s); the long form is
// `node tests/browser/soak_test.mjs --seconds 900` (README: "Hardening").
// After every command:
//   - no page error, and the app still answers;
//   - a refused command ({ok: false, error}) has a message and changed no
//     setting (the status's settings before and after are equal);
//   - status() is consistent: settings as the command set them, losses
//     finite or null, a step count that only grows unless the run was reset
//     or rebuilt, a diverged run paused with its reason;
//   - a saved model loaded back predicts bit for bit the same (the ONNX
//     export's sample outputs compared) with its batch-norm statistics;
// and at the end: the WebAssembly heap's growth over the run, reported and
// bounded (under 512 MiB above its size after the warm-up).
import fs from 'node:fs';
import path from 'node:path';
import { repo, options, checker, serve, launch, errorsOf, ready, sleep } from './harness.mjs';

const { web, out, opt } = options();
const seconds = Number(opt('--seconds', '60'));
const seed = Number(opt('--seed', String(Date.now() % 100000)));
const { check, finish } = checker('soak test');
console.log(`soak test: ${seconds} s, seed ${seed} (rerun with --seed ${seed})`);

// mulberry32: a small seeded generator, so a failing run can be repeated.
function rng(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(seed);
const pick = (list) => list[Math.floor(rand() * list.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const SETTINGS = ['dataset', 'model', 'network', 'layers', 'optimizer', 'lr', 'batch_size', 'loss', 'architecture', 'num_params', 'view'];
const settingsOf = (s) => JSON.stringify(SETTINGS.map((k) => s[k]));
const ACTS = ['relu', 'tanh', 'sigmoid', 'gelu'];
// A small table: `features` numeric columns and a class label (two or three classes).
const csvText = (features, rows) => {
  let t = Array.from({ length: features }, (_, j) => `f${j}`).join(',') + ',label\n';
  for (let i = 0; i < rows; ++i)
    t += Array.from({ length: features }, () => (rand() * 10 - 5).toFixed(2)).join(',') + ',' + pick(['a', 'b', 'c']) + '\n';
  return t;
};
// The golden zip (tests/reference/gen_image_zip.py: 4 images, 2 classes) as base64.
const shapesZip = fs.readFileSync(path.join(repo, 'tests/reference/images.zip')).toString('base64');
const layers = () => Array.from({ length: int(0, 3) }, () => `${int(1, 12)}:${pick(ACTS)}`).join(',');

// Valid commands (most of the stream) and invalid ones (each must be refused).
const VALID = [
  () => ({ dataset: pick(['circle', 'xor', 'gauss', 'spiral', 'moons', 'plane', 'mnist', 'fashion_mnist']) }),
  () => ({ dataset: pick(['circle', 'spiral', 'mnist']), action: 'train' }),
  () => ({ layers: layers() }),
  () => ({ layers: layers(), action: 'train' }),
  () => ({ model: 'zoo', network: pick(['lenet5', 'lenet5(act=relu,pool=max)', 'resnet(depth=8,width=4)']) }),
  () => ({ model: 'mlp' }),
  () => ({ lr: Number((10 ** (-4 + 3.5 * rand())).toPrecision(3)) }),
  () => ({ batch_size: pick([1, 4, 10, 32, 64, 128]) }),
  () => ({ optimizer: pick(['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad', 'adamw']) }),
  () => ({ action: pick(['train', 'train', 'pause', 'step', 'reset']) }),
  () => ({ action: 'step', steps: int(1, 20) }),
  () => ({ view: pick(['boundary', 'curves', 'network', 'graph', 'neurons', 'maps', 'layers', 'images', 'race', 'surface', 'init']) }),
  () => ({ race: [{ optimizer: 'sgd' }, { optimizer: pick(['adam', 'momentum']) }], action: 'train' }),
  () => ({ race: true, action: pick(['pause', 'train']) }),
  () => ({ race: false }),
  () => ({ lesson: pick(['relu-vs-sigmoid', 'dropout', 'init-symmetry', 'momentum-ravine']), action: 'train' }),
  () => ({ lr: 50, action: 'train' }),  // diverges: must pause with a reason, never NaN silently
  () => ({ load_csv: csvText(int(2, 5), int(20, 200)), name: 'soak.csv' }),
  () => ({ dataset: 'csv' }),
  () => ({ csv_target: int(1, 2) }),
  () => ({ load_images: shapesZip, name: 'shapes.zip', format: pick(['gray28', 'rgb32']) }),
  () => ({ image_format: pick(['gray28', 'rgb32']) }),
  () => ({ dataset: 'images' }),
  () => 'save-load',
];
const INVALID = [
  () => ({ lr: -1 }),
  () => ({ lr: 'abc' }),
  () => ({ layers: '8:wobble' }),
  () => ({ batch_size: 0 }),
  () => ({ dataset: 'no-such-set' }),
  () => ({ colour: 'blue' }),
  () => ({ action: 'fly' }),
  () => ({ view: 'no-such-view' }),
  () => ({ steps: 5 }),
  () => ({ network: 'Linear(out_features=-3)', model: 'custom' }),
  () => ({ load_model: 'bm90IGEgbW9kZWw=' }),
  () => ({ load_model: '***' }),
  () => ({ race: [{ optimizer: 'nope' }] }),
  () => ({ lesson: 'no-such-lesson' }),
  () => ({ export: 'docx' }),
  () => ({ load_csv: 'a,b,t\n1,2,x\n3\n' }),
  () => ({ load_csv: 'a,b,t\n1,nope,x\n3,4,y\n' }),
  () => ({ load_csv: 'a,t\n1,x\n2,y\n', target: 'zzz' }),
  () => ({ load_images: shapesZip.slice(0, int(8, shapesZip.length - 40)).replace(/=+$/, '') }),  // a cut zip
  () => ({ load_images: [{ path: 'cats/a.png', bytes: 'bm90IGFuIGltYWdl' }, { path: 'dogs/b.png', bytes: 'AAAA' }] }),
  () => ({ image_format: 'cmyk7' }),
];

const app = await serve(web);
const browser = await launch();
const stats = { valid: 0, refused: 0, invalidRefused: 0, roundTrips: 0, diverged: 0 };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = errorsOf(page);
  await page.goto(app.url + '#dataset=spiral&layers=8:tanh,8:tanh&action=train');
  await ready(page);
  await sleep(1000);
  const heap0 = (await page.evaluate(() => window.nnplay.memory())).wasm_heap_bytes;
  let last = await page.evaluate(() => window.nnplay.status());
  const tEnd = Date.now() + seconds * 1000;
  let n = 0, problems = 0;
  const fail = (what, detail) => { if (problems++ < 10) check(false, what, detail); };

  while (Date.now() < tEnd && errors.length === 0) {
    ++n;
    const invalid = rand() < 0.3;
    const cmd = invalid ? pick(INVALID)() : pick(VALID)();
    if (cmd === 'save-load') {
      // Round trip: the model as the app writes it, loaded back, predicts the same.
      const r = await page.evaluate(() => {
        const s = window.nnplay.status();
        if (s.loading) return { skipped: true };
        window.nnplay.command({ action: 'pause' });
        const out = () => {
          const e = window.nnplay.export('onnx');
          return e.ok ? Array.from(e.files.find((f) => f.name.endsWith('output_0.pb')).bytes).join(',') : 'export: ' + e.error;
        };
        const before = out();
        const file = window.nnplay.export('nnplay');
        if (!file.ok) return { error: file.error };
        const loaded = window.nnplay.loadModel(file.files[0].bytes, 'soak.nnp');
        if (!loaded.ok) return { error: loaded.error };
        return { same: out() === before, before: before.slice(0, 60) };
      });
      if (r.error) fail('a saved model loads back', r.error);
      else if (!r.skipped) {
        stats.roundTrips++;
        if (!r.same) fail('a saved-then-loaded model predicts bit for bit the same', r.before);
      }
    } else {
      const r = await page.evaluate((c) => {
        const before = window.nnplay.status();
        const reply = window.nnplay.command(c);
        return { before, reply, after: window.nnplay.status() };
      }, cmd);
      const text = JSON.stringify(cmd).slice(0, 120);
      if (!r.after || r.after.ok === false) { fail('status() answers after a command', text); break; }
      if (r.reply.ok) {
        stats.valid++;
        if (invalid) fail('an invalid command is refused', text);
        // While a dataset loads, status() describes the running network and
        // `target` the settings it heads to.
        for (const k of ['lr', 'batch_size', 'optimizer', 'dataset']) {
          if (!(k in cmd) || 'race' in cmd || 'lesson' in cmd) continue;
          const shown = r.after.loading && r.after.target ? r.after.target[k] : r.after[k];
          const same = k === 'lr' || k === 'batch_size' ? Math.abs(Number(shown) - cmd[k]) <= 1e-6 * cmd[k] : String(shown) === String(cmd[k]);
          if (!same) fail('status() shows the setting a command made', `${text}: ${k} = ${shown}${r.after.loading ? ' (loading)' : ''}`);
        }
      } else {
        stats.refused++;
        if (invalid) stats.invalidRefused++;
        if (typeof r.reply.error !== 'string' || !/^[A-Z_]+: ./.test(r.reply.error)) fail('a refusal says why', text);
        if (settingsOf(r.before) !== settingsOf(r.after)) fail('a refused command changes nothing', `${text}: ${r.reply.error}`);
      }
    }
    // Between commands the app trains a little; then status() must be sane.
    await sleep(int(20, 250));
    const s = await page.evaluate(() => window.nnplay.status());
    if (!s || s.ok === false) { fail('status() answers', JSON.stringify(s)); break; }
    for (const k of ['loss_train', 'loss_val', 'acc_train', 'acc_val'])
      if (s[k] !== null && s[k] !== undefined && !Number.isFinite(s[k])) fail('losses are finite or null', `${k} = ${s[k]}`);
    if (!Number.isInteger(s.step) || s.step < 0) fail('the step count is a whole number', String(s.step));
    if (s.diverged) {
      stats.diverged++;
      if (s.running || !s.last_error) fail('a diverged run pauses and says why', JSON.stringify({ running: s.running, last_error: s.last_error }));
    }
    last = s;
  }
  const heap1 = (await page.evaluate(() => window.nnplay.memory())).wasm_heap_bytes;
  const mib = (b) => (b / 1048576).toFixed(0);
  check(errors.length === 0, 'no page errors', errors.slice(0, 3).join(' | '));
  check(problems === 0, `every command answered consistently (${n} commands)`, problems ? `${problems} problems` : '');
  check(stats.invalidRefused > 0 && stats.valid > 0, 'the stream held valid and refused commands',
        `${stats.valid} applied, ${stats.refused} refused (${stats.invalidRefused} of them invalid by design), ` +
        `${stats.roundTrips} save/load round trips, ${stats.diverged} diverged readings`);
  check(heap1 - heap0 < 512 * 1048576, 'the WebAssembly heap stays bounded',
        `${mib(heap0)} MiB after warm-up -> ${mib(heap1)} MiB after ${seconds} s (+${mib(heap1 - heap0)} MiB); last dataset ${last.dataset}`);
  await page.screenshot({ path: path.join(out, 'soak-end.png') });
  await page.close();
} catch (e) {
  check(false, 'soak test ran to the end', String((e && e.stack) || e));
} finally {
  await browser.close();
  app.stop();
}
finish();
