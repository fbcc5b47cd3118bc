// js_peers.js — the JavaScript peers of nnplay-bench: TF.js 4.22
// with its WebAssembly backend (SIMD, one thread), ConvNetJS 0.3.0 and jax-js
// 0.1.25 on its wasm device (one thread), on the same workloads and with the
// same timing rules as bench/nnplay_bench.cpp (warm-up, then repetitions of
// at least minTime seconds, median). The packages are dev dependencies of
// the benchmark only, installed by scripts/bench into $NNPLAY_CACHE/bench-node;
// the app never loads them.
//
// Works in the browser (bench/web/peers.html, globals tf / convnetjs; jax-js
// is an ES module the page imports and hands to runJaxjs) and in node
// (bench/peers/node_peers.js). Each result is one object handed to emit(),
// shaped like nnplay-bench's JSON lines.
(function (root) {
  'use strict';

  const now = () => performance.now() / 1000;

  // The timing rules, once: a warm-up of >= opt.warmup seconds and 3 calls,
  // then opt.reps repetitions of >= opt.minTime seconds; the median rate.
  // Yields how many body calls to run next (the driver runs them, awaited
  // or not) and returns the stats.
  function* timing(work, opt) {
    const t0 = now();
    let calls = 0, warm = 0;
    do {
      yield 1;
      ++calls;
      warm = now() - t0;
    } while (warm < opt.warmup || calls < 3);
    let perRep = Math.max(1, Math.floor(calls / warm * opt.minTime));
    const rates = [];
    for (let r = 0; r < opt.reps; ++r) {
      const a = now();
      let n = 0, dt = 0;
      do {
        yield perRep;
        n += perRep;
        dt = now() - a;
      } while (dt < opt.minTime);
      rates.push(work * n / dt);
      perRep = Math.max(1, Math.floor(n / dt * opt.minTime));
    }
    rates.sort((x, y) => x - y);
    return {value: rates[rates.length >> 1], min: rates[0], max: rates[rates.length - 1], reps: rates.length};
  }

  function measure(body, work, opt) {
    const g = timing(work, opt);
    for (let step = g.next(); ; step = g.next()) {
      if (step.done) return step.value;
      for (let i = 0; i < step.value; ++i) body();
    }
  }

  // Deterministic synthetic data (same sizes as nnplay-bench; values differ).
  function lcg(seed) {
    let s = seed >>> 0;
    return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  }
  function syntheticImages(n) {
    const rnd = lcg(11);
    const x = new Uint8Array(n * 784), y = new Int32Array(n);
    for (let i = 0; i < x.length; ++i) x[i] = Math.floor(rnd() * 256);
    for (let i = 0; i < n; ++i) y[i] = Math.floor(rnd() * 10);
    return {x, y, n};
  }
  function xorPoints(n) {
    const rnd = lcg(1);
    const x = new Float32Array(n * 2), y = new Int32Array(n);
    for (let i = 0; i < n; ++i) {
      x[2 * i] = rnd() * 12 - 6;
      x[2 * i + 1] = rnd() * 12 - 6;
      y[i] = x[2 * i] * x[2 * i + 1] >= 0 ? 1 : 0;
    }
    return {x, y, n};
  }
  const wantedFn = (only) => (k) => !only || only.split(',').includes(k);

  // ------------------------------------------------------------------ TF.js
  async function runTfjs(tf, opt, emit) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);  // one thread, like every row
    await tf.setBackend('wasm');
    await tf.ready();
    const wanted = wantedFn(opt.only);
    emit({kind: 'info', peer: 'tfjs', version: tf.version_core, backend: tf.getBackend(),
          simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'multi' : 1});
    const rnd = lcg(7);
    const rand = (n) => Float32Array.from({length: n}, () => rnd() * 2 - 1);

    if (wanted('gemm')) {
      for (const [M, K, N] of [[256, 256, 256], [64, 784, 128], [784, 64, 128]]) {
        const gflop = 2e-9 * M * N * K;
        const A = tf.tensor2d(rand(M * K), [M, K]), B = tf.tensor2d(rand(K * N), [K, N]);
        const Bt = tf.tensor2d(rand(N * K), [N, K]), At = tf.tensor2d(rand(K * M), [K, M]);
        const forms = {
          nn: () => tf.matMul(A, B),
          nt: () => tf.matMul(A, Bt, false, true),
          tn: () => tf.matMul(At, B, true, false),
        };
        for (const [form, fn] of Object.entries(forms)) {
          const s = measure(() => { const c = fn(); c.dataSync(); c.dispose(); }, gflop, opt);
          emit({kind: 'gemm', form, shape: `${M}x${K}x${N}`, unit: 'GFLOP/s', ...s});
        }
        tf.dispose([A, B, At, Bt]);
      }
    }

    const img = syntheticImages(6400);
    const X = tf.tensor2d(Int32Array.from(img.x), [img.n, 784], 'int32');
    const Y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(img.y, 'int32'), 10), 'float32'));
    const mlp = () => tf.sequential({layers: [
      tf.layers.dense({inputShape: [784], units: 128, activation: 'relu'}),
      tf.layers.dense({units: 64, activation: 'relu'}),
      tf.layers.dense({units: 10})]});
    const lenet = () => tf.sequential({layers: [
      tf.layers.conv2d({inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu'}),
      tf.layers.maxPooling2d({poolSize: 2}),
      tf.layers.conv2d({filters: 16, kernelSize: 5, activation: 'relu'}),
      tf.layers.maxPooling2d({poolSize: 2}),
      tf.layers.flatten(),
      tf.layers.dense({units: 120, activation: 'relu'}),
      tf.layers.dense({units: 84, activation: 'relu'}),
      tf.layers.dense({units: 10})]});
    // uint8-valued samples scaled per batch, as nnplay's gather does.
    const batchOf = (c, batch, shape) => tf.tidy(() =>
      tf.reshape(tf.div(tf.cast(tf.slice(X, [c, 0], [batch, 784]), 'float32'), 255), [batch, ...shape]));

    const train = (kind, model, shape) => {
      const sgd = tf.train.sgd(0.01);
      let cursor = 0;
      const step = () => {
        if (cursor + 64 > img.n) cursor = 0;
        const c = cursor;
        cursor += 64;
        tf.tidy(() => {
          const xb = batchOf(c, 64, shape), yb = tf.slice(Y, [c, 0], [64, 10]);
          sgd.minimize(() => tf.losses.softmaxCrossEntropy(yb, model.apply(xb, {training: true})));
        });
      };
      try {
        step();
        const s = measure(() => { step(); }, 64, opt);
        model.getWeights()[0].dataSync();
        emit({kind, batch: 64, unit: 'samples/s', ...s});
      } catch (e) {
        emit({kind, missing: String(e && e.message || e).slice(0, 200)});
      }
    };
    const infer = (kind, model, shape) => {
      const xb = batchOf(0, 64, shape);
      try {
        const s = measure(() => { const y = model.predict(xb); y.dataSync(); y.dispose(); }, 64, opt);
        emit({kind, batch: 64, unit: 'samples/s', ...s});
      } catch (e) {
        emit({kind, missing: String(e && e.message || e).slice(0, 200)});
      }
      xb.dispose();
    };

    if (wanted('mlp_train')) train('mlp_train', mlp(), [784]);
    if (wanted('tiny_train')) {
      const pts = xorPoints(500);
      const PX = tf.tensor2d(pts.x, [pts.n, 2]), PY = tf.tensor2d(Float32Array.from(pts.y), [pts.n, 1]);
      const model = tf.sequential({layers: [
        tf.layers.dense({inputShape: [2], units: 8, activation: 'tanh'}),
        tf.layers.dense({units: 8, activation: 'tanh'}),
        tf.layers.dense({units: 1})]});
      const sgd = tf.train.sgd(0.03);
      let cursor = 0;
      const s = measure(() => {
        const c = cursor;
        cursor = (cursor + 10) % pts.n;
        tf.tidy(() => {
          const xb = tf.slice(PX, [c, 0], [10, 2]), yb = tf.slice(PY, [c, 0], [10, 1]);
          sgd.minimize(() => tf.losses.sigmoidCrossEntropy(yb, model.apply(xb, {training: true})));
        });
      }, 1, opt);
      emit({kind: 'tiny_train', batch: 10, unit: 'steps/s', ...s});
      tf.dispose([PX, PY]);
    }
    if (wanted('mlp_infer')) infer('mlp_infer', mlp(), [784]);
    if (wanted('lenet_train')) train('lenet_train', lenet(), [28, 28, 1]);
    if (wanted('lenet_infer')) infer('lenet_infer', lenet(), [28, 28, 1]);
  }

  // -------------------------------------------------------------- ConvNetJS
  function runConvnet(convnetjs, opt, emit) {
    const wanted = wantedFn(opt.only);
    emit({kind: 'info', peer: 'convnetjs', version: '0.3.0'});
    const img = syntheticImages(6400);
    const vols = (sx, sy, depth) => {
      const out = [];
      for (let i = 0; i < img.n; ++i) {
        const v = new convnetjs.Vol(sx, sy, depth, 0.0);
        for (let j = 0; j < 784; ++j) v.w[j] = img.x[i * 784 + j] / 255;
        out.push(v);
      }
      return out;
    };
    const make = (defs, batch, lr) => {
      const net = new convnetjs.Net();
      net.makeLayers(defs);
      const trainer = new convnetjs.SGDTrainer(net, {method: 'sgd', learning_rate: lr, batch_size: batch, momentum: 0, l2_decay: 0});
      return {net, trainer};
    };
    const mlpDefs = [{type: 'input', out_sx: 1, out_sy: 1, out_depth: 784},
      {type: 'fc', num_neurons: 128, activation: 'relu'}, {type: 'fc', num_neurons: 64, activation: 'relu'},
      {type: 'softmax', num_classes: 10}];
    const lenetDefs = [{type: 'input', out_sx: 28, out_sy: 28, out_depth: 1},
      {type: 'conv', sx: 5, filters: 6, stride: 1, pad: 2, activation: 'relu'}, {type: 'pool', sx: 2, stride: 2},
      {type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu'}, {type: 'pool', sx: 2, stride: 2},
      {type: 'fc', num_neurons: 120, activation: 'relu'}, {type: 'fc', num_neurons: 84, activation: 'relu'},
      {type: 'softmax', num_classes: 10}];
    const train = (kind, defs, data) => {
      const {trainer} = make(defs, 64, 0.01);
      let cursor = 0;
      const s = measure(() => {
        for (let i = 0; i < 64; ++i) {
          trainer.train(data[cursor], img.y[cursor]);
          cursor = (cursor + 1) % img.n;
        }
      }, 64, opt);
      emit({kind, batch: 64, unit: 'samples/s', ...s});
    };
    const infer = (kind, defs, data) => {
      const {net} = make(defs, 64, 0.01);
      const s = measure(() => { for (let i = 0; i < 64; ++i) net.forward(data[i], false); }, 64, opt);
      emit({kind, batch: 64, unit: 'samples/s', ...s});
    };
    const flat = wanted('mlp_train') || wanted('mlp_infer') ? vols(1, 1, 784) : null;
    if (wanted('mlp_train')) train('mlp_train', mlpDefs, flat);
    if (wanted('tiny_train')) {
      const pts = xorPoints(500);
      const data = [];
      for (let i = 0; i < pts.n; ++i) data.push(new convnetjs.Vol([pts.x[2 * i], pts.x[2 * i + 1]]));
      const {trainer} = make([{type: 'input', out_sx: 1, out_sy: 1, out_depth: 2},
        {type: 'fc', num_neurons: 8, activation: 'tanh'}, {type: 'fc', num_neurons: 8, activation: 'tanh'},
        {type: 'softmax', num_classes: 2}], 10, 0.03);
      let cursor = 0;
      const s = measure(() => {
        for (let i = 0; i < 10; ++i) {
          trainer.train(data[cursor], pts.y[cursor]);
          cursor = (cursor + 1) % pts.n;
        }
      }, 1, opt);
      emit({kind: 'tiny_train', batch: 10, unit: 'steps/s', note: 'softmax over 2 classes (ConvNetJS has no 1-output logistic loss)', ...s});
    }
    if (wanted('mlp_infer')) infer('mlp_infer', mlpDefs, flat);
    const square = wanted('lenet_train') || wanted('lenet_infer') ? vols(28, 28, 1) : null;
    if (wanted('lenet_train')) train('lenet_train', lenetDefs, square);
    if (wanted('lenet_infer')) infer('lenet_infer', lenetDefs, square);
  }

  // ----------------------------------------------------------------- jax-js
  // jax-js is lazy: an array is computed when something waits for it. The
  // timed bodies therefore await blockUntilReady() (or data()), so this is
  // measure() with an awaited body: the same warm-up, repetitions and
  // minTime rules.
  async function measureAsync(body, work, opt) {
    const g = timing(work, opt);
    for (let step = g.next(); ; step = g.next()) {
      if (step.done) return step.value;
      for (let i = 0; i < step.value; ++i) await body();
    }
  }

  // Plain-JS references for the correctness checks (row-major, NCHW).
  const plainJs = {
    dense(x, rows, w, b, n, k, act) {  // x [rows, k] . w [k, n] + b
      const y = new Float32Array(rows * n);
      for (let i = 0; i < rows; ++i)
        for (let j = 0; j < n; ++j) {
          let acc = b[j];
          for (let q = 0; q < k; ++q) acc += x[i * k + q] * w[q * n + j];
          y[i * n + j] = act === 'relu' ? Math.max(acc, 0) : act === 'tanh' ? Math.tanh(acc) : acc;
        }
      return y;
    },
    conv(x, N, C, H, W, w, b, O, R, pad) {  // stride 1, ReLU
      const Ho = H + 2 * pad - R + 1, Wo = W + 2 * pad - R + 1, y = new Float32Array(N * O * Ho * Wo);
      for (let n = 0; n < N; ++n)
        for (let o = 0; o < O; ++o)
          for (let i = 0; i < Ho; ++i)
            for (let j = 0; j < Wo; ++j) {
              let acc = b[o];
              for (let c = 0; c < C; ++c)
                for (let u = 0; u < R; ++u) {
                  const yy = i + u - pad;
                  if (yy < 0 || yy >= H) continue;
                  for (let v = 0; v < R; ++v) {
                    const xx = j + v - pad;
                    if (xx >= 0 && xx < W) acc += x[((n * C + c) * H + yy) * W + xx] * w[((o * C + c) * R + u) * R + v];
                  }
                }
              y[((n * O + o) * Ho + i) * Wo + j] = Math.max(acc, 0);
            }
      return y;
    },
    pool2(x, N, C, H, W) {
      const Ho = H >> 1, Wo = W >> 1, y = new Float32Array(N * C * Ho * Wo);
      for (let p = 0; p < N * C; ++p)
        for (let i = 0; i < Ho; ++i)
          for (let j = 0; j < Wo; ++j) {
            const at = (u, v) => x[(p * H + 2 * i + u) * W + 2 * j + v];
            y[(p * Ho + i) * Wo + j] = Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1));
          }
      return y;
    },
    softmaxXent(z, labels, rows, k) {
      let loss = 0;
      for (let i = 0; i < rows; ++i) {
        let m = -Infinity, s = 0;
        for (let j = 0; j < k; ++j) m = Math.max(m, z[i * k + j]);
        for (let j = 0; j < k; ++j) s += Math.exp(z[i * k + j] - m);
        loss += m + Math.log(s) - z[i * k + labels[i]];
      }
      return loss / rows;
    },
    sigmoidXent(z, labels, rows) {
      let loss = 0;
      for (let i = 0; i < rows; ++i) loss += Math.max(z[i], 0) - z[i] * labels[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
      return loss / rows;
    },
  };

  // jax-js (@jax-js/jax) on its WebAssembly device. jax-js 0.1.25 runs wasm
  // kernels on a pool of navigator.hardwareConcurrency workers when
  // SharedArrayBuffer and Worker exist (a cross-origin isolated page) and on
  // the calling thread otherwise; it has no thread-count option, so the rows
  // are refused on an isolated page. GEMM: jit(np.matmul) per form; training:
  // jit of valueAndGrad(loss) plus the plain SGD update (tree.map); inference:
  // jit of the forward pass. Each result is checked against plain JS before
  // it is timed.
  async function runJaxjs(jax, version, opt, emit) {
    const wanted = wantedFn(opt.only);
    const np = jax.numpy, nn = jax.nn, lax = jax.lax, tree = jax.tree;
    const shapes = [[256, 256, 256], [64, 784, 128], [784, 64, 128]];
    const modelRows = ['mlp_train', 'tiny_train', 'mlp_infer', 'lenet_train', 'lenet_infer'].filter(wanted);
    const refuseAll = (why) => {
      if (wanted('gemm'))
        for (const [M, K, N] of shapes) for (const form of ['nn', 'nt', 'tn']) emit({kind: 'gemm', form, shape: `${M}x${K}x${N}`, missing: why});
      for (const kind of modelRows) emit({kind, missing: why});
    };
    const why = (e) => String(e && e.message || e).slice(0, 200);

    // The test jax-js itself makes (src/backend/wasm/parallel.ts) when its module loads.
    const pooled = typeof SharedArrayBuffer !== 'undefined' && typeof Worker !== 'undefined';
    const threads = pooled ? Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 4) : 1;
    // The feature jax-js probes to emit f32x4.relaxed_madd (src/backend/wasm/featureProbe.ts).
    let relaxedMadd = false;
    try {
      const hex = '0061736d0100000001080160037b7b7b017b030201000a0d010b00200020012002fd85020b';
      relaxedMadd = WebAssembly.validate(Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16)));
    } catch { /* no */ }
    let devices = [];
    try {
      devices = await jax.init('wasm');  // start only the wasm device (not WebGPU / WebGL)
      jax.defaultDevice('wasm');
    } catch (e) {
      emit({kind: 'info', peer: 'jaxjs', version, backend: 'none', threads});
      return refuseAll(`jax-js wasm device unavailable: ${why(e)}`);
    }
    const probe = np.zeros([2]);
    const backend = probe.device;
    probe.dispose();
    emit({kind: 'info', peer: 'jaxjs', version, backend, devices, threads, relaxed_madd: relaxedMadd,
          shared_array_buffer: typeof SharedArrayBuffer !== 'undefined', cross_origin_isolated: globalThis.crossOriginIsolated,
          api: 'init("wasm") + defaultDevice("wasm"); GEMM jit(np.matmul); train jit(valueAndGrad(loss) + SGD tree.map); infer jit(forward); timed bodies await blockUntilReady()'});
    if (backend !== 'wasm') return refuseAll(`jax-js placed arrays on "${backend}", not wasm`);
    if (threads !== 1)
      return refuseAll(`SharedArrayBuffer and Worker exist here (a cross-origin isolated page): jax-js ${version} would run its wasm kernels on ${threads} workers and has no one-thread option`);

    const rnd = lcg(7);
    const rand = (n) => Float32Array.from({length: n}, () => rnd() * 2 - 1);

    if (wanted('gemm')) {
      for (const [M, K, N] of shapes) {
        const gflop = 2e-9 * M * N * K;
        const a = rand(M * K), b = rand(K * N), bt = rand(N * K), at = rand(K * M);
        const A = np.array(a, {shape: [M, K]}), B = np.array(b, {shape: [K, N]});
        const Bt = np.array(bt, {shape: [N, K]}), At = np.array(at, {shape: [K, M]});
        const forms = {  // [function, lhs, rhs, reference entry (i, j)]
          nn: [(x, y) => np.matmul(x, y), A, B, (i, j) => { let s = 0; for (let k = 0; k < K; ++k) s += a[i * K + k] * b[k * N + j]; return s; }],
          nt: [(x, y) => np.matmul(x, y.transpose()), A, Bt, (i, j) => { let s = 0; for (let k = 0; k < K; ++k) s += a[i * K + k] * bt[j * K + k]; return s; }],
          tn: [(x, y) => np.matmul(x.transpose(), y), At, B, (i, j) => { let s = 0; for (let k = 0; k < K; ++k) s += at[k * M + i] * b[k * N + j]; return s; }],
        };
        for (const [form, [f, X, Y, entry]] of Object.entries(forms)) {
          const shape = `${M}x${K}x${N}`;
          const fn = jax.jit(f);
          try {
            const c = fn(X.ref, Y.ref);
            if (c.device !== 'wasm' || c.shape.join('x') !== `${M}x${N}`) throw new Error(`result on ${c.device}, shape ${c.shape}`);
            const got = await c.data();
            const pick = lcg(M + K + N);
            for (let t = 0; t < 64; ++t) {
              const i = Math.floor(pick() * M), j = Math.floor(pick() * N), want = entry(i, j);
              if (!(Math.abs(got[i * N + j] - want) <= 1e-4 * Math.sqrt(K) * (1 + Math.abs(want))))
                throw new Error(`wrong result: C[${i},${j}] = ${got[i * N + j]}, plain JS ${want}`);
            }
            const s = await measureAsync(async () => { const r = fn(X.ref, Y.ref); await r.blockUntilReady(); r.dispose(); }, gflop, opt);
            emit({kind: 'gemm', form, shape, unit: 'GFLOP/s', ...s});
          } catch (e) {
            emit({kind: 'gemm', form, shape, missing: why(e)});
          }
          fn.dispose();
        }
        tree.dispose([A, B, At, Bt]);
      }
    }
    if (!modelRows.length) return;

    // Parameters: {name: [Float32Array, shape]}, uniform(+-sqrt(6 / fan_in))
    // weights (Kaiming uniform, as nnplay-bench) and zero biases.
    const initParams = (spec) => {
      const pr = lcg(3), out = {};
      for (const [name, shape, fanIn] of spec) {
        const n = shape.reduce((x, y) => x * y, 1), bound = fanIn ? Math.sqrt(6 / fanIn) : 0;
        out[name] = [Float32Array.from({length: n}, () => (pr() * 2 - 1) * bound), shape];
      }
      return out;
    };
    const toJax = (p) => Object.fromEntries(Object.entries(p).map(([k, [d, shape]]) => [k, np.array(d, {shape})]));
    const dense = (x, w, b) => np.dot(x, w).add(b);
    const pool = (x) => lax.reduceWindow(x, np.max, [2, 2], [2, 2]);
    const models = {
      mlp: {
        spec: [['w1', [784, 128], 784], ['b1', [128]], ['w2', [128, 64], 128], ['b2', [64]], ['w3', [64, 10], 64], ['b3', [10]]],
        forward: (p, x) => dense(nn.relu(dense(nn.relu(dense(x, p.w1, p.b1)), p.w2, p.b2)), p.w3, p.b3),
        forwardJs: (p, x, n) => plainJs.dense(plainJs.dense(plainJs.dense(x, n, p.w1[0], p.b1[0], 128, 784, 'relu'), n, p.w2[0], p.b2[0], 64, 128, 'relu'),
          n, p.w3[0], p.b3[0], 10, 64, ''),
      },
      lenet: {
        spec: [['c1w', [6, 1, 5, 5], 25], ['c1b', [6, 1, 1]], ['c2w', [16, 6, 5, 5], 150], ['c2b', [16, 1, 1]],
          ['f1w', [400, 120], 400], ['f1b', [120]], ['f2w', [120, 84], 120], ['f2b', [84]], ['f3w', [84, 10], 84], ['f3b', [10]]],
        forward: (p, x) => {
          x = x.reshape([-1, 1, 28, 28]);
          let h = pool(nn.relu(lax.convGeneralDilated(x, p.c1w, [1, 1], [[2, 2], [2, 2]]).add(p.c1b)));  // 6x14x14
          h = pool(nn.relu(lax.convGeneralDilated(h, p.c2w, [1, 1], 'VALID').add(p.c2b))).reshape([-1, 400]);  // 16x5x5
          return dense(nn.relu(dense(nn.relu(dense(h, p.f1w, p.f1b)), p.f2w, p.f2b)), p.f3w, p.f3b);
        },
        forwardJs: (p, x, n) => {
          let h = plainJs.pool2(plainJs.conv(x, n, 1, 28, 28, p.c1w[0], p.c1b[0], 6, 5, 2), n, 6, 28, 28);
          h = plainJs.pool2(plainJs.conv(h, n, 6, 14, 14, p.c2w[0], p.c2b[0], 16, 5, 0), n, 16, 10, 10);
          return plainJs.dense(plainJs.dense(plainJs.dense(h, n, p.f1w[0], p.f1b[0], 120, 400, 'relu'), n, p.f2w[0], p.f2b[0], 84, 120, 'relu'),
            n, p.f3w[0], p.f3b[0], 10, 84, '');
        },
      },
      tiny: {
        spec: [['w1', [2, 8], 2], ['b1', [8]], ['w2', [8, 8], 8], ['b2', [8]], ['w3', [8, 1], 8], ['b3', [1]]],
        forward: (p, x) => dense(np.tanh(dense(np.tanh(dense(x, p.w1, p.b1)), p.w2, p.b2)), p.w3, p.b3),
        forwardJs: (p, x, n) => plainJs.dense(plainJs.dense(plainJs.dense(x, n, p.w1[0], p.b1[0], 8, 2, 'tanh'), n, p.w2[0], p.b2[0], 8, 8, 'tanh'),
          n, p.w3[0], p.b3[0], 1, 8, ''),
      },
    };
    // Losses on logits z and targets y (one-hot for softmax, 0/1 for sigmoid), batch means.
    const softmaxXent = (z, y) => { const n = y.shape[0]; return nn.logSoftmax(z).mul(y).sum().mul(-1 / n); };
    const sigmoidXent = (z, y) => { const n = y.shape[0]; return nn.softplus(z.ref).sub(z.mul(y)).sum().mul(1 / n); };
    // One jitted SGD step: x arrives as int32 pixel values (jax-js has no
    // uint8 dtype) and is scaled by 1/255 inside, as nnplay's gather does.
    const sgdStep = (model, loss, lr, pixels) => jax.jit((p, x, y) => {
      if (pixels) x = x.astype(np.float32).mul(1 / 255);
      const [l, g] = jax.valueAndGrad((q, xx, yy) => loss(model.forward(q, xx), yy))(tree.ref(p), x, y);
      return [tree.map((w, gw) => w.sub(gw.mul(lr)), p, g), l];
    });

    // The image rows' data: 6400 synthetic images in batches of 64.
    const needImages = modelRows.some((k) => k !== 'tiny_train');
    const img = needImages ? syntheticImages(6400) : null;
    const batches = [];
    if (needImages)
      for (let c = 0; c + 64 <= img.n; c += 64) {
        const onehot = new Float32Array(64 * 10);
        for (let i = 0; i < 64; ++i) onehot[i * 10 + img.y[c + i]] = 1;
        batches.push({pixels: img.x.subarray(c * 784, (c + 64) * 784), labels: img.y.subarray(c, c + 64),
          x: np.array(Int32Array.from(img.x.subarray(c * 784, (c + 64) * 784)), {shape: [64, 784], dtype: np.int32}),
          y: np.array(onehot, {shape: [64, 10]})});
      }
    const scaled = (pixels) => Float32Array.from(pixels, (v) => v / 255);

    const train = async (kind, model, loss, lr, data, perStep, work, checkSteps) => {
      const step = sgdStep(model, loss, lr, kind !== 'tiny_train');
      try {
        // Check: the first loss equals plain JS's, and checkSteps steps on one fixed batch lower it.
        const p0 = initParams(model.spec);
        const b0 = data[0];
        const jsLoss = perStep
          ? plainJs.sigmoidXent(model.forwardJs(p0, b0.xJs, b0.n), b0.labels, b0.n)
          : plainJs.softmaxXent(model.forwardJs(p0, scaled(b0.pixels), 64), b0.labels, 64, 10);
        let p = toJax(p0);
        const losses = [];
        for (let t = 0; t <= checkSteps; ++t) {
          const [q, l] = step(p, b0.x.ref, b0.y.ref);
          p = q;
          losses.push((await l.data())[0]);
        }
        tree.dispose(p);
        const [first, last] = [losses[0], losses[losses.length - 1]];
        if (!(Math.abs(first - jsLoss) <= 1e-3 * (1 + Math.abs(jsLoss))))
          throw new Error(`first loss ${first}, plain JS ${jsLoss}`);
        if (!(last < 0.9 * first))
          throw new Error(`${checkSteps} SGD steps on one batch took the loss only from ${first.toFixed(4)} to ${last.toFixed(4)}`);

        p = toJax(initParams(model.spec));
        let cursor = 0;
        const s = await measureAsync(async () => {
          const b = data[cursor];
          cursor = (cursor + 1) % data.length;
          const [q, l] = step(p, b.x.ref, b.y.ref);
          p = q;
          await jax.blockUntilReady(p);
          l.dispose();
        }, work, opt);
        tree.dispose(p);
        emit({kind, batch: data[0].n || 64, unit: perStep ? 'steps/s' : 'samples/s', check: `loss ${first.toFixed(4)} -> ${last.toFixed(4)} in ${checkSteps} steps`, ...s});
      } catch (e) {
        emit({kind, missing: why(e)});
      }
      step.dispose();
    };
    const infer = async (kind, model) => {
      const predict = jax.jit(model.forward);
      try {
        const pJs = initParams(model.spec), p = toJax(pJs);
        const xf = scaled(batches[0].pixels);
        const x = np.array(xf, {shape: [64, 784]});
        const want = model.forwardJs(pJs, xf, 64), got = await predict(tree.ref(p), x.ref).data();
        for (let i = 0; i < want.length; ++i)
          if (!(Math.abs(got[i] - want[i]) <= 1e-3 * (1 + Math.abs(want[i])))) throw new Error(`logit ${i} = ${got[i]}, plain JS ${want[i]}`);
        const s = await measureAsync(async () => { const y = predict(tree.ref(p), x.ref); await y.blockUntilReady(); y.dispose(); }, 64, opt);
        emit({kind, batch: 64, unit: 'samples/s', ...s});
        tree.dispose([p, x]);
      } catch (e) {
        emit({kind, missing: why(e)});
      }
      predict.dispose();
    };

    if (wanted('mlp_train')) await train('mlp_train', models.mlp, softmaxXent, 0.01, batches, false, 64, 50);
    if (wanted('tiny_train')) {
      const pts = xorPoints(500), data = [];
      for (let c = 0; c + 10 <= pts.n; c += 10) {
        const xJs = pts.x.slice(2 * c, 2 * c + 20), labels = pts.y.slice(c, c + 10);
        data.push({n: 10, xJs, labels, x: np.array(xJs, {shape: [10, 2]}), y: np.array(Float32Array.from(labels), {shape: [10, 1]})});
      }
      await train('tiny_train', models.tiny, sigmoidXent, 0.03, data, true, 1, 50);
      for (const d of data) tree.dispose([d.x, d.y]);
    }
    if (wanted('mlp_infer')) await infer('mlp_infer', models.mlp);
    // 20 check steps: a jax-js LeNet step takes most of a second (its wasm convolutions).
    if (wanted('lenet_train')) await train('lenet_train', models.lenet, softmaxXent, 0.01, batches, false, 64, 20);
    if (wanted('lenet_infer')) await infer('lenet_infer', models.lenet);
    for (const b of batches) tree.dispose([b.x, b.y]);
  }

  const api = {measure, measureAsync, runTfjs, runConvnet, runJaxjs};
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.NnplayPeers = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
