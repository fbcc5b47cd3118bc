// harness.mjs — what the browser tests share: the options, the static
// server (scripts/serve.mjs) on a free port, Debian's Chromium through
// playwright-core, checks that count failures, and waiting for the app.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/// --web DIR (build/web) and --out DIR (build/browser, created), plus `opt(name, default)` for a test's own.
export function options(argv = process.argv.slice(2)) {
  const opt = (name, def) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : def;
  };
  const web = path.resolve(opt('--web', path.join(repo, 'build/web')));
  const out = path.resolve(opt('--out', path.join(repo, 'build/browser')));
  fs.mkdirSync(out, { recursive: true });
  return { web, out, opt, has: (name) => argv.includes(name) };
}

/// A counter of failed checks: check(ok, what, detail) prints one line.
export function checker(name) {
  const c = { failures: 0, t0: Date.now() };
  c.check = (ok, what, detail = '') => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ': ' + detail : ''}`);
    if (!ok) c.failures++;
    return ok;
  };
  c.finish = (extra = '') => {
    console.log(`${name}: ${((Date.now() - c.t0) / 1000).toFixed(1)} s`);
    console.log(c.failures === 0 ? `${name}: all checks passed${extra}` : `${name}: ${c.failures} check(s) failed`);
    process.exit(c.failures === 0 ? 0 : 1);
  };
  return c;
}

/// scripts/serve.mjs on `web` with `flags` (e.g. ['--no-isolation']): {url, stop()}.
export async function serve(web, flags = []) {
  const port = 20000 + Math.floor(Math.random() * 5000);
  const server = spawn(process.execPath, [path.join(repo, 'scripts/serve.mjs'), web, '--port', String(port), ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', resolve);
    server.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.kill() };
}

/// Debian's Chromium, headless, drawing with SwiftShader.
export async function launch() {
  const modules = process.env.NNPLAY_NODE_MODULES;
  if (!modules) {
    console.error('NNPLAY_NODE_MODULES is not set (eval "$(scripts/bootstrap --env)")');
    process.exit(2);
  }
  const { chromium } = createRequire(path.join(modules, 'x.js'))('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           '--ignore-gpu-blocklist', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

/// Page errors and console errors of `page`, collected into the returned array.
export function errorsOf(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/// Waits until window.nnplay is ready (the app drew its first frame).
export const ready = (page, timeout = 60000) =>
  page.waitForFunction(() => window.nnplay && window.nnplay.isReady, null, { timeout });

// A new browser context of `device` (playwright's options: viewport, touch,
// ...) with a page opened at `url`, ready: {ctx, page, errors}.
export async function openPage(browser, device, url) {
  const ctx = await browser.newContext(device);
  const page = await ctx.newPage();
  const errors = errorsOf(page);
  await page.goto(url);
  await ready(page);
  return { ctx, page, errors };
}

export const status = (page) => page.evaluate(() => window.nnplay.status());
export const command = (page, c) => page.evaluate((c) => window.nnplay.command(c), c);
