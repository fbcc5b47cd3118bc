// onnx_check.js — runs nnplay's ONNX exports in ONNX Runtime (onnxruntime-web:
// Microsoft's runtime compiled to WebAssembly, independent of nnplay's code)
// and compares with nnplay's outputs stored beside them.
//
//   node --no-experimental-fetch onnx_check.js <node_modules> <dir>...
// Each <dir> holds model.onnx and test_data_set_0/{input_0,output_0}.pb
// (train/export_onnx.h). Prints one line per dir; exits 1 when any run fails
// or differs from nnplay by more than `tolerance` of the outputs' scale.
'use strict';
const fs = require('fs');
const path = require('path');

const tolerance = 1e-5;

// A TensorProto (onnx.proto: dims = 1, data_type = 2, name = 8, raw_data = 9)
// read with a minimal protobuf decoder (varints and length-delimited fields).
function readTensor(file) {
  const b = fs.readFileSync(file);
  let at = 0;
  const varint = () => {
    let v = 0n, shift = 0n;
    for (;;) {
      const byte = b[at++];
      v |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return v;
      shift += 7n;
    }
  };
  const t = {dims: [], type: 0, name: '', raw: null};
  while (at < b.length) {
    const tag = Number(varint()), field = tag >> 3, wire = tag & 7;
    if (wire === 0) {
      const v = Number(varint());
      if (field === 1) t.dims.push(v);
      if (field === 2) t.type = v;
    } else if (wire === 2) {
      const n = Number(varint());
      const bytes = b.subarray(at, at + n);
      at += n;
      if (field === 8) t.name = bytes.toString('utf8');
      if (field === 9) t.raw = bytes;
    } else if (wire === 5) {
      at += 4;
    } else {
      throw new Error(`${file}: unexpected wire type ${wire}`);
    }
  }
  if (t.type !== 1 || !t.raw) throw new Error(`${file}: not a float32 tensor with raw_data`);
  const copy = Uint8Array.from(t.raw);  // aligned
  t.data = new Float32Array(copy.buffer, 0, copy.length / 4);
  return t;
}

async function main() {
  const [modules, ...dirs] = process.argv.slice(2);
  // Resolved as from a file beside <node_modules>, so the package's "exports" map applies.
  const ort = require('module').createRequire(path.resolve(modules, '..', 'check.js'))('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const failed = [];
  for (const dir of dirs) {
    const name = path.basename(dir);
    try {
      const x = readTensor(path.join(dir, 'test_data_set_0/input_0.pb'));
      const want = readTensor(path.join(dir, 'test_data_set_0/output_0.pb'));
      const session = await ort.InferenceSession.create(fs.readFileSync(path.join(dir, 'model.onnx')));
      const out = await session.run({[x.name]: new ort.Tensor('float32', x.data, x.dims)});
      const y = out[want.name];
      if (!y) throw new Error(`no output '${want.name}' (outputs: ${Object.keys(out)})`);
      if (y.dims.join(',') !== want.dims.join(','))
        throw new Error(`output shape (${y.dims}), nnplay's (${want.dims})`);
      let worst = 0, at = 0, scale = 1e-6;
      for (let i = 0; i < want.data.length; ++i) {
        scale = Math.max(scale, Math.abs(want.data[i]));
        const d = Math.abs(y.data[i] - want.data[i]);
        if (!(d <= worst)) { worst = d; at = i; }  // NaN counts as worst
      }
      const ok = worst <= tolerance * scale;
      console.log(`${name}: ${x.dims[0]} samples, ${y.data.length} outputs: max |ORT - nnplay| = ` +
                  `${worst.toPrecision(3)} (outputs up to ${scale.toPrecision(3)}, relative ` +
                  `${(worst / scale).toPrecision(3)}): ${ok ? 'OK' : `MISMATCH at ${at}: ORT ${y.data[at]}, nnplay ${want.data[at]}`}`);
      if (!ok) failed.push(name);
    } catch (e) {
      console.log(`${name}: ERROR ${e.message || e}`);
      failed.push(name);
    }
  }
  console.log(failed.length ? `FAILED: ${failed.join(' ')}` : 'ALL OK');
  process.exit(failed.length ? 1 : 0);
}
main();
