// sw.js — nnplay's service worker: the page starts without a network after
// its first visit. The page (nnplay-api.js) registers it and names what the
// visit used (the page, its scripts and styles, the build's .wasm, the
// datasets fetched); those are kept in the Cache Storage, and so is every
// later same-origin file fetched through here.
//
// Network first for the app's own files (a rebuilt nnplay.wasm is never
// mixed with a stale nnplay.js while online; offline, the kept copy
// answers), cache first for data/ (a dataset file never changes under its
// name, and it is the big download). The responses are kept with their
// headers, so a cross-origin isolated page stays isolated offline.
'use strict';

const CACHE = 'nnplay-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

// {nnplay: 'keep', urls: [...]} from the page: fetch and keep each (the
// browser's HTTP cache usually answers, so this costs little).
self.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || m.nnplay !== 'keep' || !Array.isArray(m.urls)) return;
  const here = new URL(self.registration.scope);
  const urls = m.urls.filter((u) => typeof u === 'string' && new URL(u, here).origin === here.origin);
  e.waitUntil(caches.open(CACHE).then((c) => Promise.all(urls.map((u) =>
    c.match(u, {ignoreSearch: true}).then((hit) => hit || fetch(u).then((r) => (r.ok ? c.put(u, r) : null)))
      .catch(() => null)))));
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const isData = url.pathname.includes('/data/');
  e.respondWith(caches.open(CACHE).then(async (c) => {
    // A page opened with a link's query or hash is the same page.
    const kept = () => c.match(req, {ignoreSearch: req.mode === 'navigate'});
    if (isData) {
      const hit = await kept();
      if (hit) return hit;
    }
    try {
      const res = await fetch(req);
      if (res.ok && res.status === 200) c.put(req, res.clone()).catch(() => {});
      return res;
    } catch (err) {
      const hit = await kept();
      if (hit) return hit;
      throw err;
    }
  }));
});
