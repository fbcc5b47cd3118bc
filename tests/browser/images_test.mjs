#!/usr/bin/env node
// images_test.mjs — a student's own pictures in the page: image files dropped
// on it, a zip chosen with Load images…, the format switched, and damaged
// files refused. Headless Chromium (Debian's, through playwright-core).
//
//   node tests/browser/images_test.mjs [--web build/web] [--out build/browser]
//
// Checks:
//   1. 80 pictures drawn in the page (white bars on black, lying or
//      standing, at random places and lengths; PNG and JPEG from the
//      browser's own encoders), named by class (lying_07.png,
//      standing_12.jpg) and dropped on the page at once, become dataset
//      "images" (80 samples, 2 classes); LeNet-5 trains on them to at least
//      90% validation accuracy;
//   2. a dropped set with one truncated PNG is refused by that file's name,
//      and the loaded images stay;
//   3. Load images… (the browser's file chooser) takes a zip with one folder
//      per class (tests/reference/images.zip: 4 images, README and macOS
//      debris skipped); "read as" RGB 32×32 rebuilds the network for 3×32×32;
//   4. on a phone (390×844, touch), the same zip dropped shows in the Data
//      panel (screenshot looked at).
// Needs: scripts/play --build-only (build/web), scripts/bootstrap (playwright-core, chromium).
import fs from 'node:fs';
import path from 'node:path';
import { repo, options, checker, serve, launch, openPage, status, command, sleep } from './harness.mjs';

const { web, out } = options();
const { check, finish } = checker('images test');

const browser = await launch();
const app = await serve(web);
const zip = fs.readFileSync(path.join(repo, 'tests/reference/images.zip'));

const open = (device, link) => openPage(browser, device, app.url + link);
async function until(page, pred, ms = 10000) {
  let st = await status(page);
  for (let t = 0; t < ms && !pred(st); t += 200) { await sleep(200); st = await status(page); }
  return st;
}
// Draws `n` pictures per class in the page and drops them all on it; `damage`
// cuts the named file to 40 bytes.
const dropPictures = (page, n, damage = '') => page.evaluate(async ({ n, damage }) => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const files = [];
  for (const kind of ['lying', 'standing'])
    for (let i = 0; i < n; ++i) {
      const c = document.createElement('canvas');
      c.width = c.height = 64;
      const g = c.getContext('2d');
      g.fillStyle = 'black';
      g.fillRect(0, 0, 64, 64);
      // A bar 6 px thick, 24 to 50 px long, anywhere: lying or standing.
      const len = 24 + rand() * 26, at = 4 + rand() * (56 - len), across = 6 + rand() * 50;
      g.fillStyle = 'white';
      if (kind === 'lying') g.fillRect(at, across - 3, len, 6);
      else g.fillRect(across - 3, at, 6, len);
      const jpeg = i % 3 === 0;
      let blob = await new Promise((res) => c.toBlob(res, jpeg ? 'image/jpeg' : 'image/png', 0.92));
      const name = `${kind}_${String(i).padStart(2, '0')}.${jpeg ? 'jpg' : 'png'}`;
      if (name === damage) blob = blob.slice(0, 40);
      files.push(new File([blob], name, { type: blob.type }));
    }
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}, { n, damage });

try {
  // ----------------------------------------------------- 1. dropped pictures
  {
    const { ctx, page, errors } = await open({ viewport: { width: 1280, height: 800 } }, '#dataset=circle');
    await dropPictures(page, 40);
    let st = await until(page, (s) => s.dataset === 'images');
    check(st.dataset === 'images' && st.train_size + st.val_size === 80 && st.architecture === '784-128-64-1',
          'eighty dropped pictures become the dataset', `${st.dataset}, ${st.train_size}+${st.val_size}, ${st.architecture}`);
    await command(page, { model: 'lenet5', val_fraction: 0.25, optimizer: 'adam', lr: 0.001, batch_size: 16, action: 'train' });
    st = await until(page, (s) => s.acc_val >= 0.9 && s.step >= 200, 60000);
    check(st.acc_val >= 0.9, 'LeNet-5 trains on them: lying bars told from standing ones', `validation accuracy ${st.acc_val} at step ${st.step}`);
    await command(page, { action: 'pause', view: 'images' });
    await sleep(1000);
    await page.screenshot({ path: path.join(out, 'images-dropped.png') });

    // ------------------------------------------- 2. one damaged file refused
    const before = await status(page);
    await dropPictures(page, 5, 'standing_02.png');
    await sleep(1500);
    const after = await status(page);
    check(after.dataset === 'images' && after.train_size + after.val_size === 80 && after.step === before.step,
          'a drop with a truncated PNG changes nothing', `${after.train_size + after.val_size} images, step ${after.step}`);
    const banner = (await page.evaluate(() => window.nnplay.ui())).banner || '';
    check(/standing_02\.png: a damaged or truncated PNG/.test(banner), 'and the message names the file', banner);
    await page.screenshot({ path: path.join(out, 'images-refused.png') });

    // ----------------------------------------- 3. a zip through Load images…
    const u = await page.evaluate(() => window.nnplay.ui());
    const button = u.regions && u.regions.load_images;
    check(!!button, 'the Data panel reports where Load images… is', JSON.stringify(u.regions || {}));
    if (button) {
      await command(page, { view: 'images', model: 'mlp' });
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }),
        page.mouse.click(button[0] + button[2] / 2, button[1] + button[3] / 2)]);
      check(chooser.isMultiple(), 'the chooser takes several files');
      await chooser.setFiles({ name: 'shapes.zip', mimeType: 'application/zip', buffer: zip });
      st = await until(page, (s) => s.dataset === 'images' && s.train_size + s.val_size === 4);
      check(st.train_size + st.val_size === 4, 'Load images… reads a zip with a folder per class', `${st.train_size}+${st.val_size}`);
      const r = await command(page, { image_format: 'rgb32' });
      check(r.ok && r.status.architecture === '3072-128-64-1', 'read as RGB 32×32, the network takes 3×32×32',
            r.ok ? r.status.architecture : r.error);
      await sleep(800);
      await page.screenshot({ path: path.join(out, 'images-zip.png') });
    }
    check(errors.length === 0, 'no page errors (desktop)', errors.join(' | '));
    await ctx.close();
  }
  // ---------------------------------------------------------------- 4. phone
  {
    const { ctx, page, errors } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
                                            '#dataset=circle');
    await page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'shapes.zip', { type: 'application/zip' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [...zip]);
    const st = await until(page, (s) => s.dataset === 'images');
    check(st.dataset === 'images' && st.train_size + st.val_size === 4, 'a zip dropped on a phone loads', `${st.dataset}`);
    const shown = await command(page, { view: 'setup' });
    check(shown.ok, 'the phone shows Setup (the Data panel)', shown.error || '');
    await sleep(1000);
    await page.screenshot({ path: path.join(out, 'images-phone.png') });
    check(errors.length === 0, 'no page errors (phone)', errors.join(' | '));
    await ctx.close();
  }
} catch (e) {
  check(false, 'images test ran to the end', String((e && e.stack) || e));
} finally {
  await browser.close();
  app.stop();
}
finish(` (screenshots in ${out})`);
