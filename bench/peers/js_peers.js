// js_peers.js — the JavaScript peers of nnplay-bench: TF.js 4.22
// with its WebAssembly backend (SIMD, one thread) and ConvNetJS 0.3.0, on the
// same workloads and with the same timing rules as bench/nnplay_bench.cpp
// (warm-up, then repetitions of at least minTime seconds, median). Both
// packages are dev dependencies of the benchmark only, installed by
// scripts/bench into $NNPLAY_CACHE/bench-node; the app never loads them.
//
// Works in the browser (bench/web/peers.html, globals tf / convnetjs) and in
// node (bench/peers/node_peers.js). Each result is one object handed to
// emit(), shaped like nnplay-bench's JSON lines.
(function (root) {
  'use strict';

  const now = () => performance.now() / 1000;

  function measure(body, work, opt) {
    const t0 = now();
    let calls = 0, warm = 0;
    do {
      body();
      ++calls;
      warm = now() - t0;
    } while (warm < opt.warmup || calls < 3);
    let perRep = Math.max(1, Math.floor(calls / warm * opt.minTime));
    const rates = [];
    for (let r = 0; r < opt.reps; ++r) {
      const a = now();
      let n = 0, dt = 0;
      do {
        for (let i = 0; i < perRep; ++i) body();
        n += perRep;
        dt = now() - a;
      } while (dt < opt.minTime);
      rates.push(work * n / dt);
      perRep = Math.max(1, Math.floor(n / dt * opt.minTime));
    }
    rates.sort((x, y) => x - y);
    return {value: rates[rates.length >> 1], min: rates[0], max: rates[rates.length - 1], reps: rates.length};
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

  const api = {measure, runTfjs, runConvnet};
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.NnplayPeers = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
