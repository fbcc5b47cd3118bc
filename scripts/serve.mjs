#!/usr/bin/env node
// serve.mjs — a small static file server for nnplay's web folder (build/web).
//
//   node scripts/serve.mjs [DIR] [--port N] [--host H] [--no-isolation]
//                                              (default build/web, 8080, 127.0.0.1)
//
// Cross-origin isolation: every response carries
// "Cross-Origin-Opener-Policy: same-origin" and
// "Cross-Origin-Embedder-Policy: require-corp", which give the page
// SharedArrayBuffer, so it loads the multi-threaded build (nnplay-mt.js).
// --no-isolation leaves them out, as a host without those headers (or an
// iframe in a course site) would: the page then loads nnplay.js, 1 thread.
//
// Correct MIME types (application/wasm, so browsers can stream-compile),
// data/*.gz served as plain gzip bytes WITHOUT Content-Encoding (the app
// gunzips them itself with DecompressionStream, as on any static host), and
// "Cache-Control: no-cache" + ETag on everything: the browser revalidates on
// every load, so a rebuilt nnplay.wasm is never mixed with a stale nnplay.js,
// while unchanged 26 MB datasets still come back as 304 Not Modified.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
let root = 'build/web';
let port = Number(process.env.PORT) || 8080;
let host = '127.0.0.1';
let isolation = true;
for (let i = 0; i < args.length; ++i) {
  const a = args[i];
  if (a === '--port') port = Number(args[++i]);
  else if (a === '--host') host = args[++i];
  else if (a === '--no-isolation') isolation = false;
  else if (a === '--help' || a === '-h') {
    console.log('usage: node scripts/serve.mjs [DIR] [--port N] [--host H] [--no-isolation]');
    process.exit(0);
  } else root = a;
}
root = path.resolve(root);
if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`serve.mjs: ${root}/index.html not found (build the web app first: scripts/play --build-only)`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
  '.idx': 'application/octet-stream',
};

function send(res, code, text) {
  res.writeHead(code, {'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store'});
  res.end(text + '\n');
}

const server = http.createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    return send(res, 400, 'bad request');
  }
  let file = path.join(root, path.normalize(rel));
  if (file !== root && !file.startsWith(root + path.sep)) return send(res, 403, 'forbidden');
  fs.stat(file, (err, st) => {
    if (!err && st.isDirectory()) {
      file = path.join(file, 'index.html');
      try {
        st = fs.statSync(file);
      } catch (e) {
        err = e;
      }
    }
    if (err || !st.isFile()) {
      if (!rel.endsWith('favicon.ico')) console.error(`404 ${rel}`);
      return send(res, 404, `not found: ${rel}`);
    }
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const headers = {
      'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'ETag': etag,
      'Last-Modified': st.mtime.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
    };
    if (isolation) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    headers['Content-Length'] = st.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
});

server.on('error', (e) => {
  console.error(`serve.mjs: cannot listen on ${host}:${port}: ${e.message}` +
                (e.code === 'EADDRINUSE' ? ' (another server is running? use --port N)' : ''));
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`nnplay is served at http://${host}:${port}/  (folder ${root}; ` +
              `${isolation ? 'cross-origin isolated: multi-threaded build' : 'not isolated: single-threaded build'}; Ctrl+C stops)`);
});
