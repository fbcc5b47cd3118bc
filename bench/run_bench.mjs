// run_bench.mjs — runs every side of nnplay's benchmark and prints one
// table (scripts/bench builds the programs and calls this; see its header).
//
//   nnplay native            build/perf-native/bench/nnplay-bench         (1 launch by default)
//   nnplay wasm, node        node build/perf-wasm/bench/nnplay-bench.js   (--launches, default 3)
//   nnplay wasm, Chromium    bench/web/nnplay.html in headless Chromium   (--launches, fresh browser each)
//   nnplay wasm, Chromium, T threads: the same page from build/perf-wasm-mt (pthreads),
//                            served cross-origin isolated, --threads T = min(CPUs, 4); model rows only
//   PyTorch CPU, 1 thread    /usr/bin/python3 bench/peers/torch_bench.py with Debian's OpenBLAS, one process per row
//   TF.js 4.22 wasm, 1 thread, and ConvNetJS 0.3.0: bench/web/peers.html in headless Chromium
//   jax-js 0.1.25 (@jax-js/jax) wasm device, 1 thread: the same page, ?peer=jaxjs
//
// Each program reports, per measurement, the median of its repetitions; for
// several launches the table shows the median over launches (and the JSON
// keeps every launch). Ratios: nnplay / peer, and nnplay / ceiling where the
// ceiling is the measured f32x4 mul+add peak of the same runtime (for the
// model rows: that peak divided by the workload's FLOPs per sample).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// ------------------------------------------------------------------ options
const opt = {
  native: '', wasmDir: '', wasmMtDir: '', peersModules: '', playwright: '', out: '',
  launches: 3, nativeLaunches: 1, reps: 5, minTime: 0.2, warmup: 0.5, only: '',
  skip: new Set(), torchLib: '/usr/lib/x86_64-linux-gnu/openblas-openmp',
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  const k = argv[i], v = argv[i + 1];
  const take = () => { ++i; return v; };
  switch (k) {
    case '--native': opt.native = take(); break;
    case '--wasm-dir': opt.wasmDir = take(); break;
    case '--wasm-mt-dir': opt.wasmMtDir = take(); break;
    case '--peers-modules': opt.peersModules = take(); break;
    case '--playwright': opt.playwright = take(); break;
    case '--out': opt.out = take(); break;
    case '--launches': opt.launches = Number(take()); break;
    case '--native-launches': opt.nativeLaunches = Number(take()); break;
    case '--reps': opt.reps = Number(take()); break;
    case '--min-time': opt.minTime = Number(take()); break;
    case '--warmup': opt.warmup = Number(take()); break;
    case '--only': opt.only = take(); break;
    case '--skip': for (const s of take().split(',')) opt.skip.add(s); break;
    case '--torch-blas-dir': opt.torchLib = take(); break;
    default:
      console.error(`run_bench.mjs: unknown option ${k}`);
      process.exit(2);
  }
}
const log = (...a) => console.error('[bench]', ...a);
const timing = ['--reps', String(opt.reps), '--min-time', String(opt.minTime), '--warmup', String(opt.warmup)];
const onlyArgs = opt.only ? ['--only', opt.only] : [];

// ------------------------------------------------------------ run helpers
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', (e) => resolve({code: -1, out, err: String(e)}));
    p.on('close', (code) => resolve({code, out, err}));
  });
}
function parseLines(text) {
  const rows = [];
  for (const line of String(text).split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try { rows.push(JSON.parse(t)); } catch { /* not ours */ }
  }
  return rows;
}

// A static server for the Chromium pages (a file:// URL cannot load wasm).
// isolated: serve the multi-threaded build as /wasm/, with the COOP/COEP
// headers that give the page SharedArrayBuffer (only that page: TF.js would
// switch to its threaded build on an isolated page).
function serve(isolated = false) {
  const roots = {
    '/wasm/': isolated ? opt.wasmMtDir || null : opt.wasmDir ? path.join(opt.wasmDir) : null,
    '/peers/': path.join(here, 'peers'),
    '/node_modules/': opt.peersModules || null,
    '/': path.join(here, 'web'),
  };
  const types = {'.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json'};
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    for (const [prefix, dir] of Object.entries(roots)) {
      if (!dir || !url.startsWith(prefix)) continue;
      const file = path.join(dir, url.slice(prefix.length));
      if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) break;
      const headers = {'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store'};
      if (isolated) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      }
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404);
    res.end('not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// TOOLCHAIN.md "Browser and desktop checks": flags for headless Chromium as root.
const CHROMIUM_ARGS = ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function chromiumPage(playwright, url) {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-bench-chromium-'));
  const ctx = await playwright.chromium.launchPersistentContext(userDir, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS});
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    // Not "load": the benchmark may run before the page's load event fires,
    // and a long run then timed out the navigation (seen once in 3 launches).
    await page.goto(url, {waitUntil: 'commit', timeout: 120000});
    await page.waitForFunction('window.benchDone === true', null, {timeout: 0, polling: 1000});
    const lines = await page.evaluate('window.benchLines');
    const version = ctx.browser() ? ctx.browser().version() : '';
    return {rows: lines.map((l) => { try { return JSON.parse(l); } catch { return {kind: 'text', text: l}; } }), problems, version};
  } finally {
    await ctx.close();
    fs.rmSync(userDir, {recursive: true, force: true});
  }
}

// ------------------------------------------------------------- the runs
const results = {};  // runtime -> {launches: [[rows...]], info: {...}, error?}
function record(runtime, rows, extra = {}) {
  (results[runtime] ||= {launches: [], ...extra}).launches.push(rows);
}

const load = {};  // os.loadavg() at start and end: other work on the machine distorts every number
async function main() {
  const started = new Date();
  load.start = os.loadavg();
  if (opt.native && !opt.skip.has('native')) {
    for (let l = 0; l < opt.nativeLaunches; ++l) {
      log(`nnplay native, launch ${l + 1}/${opt.nativeLaunches}`);
      const r = await run(opt.native, [...timing, ...onlyArgs]);
      if (r.code !== 0) log(`native failed (${r.code}): ${r.err.slice(0, 400)}`);
      record('native', parseLines(r.out));
    }
  }
  const wasmNode = opt.wasmDir && path.join(opt.wasmDir, 'nnplay-bench.js');
  if (wasmNode && !opt.skip.has('node')) {
    for (let l = 0; l < opt.launches; ++l) {
      log(`nnplay wasm under node ${process.version}, launch ${l + 1}/${opt.launches}`);
      const r = await run(process.execPath, ['--no-experimental-fetch', wasmNode, ...timing, ...onlyArgs]);
      if (r.code !== 0) log(`wasm/node failed (${r.code}): ${r.err.slice(0, 400)}`);
      record('node', parseLines(r.out), {version: process.version});
    }
  }
  if (!opt.skip.has('torch')) {
    // One process per row: in one process, the 2-8-8-1 row left torch's
    // LeNet-5 training 4x slower (2.5k vs 10-11k samples/s, measured
    // 2026-12-06), so each row starts from a fresh torch.
    const rows = TORCH_ROWS.filter((k) => !opt.only || opt.only.split(',').includes(k));
    const lines = [];
    for (const row of rows) {
      log(`PyTorch CPU, 1 thread, OpenBLAS from ${opt.torchLib}: ${row}`);
      const r = await run('/usr/bin/python3', [path.join(here, 'peers', 'torch_bench.py'), ...timing, '--only', row], {
        LD_LIBRARY_PATH: opt.torchLib, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1'});
      if (r.code !== 0) {
        log(`PyTorch failed (${r.code}): ${r.err.slice(0, 400)}`);
        results.torch = {launches: [], error: r.err.slice(0, 400)};
        break;
      }
      for (const l of parseLines(r.out)) if (l.kind !== 'info' || !lines.some((x) => x.kind === 'info')) lines.push(l);
    }
    if (!results.torch) record('torch', lines);
  }
  let playwright = null;
  if (opt.playwright && !opt.skip.has('chromium')) {
    try {
      playwright = createRequire(import.meta.url)(opt.playwright);
    } catch (e) {
      log(`no playwright-core at ${opt.playwright}: ${e.message}`);
    }
  }
  if (playwright) {
    const server = await serve();
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      if (opt.wasmDir && fs.existsSync(path.join(opt.wasmDir, 'nnplay-bench-web.js'))) {
        for (let l = 0; l < opt.launches; ++l) {
          log(`nnplay wasm in headless Chromium, launch ${l + 1}/${opt.launches}`);
          const args = encodeURIComponent(JSON.stringify([...timing, ...onlyArgs]));
          const r = await chromiumPage(playwright, `${base}/nnplay.html?args=${args}`);
          if (r.problems.length) log(`page errors: ${r.problems.join('; ').slice(0, 400)}`);
          record('chromium', r.rows, {version: r.version});
        }
      }
      if (opt.wasmMtDir && fs.existsSync(path.join(opt.wasmMtDir, 'nnplay-bench-web.js')) && !opt.skip.has('threads')) {
        const mtServer = await serve(true);
        const threads = Math.min(os.cpus().length, 4);
        const rows = MT_ROWS.filter((k) => !opt.only || opt.only.split(',').includes(k));
        try {
          for (let l = 0; l < opt.launches && rows.length; ++l) {
            log(`nnplay wasm in headless Chromium, ${threads} threads, launch ${l + 1}/${opt.launches}`);
            const args = encodeURIComponent(JSON.stringify([...timing, '--only', rows.join(','), '--threads', String(threads)]));
            const r = await chromiumPage(playwright, `http://127.0.0.1:${mtServer.address().port}/nnplay.html?args=${args}`);
            if (r.problems.length) log(`page errors: ${r.problems.join('; ').slice(0, 400)}`);
            record('chromium_mt', r.rows, {version: r.version, threads});
          }
        } finally {
          mtServer.close();
        }
      }
      if (opt.peersModules) {
        const popt = encodeURIComponent(JSON.stringify({only: opt.only, reps: opt.reps, minTime: opt.minTime, warmup: opt.warmup}));
        for (const peer of ['tfjs', 'convnetjs', 'jaxjs']) {
          if (opt.skip.has(peer)) continue;
          log(`${peer} in headless Chromium`);
          const r = await chromiumPage(playwright, `${base}/peers.html?peer=${peer}&opt=${popt}`);
          if (r.problems.length) log(`page errors: ${r.problems.join('; ').slice(0, 400)}`);
          record(peer, r.rows, {version: r.version});
        }
      }
    } finally {
      server.close();
    }
  }
  report(started);
}

// ------------------------------------------------------------ aggregation
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : undefined;
};
const keyOf = (r) => r.kind === 'gemm' ? `gemm ${r.form} ${r.shape}` : r.kind === 'ceiling' ? `ceiling ${r.name}` : r.kind;

// runtime -> key -> {value (median over launches), launches: [...], missing?}
function summarize(runtime) {
  const out = {};
  const res = results[runtime];
  if (!res) return out;
  for (const rows of res.launches)
    for (const r of rows) {
      if (r.kind === 'info' || r.kind === 'text' || r.kind === 'stderr') continue;
      if (r.kind === 'gemm' && r.isa && runtime !== 'torch' && r.isa === 'eigen') continue;
      const k = keyOf(r);
      const e = (out[k] ||= {launches: [], unit: r.unit});
      if (r.missing) e.missing = r.missing;
      else if (Number.isFinite(r.value)) e.launches.push(r.value);
      if (Number.isFinite(r.params)) e.params = r.params;
      if (Number.isFinite(r.macs)) e.macs = r.macs;
      if (r.isa) e.isa = r.isa;
    }
  // A ceiling is a peak: the best launch. Everything else: the median launch.
  for (const [k, e] of Object.entries(out))
    e.value = k.startsWith('ceiling') ? Math.max(...e.launches.filter(Number.isFinite)) : median(e.launches);
  return out;
}
const infoOf = (runtime) => {
  const res = results[runtime];
  if (!res) return null;
  for (const rows of res.launches) for (const r of rows) if (r.kind === 'info') return r;
  return null;
};
// The runtime's f32x4 mul+add ceiling (best chain count), GFLOP/s.
const ceilingOf = (s) => {
  const vals = Object.entries(s).filter(([k]) => k.startsWith('ceiling f32x4')).map(([, e]) => e.value).filter(Number.isFinite);
  return vals.length ? Math.max(...vals) : undefined;
};

// FLOPs per sample (2 per multiply-add). Training counts forward, weight
// gradients and input gradients of every layer but the first (whose input
// gradient nobody needs), the same count as the "wasm ceiling" column of README.md's table.
const MLP_FWD = 784 * 128 + 128 * 64 + 64 * 10;
const LENET_FWD = 6 * 28 * 28 * 25 + 16 * 10 * 10 * 6 * 25 + 400 * 120 + 120 * 84 + 84 * 10;
const FLOPS = {
  mlp_train: 2 * (2 * MLP_FWD + 128 * 64 + 64 * 10),
  mlp_infer: 2 * MLP_FWD,
  lenet_train: 2 * (2 * LENET_FWD + (16 * 10 * 10 * 6 * 25 + 400 * 120 + 120 * 84 + 84 * 10)),
  lenet_infer: 2 * LENET_FWD,
};
// Targets for the Chromium column: samples/s (round one's), or a ratio to
// the row's ceiling or to PyTorch's 1-thread speed (issue 14's, which
// survive a noisy machine); `native` is a ratio the native column must reach
// against PyTorch.
const WORKLOADS = [
  ['mlp_train', 'MLP 784-128-64-10 train, batch 64', 'samples/s', 70000],
  ['lenet_train', 'LeNet-5 train, batch 64', 'samples/s', {ceiling: 0.65}],
  ['tiny_train', '2-8-8-1 tanh train, batch 10', 'steps/s', 250000],
  ['mlp_infer', 'MLP 784-128-64-10 inference, batch 64', 'samples/s', 180000],
  ['lenet_infer', 'LeNet-5 inference, batch 64', 'samples/s', {ceiling: 0.75}],
  ['resnet20_train', 'ResNet-20 (width 16, 28x28) train, batch 64', 'samples/s', {torch: 0.8, native: 1.2}],
  ['resnet20_infer', 'ResNet-20 (width 16, 28x28) inference, batch 64', 'samples/s', undefined],
  ['mobilenetv2_train', 'MobileNet v2 (28x28) train, batch 64', 'samples/s', undefined],
];
// The PyTorch peer's rows, each run in its own process.
const TORCH_ROWS = ['gemm', 'mlp_train', 'tiny_train', 'mlp_infer', 'lenet_train', 'lenet_infer', 'resnet20_train',
  'resnet20_infer', 'mobilenetv2_train'];
// Rows the threaded build runs (issue 14: 2 threads >= 1.5x the 1-thread figure for LeNet-5 and ResNet-20 training).
const MT_ROWS = ['mlp_train', 'lenet_train', 'mlp_infer', 'lenet_infer', 'resnet20_train'];
// Whether `row` meets `target` (undefined when a figure is missing) and the target's text.
function targetMet(row, target) {
  if (target === undefined) return {text: '', met: undefined};
  if (typeof target === 'number')
    return {text: fmt(target), met: Number.isFinite(row.chromium) ? row.chromium >= target : undefined};
  const parts = [], checks = [];
  if (target.ceiling) {
    parts.push(`${target.ceiling}× ceiling`);
    checks.push(row.chromium_per_ceiling === undefined ? undefined : row.chromium_per_ceiling >= target.ceiling);
  }
  if (target.torch) {
    parts.push(`${target.torch}× PyTorch`);
    checks.push(row.chromium_per_torch === undefined ? undefined : row.chromium_per_torch >= target.torch);
  }
  if (target.native) {
    parts.push(`native ${target.native}× PyTorch`);
    checks.push(row.native_per_torch === undefined ? undefined : row.native_per_torch >= target.native);
  }
  return {text: parts.join(', '), met: checks.includes(undefined) ? undefined : checks.every(Boolean)};
}

function fmt(x) {
  if (x === undefined || x === null || !Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : undefined);
const fmtRatio = (x) => (x === undefined ? '–' : `${x.toFixed(2)}×`);

// Why the PyTorch column would not measure what its header says ('' when it does).
function torchColumnProblem(S) {
  const ti = infoOf('torch');
  if (!ti) return '';
  if (!/openblas/i.test(ti.blas || ''))
    return `torch loaded ${ti.blas || 'an unknown BLAS'}, not OpenBLAS (LD_LIBRARY_PATH=${ti.ld_library_path}): install libopenblas0-openmp (scripts/bench does)`;
  // f32x8 FMA ceiling of the native run: one thread of OpenBLAS reaches well over a fifth of it on 256^3.
  const fma = Object.entries(S.native || {}).filter(([k]) => k.startsWith('ceiling') && /f32x8|fma/i.test(k))
    .map(([, e]) => e.value).filter(Number.isFinite);
  const gemm = (S.torch['gemm nn 256x256x256'] || {}).value;
  if (fma.length && Number.isFinite(gemm) && gemm < 0.2 * Math.max(...fma))
    return `torch's 256^3 GEMM ran at ${gemm.toFixed(1)} GFLOP/s, under a fifth of the native FMA ceiling (${Math.max(...fma).toFixed(0)}): not a working OpenBLAS`;
  return '';
}

// Why the jax-js column would not measure what its header says ('' when it
// does, or when it did not run): its info line names the device the arrays
// were placed on and the threads jax-js dispatches to.
function jaxjsColumnProblem() {
  const res = results.jaxjs;
  if (!res || !res.launches.length) return '';
  const ji = infoOf('jaxjs');
  if (!ji) {
    const err = res.launches.flat().find((r) => r.kind === 'error');
    return `the page did not start jax-js${err ? `: ${String(err.text).split('\n')[0].slice(0, 200)}` : ''}`;
  }
  if (ji.backend !== 'wasm') return `jax-js ran on its "${ji.backend}" device, not wasm`;
  if (ji.threads !== 1) return `jax-js would run its wasm kernels on ${ji.threads} worker threads there (SharedArrayBuffer available), not 1`;
  return '';
}

// The jax-js note: what the column ran (version, device, threads, API), or why it is absent.
function jaxjsNote() {
  const res = results.jaxjs;
  if (!res) return 'jax-js: not run.';
  if (res.error) return `jax-js column absent: ${res.error}.`;
  const ji = infoOf('jaxjs');
  return `jax-js ${ji.version} (@jax-js/jax, benchmark-only npm package in $NNPLAY_CACHE/bench-node) in headless Chromium${res.version ? ' ' + res.version : ''}, 1 launch: ` +
    `device "${ji.backend}" (only wasm initialised), ${ji.threads} thread (page not cross-origin isolated, so jax-js has no SharedArrayBuffer worker pool), ` +
    `relaxed-SIMD madd ${ji.relaxed_madd ? 'available' : 'unavailable'} to its kernels; ${ji.api}; every result checked against plain JS before timing.`;
}

function report(started) {
  load.end = os.loadavg();
  const S = {};
  for (const rt of ['native', 'node', 'chromium', 'chromium_mt', 'torch', 'tfjs', 'convnetjs', 'jaxjs']) S[rt] = summarize(rt);
  // The PyTorch column says "OpenBLAS": it is absent, with the reason, unless
  // torch loaded OpenBLAS and its GEMM runs at BLAS speed (Debian's reference
  // BLAS, loaded when libopenblas0-openmp is missing, is ~10x slower).
  const torchWhy = torchColumnProblem(S);
  if (torchWhy) {
    log(`PyTorch column dropped: ${torchWhy}`);
    results.torch = {launches: [], error: torchWhy, info: infoOf('torch')};
    S.torch = {};
  }
  // The jax-js column says "wasm" (and the peers run one thread): absent, with the reason, otherwise.
  const jaxjsWhy = jaxjsColumnProblem();
  if (jaxjsWhy) {
    log(`jax-js column dropped: ${jaxjsWhy}`);
    results.jaxjs = {...results.jaxjs, error: jaxjsWhy};
    S.jaxjs = {};
  }
  const mtThreads = results.chromium_mt ? results.chromium_mt.threads : 0;
  const ceil = {native: ceilingOf(S.native), node: ceilingOf(S.node), chromium: ceilingOf(S.chromium)};
  const nativeFma = S.native['ceiling f32x8_fma_12'] && S.native['ceiling f32x8_fma_12'].value;
  const v = (rt, k) => (S[rt][k] ? S[rt][k].value : undefined);
  const miss = (rt, k) => (S[rt][k] && S[rt][k].missing) || '';

  const table = [];
  const header = ['workload', 'unit', 'nnplay native', 'nnplay node', 'nnplay Chromium',
    `nnplay Chromium ${mtThreads || 'T'} threads`, `${mtThreads || 'T'} threads / 1`, 'PyTorch 1T', 'TF.js wasm',
    'ConvNetJS', 'jax-js wasm', 'ceiling (Chromium)', 'Chromium / ceiling', 'Chromium / PyTorch', 'Chromium / TF.js',
    'Chromium / ConvNetJS', 'Chromium / jax-js', 'native / PyTorch', 'target (Chromium)', 'met'];
  // Ceilings
  table.push({workload: 'f32x4 mul+add ceiling', unit: 'GFLOP/s', native: ceil.native, node: ceil.node, chromium: ceil.chromium});
  if (nativeFma) table.push({workload: 'native f32x8 FMA ceiling', unit: 'GFLOP/s', native: nativeFma});
  // GEMM
  for (const shape of ['256x256x256', '64x784x128', '784x64x128'])
    for (const form of ['nn', 'nt', 'tn']) {
      const k = `gemm ${form} ${shape}`;
      const row = {workload: `GEMM ${form} ${shape}`, unit: 'GFLOP/s', native: v('native', k), node: v('node', k),
        chromium: v('chromium', k), torch: v('torch', k), tfjs: v('tfjs', k), jaxjs: v('jaxjs', k), ceiling: ceil.chromium,
        nativeIsa: S.native[k] && S.native[k].isa};
      table.push(row);
    }
  // Models. FLOPs per sample of the zoo rows from nnplay's multiply-add count
  // (training: about 3x a forward pass: forward, weight and input gradients).
  const zooFlops = {};
  for (const k of ['resnet20_train', 'resnet20_infer', 'mobilenetv2_train']) {
    const e = S.native[k] || S.node[k] || S.chromium[k];
    if (e && e.macs) zooFlops[k] = (k.endsWith('_train') ? 6 : 2) * e.macs;
  }
  // The PyTorch peer writes the zoo networks out by hand: the same parameter count, or the row says so.
  const paramNotes = [];
  for (const [k] of WORKLOADS) {
    const a = S.native[k] || S.chromium[k], b = S.torch[k];
    if (a && b && a.params && b.params && a.params !== b.params)
      paramNotes.push(`${k}: PyTorch's copy of the network has ${b.params} parameters, nnplay's ${a.params}: not the same network`);
  }
  for (const [k, name, unit, target] of WORKLOADS) {
    const flops = FLOPS[k] || zooFlops[k];
    const row = {workload: name, key: k, unit, native: v('native', k), node: v('node', k), chromium: v('chromium', k),
      chromium_mt: v('chromium_mt', k), torch: v('torch', k), tfjs: v('tfjs', k), convnetjs: v('convnetjs', k),
      jaxjs: v('jaxjs', k), target,
      ceiling: flops && ceil.chromium ? ceil.chromium * 1e9 / flops : undefined};
    const notes = [];
    for (const rt of ['native', 'node', 'chromium', 'torch', 'tfjs', 'convnetjs', 'jaxjs'])
      if (miss(rt, k)) notes.push(`${rt}: ${miss(rt, k)}`);
    if (notes.length) row.missing = notes;
    table.push(row);
  }
  // The frame slices: median launch (by the longest slice) per runtime.
  const slices = [];
  const sliceRow = {workload: 'ResNet-20 train: longest frame slice (12 ms budget)', key: 'resnet20_slices', unit: 'ms'};
  for (const rt of ['native', 'node', 'chromium']) {
    const runs = (results[rt] ? results[rt].launches : []).flat().filter((r) => r.kind === 'resnet20_slices' && Number.isFinite(r.max))
      .sort((a, b) => a.max - b.max);
    if (!runs.length) continue;
    const m = runs[runs.length >> 1];
    sliceRow[rt] = m.max;
    slices.push(`${rt} p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms over ${m.slices} slices`);
  }
  if (slices.length) table.push(sliceRow);
  for (const row of table) {
    row.chromium_per_ceiling = ratio(row.chromium, row.ceiling);
    row.chromium_per_torch = ratio(row.chromium, row.torch);
    row.chromium_per_tfjs = ratio(row.chromium, row.tfjs);
    row.chromium_per_convnetjs = ratio(row.chromium, row.convnetjs);
    row.chromium_per_jaxjs = ratio(row.chromium, row.jaxjs);
    row.native_per_torch = ratio(row.native, row.torch);
    row.mt_per_chromium = ratio(row.chromium_mt, row.chromium);
    const t = targetMet(row, row.target);
    row.target_text = t.text;
    row.met = t.met;
  }

  const cells = table.map((r) => [r.workload, r.unit, fmt(r.native), fmt(r.node), fmt(r.chromium), fmt(r.chromium_mt),
    fmtRatio(r.mt_per_chromium), fmt(r.torch),
    fmt(r.tfjs), fmt(r.convnetjs), fmt(r.jaxjs), fmt(r.ceiling), fmtRatio(r.chromium_per_ceiling), fmtRatio(r.chromium_per_torch),
    fmtRatio(r.chromium_per_tfjs), fmtRatio(r.chromium_per_convnetjs), fmtRatio(r.chromium_per_jaxjs), fmtRatio(r.native_per_torch),
    r.target_text || '', r.met === undefined ? (r.target_text ? '?' : '') : r.met ? 'yes' : 'NO']);
  const md = ['| ' + header.join(' | ') + ' |', '|' + header.map((_, i) => (i < 2 ? '---' : '---:')).join('|') + '|',
    ...cells.map((c) => '| ' + c.join(' | ') + ' |')];
  const ti = infoOf('torch'), ni = infoOf('native');
  const notes = [
    `nnplay: single thread, float32, synthetic data; GEMM shapes are MxKxN, beta 0; native GEMM = ${ni ? ni.gemm : '?'} (runtime CPU dispatch).`,
    mtThreads ? `"nnplay Chromium ${mtThreads} threads": the pthreads build (build/perf-wasm-mt) on a cross-origin isolated page, convolutions and Linear layers from 8M multiply-adds splitting their work between ${mtThreads} threads (core/parallel.h); the targets and ratios use the 1-thread column.` : 'Threaded wasm build: not run.',
    `Values are medians of ${opt.reps} repetitions (>= ${opt.minTime} s each, after >= ${opt.warmup} s warm-up); wasm rows are the median over ${opt.launches} launches (native: ${opt.nativeLaunches}).`,
    results.torch && results.torch.error ? `PyTorch column absent: ${results.torch.error}.`
      : ti ? `PyTorch ${ti.torch}, ${ti.threads} thread, BLAS loaded: ${ti.blas} (LD_LIBRARY_PATH=${ti.ld_library_path}, Debian libopenblas0-openmp).` : 'PyTorch: not run.',
    infoOf('tfjs') || infoOf('convnetjs')
      ? `TF.js ${(infoOf('tfjs') || {}).version || '(not run)'} wasm backend (SIMD ${(infoOf('tfjs') || {}).simd}, threads ${(infoOf('tfjs') || {}).threads}) and ConvNetJS ${(infoOf('convnetjs') || {}).version || '(not run)'} run in headless Chromium${results.tfjs && results.tfjs.version ? ' ' + results.tfjs.version : ''}, 1 launch each; TF.js and ConvNetJS are benchmark-only npm packages in $NNPLAY_CACHE/bench-node.`
      : 'TF.js and ConvNetJS: not run.',
    jaxjsNote(),
    `Machine: ${os.cpus().length} CPUs (${os.cpus()[0] && os.cpus()[0].model}); 1-minute load average ${load.start[0].toFixed(1)} at start, ${load.end[0].toFixed(1)} at end (above ~0.5 other work was running and numbers are low).`,
    'Ceiling (Chromium) = measured wasm f32x4 mul+add peak (best launch); for model rows that peak / FLOPs per sample (MLP train counts forward, weight gradients and input gradients of layers 2-3: 454,400 FLOPs/sample).',
  ];
  if (Object.keys(zooFlops).length)
    notes.push(`ResNet-20 and MobileNet v2 rows: FLOPs per sample ${Object.entries(zooFlops).map(([k, f]) => `${k} ${fmt(f)}`).join(', ')} (2 per multiply-add; training counted as 3 forward passes); both run in PyTorch as bench/peers/torch_bench.py writes them, with the same parameter counts (${['resnet20_train', 'mobilenetv2_train'].map((k) => (S.torch[k] || {}).params).join(', ')}).`);
  notes.push(...paramNotes);
  for (const r of table) if (r.missing) notes.push(`${r.workload}: ${r.missing.join('; ')}`);
  if (slices.length) notes.push(`ResNet-20 training in the app's frame slices (Trainer::run_for with a 12 ms budget, the most the app gives training of a 33 ms frame; batch 64): ${slices.join('; ')}. A frame is its drawing plus this slice.`);
  const jaxjsGemmMissing = Object.entries(S.jaxjs).filter(([k, e]) => k.startsWith('gemm') && e.missing);
  for (const [k, e] of jaxjsGemmMissing) notes.push(`${k.replace('gemm', 'GEMM')}: jaxjs: ${e.missing}`);
  const text = [...md, '', ...notes.map((n) => `- ${n}`)].join('\n');
  console.log(text);
  if (opt.out) {
    fs.mkdirSync(path.dirname(opt.out), {recursive: true});
    const json = {started: started.toISOString(), finished: new Date().toISOString(), host: {cpus: os.cpus().length,
      cpu: os.cpus()[0] && os.cpus()[0].model, node: process.version, loadavg: load}, options: {...opt, skip: [...opt.skip]},
      flops_per_sample: {...FLOPS, ...zooFlops}, table, summary: S, raw: results, notes};
    fs.writeFileSync(opt.out, JSON.stringify(json, null, 1));
    fs.writeFileSync(opt.out.replace(/\.json$/, '.md'), text + '\n');
    log(`wrote ${opt.out} and ${opt.out.replace(/\.json$/, '.md')}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
