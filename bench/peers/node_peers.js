// node_peers.js — runs the JS peers (js_peers.js) under node, for a quick
// comparison without a browser. usage:
//   NODE_PATH=<bench-node>/node_modules node bench/peers/node_peers.js tfjs|convnetjs [--only ..] [--reps N]
'use strict';
const peers = require('./js_peers.js');

async function main() {
  const [which, ...rest] = process.argv.slice(2);
  const opt = {only: '', reps: 7, minTime: 0.25, warmup: 0.6};
  for (let i = 0; i < rest.length; i += 2) {
    const k = rest[i], v = rest[i + 1];
    if (k === '--only') opt.only = v;
    else if (k === '--reps') opt.reps = Number(v);
    else if (k === '--min-time') opt.minTime = Number(v);
    else if (k === '--warmup') opt.warmup = Number(v);
  }
  const emit = (o) => console.log(JSON.stringify(o));
  if (which === 'tfjs') {
    const tf = require('@tensorflow/tfjs-core');
    Object.assign(tf, require('@tensorflow/tfjs-layers'));
    require('@tensorflow/tfjs-backend-wasm');
    await peers.runTfjs(tf, opt, emit);
  } else if (which === 'convnetjs') {
    peers.runConvnet(require('convnetjs'), opt, emit);
  } else {
    console.error('usage: node_peers.js tfjs|convnetjs [--only a,b] [--reps N] [--min-time S] [--warmup S]');
    process.exit(2);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
