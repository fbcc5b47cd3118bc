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
//
// Compression: the app's own files (.wasm, .js, .html, .css, .svg) go out
// brotli-compressed (Content-Encoding: br, quality 9: nnplay.wasm 3.1 MB ->
// about 1.1 MB) to browsers that accept it, else gzip; each file is
// compressed once (at start-up for the big ones) and kept in memory.
// --no-compress sends them as they are.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
let root = 'build/web';
let port = Number(process.env.PORT) || 8080;
let host = '127.0.0.1';
let isolation = true;
let compress = true;
for (let i = 0; i < args.length; ++i) {
  const a = args[i];
  if (a === '--port') port = Number(args[++i]);
  else if (a === '--host') host = args[++i];
  else if (a === '--no-isolation') isolation = false;
  else if (a === '--no-compress') compress = false;
  else if (a === '--help' || a === '-h') {
    console.log('usage: node scripts/serve.mjs [DIR] [--port N] [--host H] [--no-isolation] [--no-compress]');
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

// file path -> {etag, br: Promise<Buffer>, gzip: Promise<Buffer>}
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt']);
const packed = new Map();
function packedFile(file, etag, encoding) {
  let p = packed.get(file);
  if (!p || p.etag !== etag) {
    p = {etag};
    packed.set(file, p);
  }
  if (!p[encoding]) {
    p[encoding] = fs.promises.readFile(file).then((bytes) => new Promise((resolve, reject) => {
      const done = (err, out) => (err ? reject(err) : resolve(out));
      if (encoding === 'br') {
        zlib.brotliCompress(bytes, {params: {[zlib.constants.BROTLI_PARAM_QUALITY]: 9,
                                             [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length}}, done);
      } else {
        zlib.gzip(bytes, {level: 9}, done);
      }
    }));
    p[encoding].catch(() => packed.delete(file));
  }
  return p[encoding];
}
const etagOf = (st) => `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;

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
    const etag = etagOf(st);
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
    const accepts = String(req.headers['accept-encoding'] || '');
    const encoding = !compress || st.size < 1024 || !COMPRESSIBLE.has(path.extname(file).toLowerCase()) ? null
      : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    if (compress && COMPRESSIBLE.has(path.extname(file).toLowerCase())) headers['Vary'] = 'Accept-Encoding';
    if (encoding) {
      packedFile(file, etag, encoding).then((bytes) => {
        headers['Content-Encoding'] = encoding;
        headers['Content-Length'] = bytes.length;
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : bytes);
      }, () => send(res, 500, 'could not compress ' + rel));
      return;
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
  // The big files compressed before the first browser asks (about a second).
  if (compress) {
    for (const name of fs.readdirSync(root)) {
      const file = path.join(root, name);
      const st = fs.statSync(file);
      if (st.isFile() && st.size > 100000 && COMPRESSIBLE.has(path.extname(name).toLowerCase()))
        packedFile(file, etagOf(st), 'br').catch(() => {});
    }
  }
  console.log(`nnplay is served at http://${host}:${port}/  (folder ${root}; ` +
              `${isolation ? 'cross-origin isolated: multi-threaded build' : 'not isolated: single-threaded build'}; ` +
              `${compress ? 'compressed' : 'not compressed'}; Ctrl+C stops)`);
});
