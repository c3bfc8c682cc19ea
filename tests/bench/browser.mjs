// Browser benchmark: Sitrep against plain-JavaScript baselines measured in the same run, in headless
// Chromium on the release build. Prints a table; asserts nothing about time.
//
//   node tests/bench/browser.mjs ARCHIVE.json [runs]
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startHarness, REPO_ROOT } from '../e2e/harness.mjs';

const archive = process.argv[2];
const RUNS = Number(process.argv[3] ?? 3);
if (!archive) {
  console.error('usage: node tests/bench/browser.mjs ARCHIVE.json [runs]');
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => performance.now();

/** Plain JS: read the file, JSON.parse, put in 1,000-record transactions. Timed in the page. */
async function baselineImport(profile, file) {
  await profile.page.evaluate(() => {
    const input = Object.assign(document.createElement('input'), { type: 'file', id: 'bench-file' });
    document.body.append(input);
  });
  await profile.page.setInputFiles('#bench-file', file);
  return profile.page.evaluate(async () => {
    const t0 = performance.now();
    const text = await document.getElementById('bench-file').files[0].text();
    const data = JSON.parse(text);
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('bench-baseline', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('incidents', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (let i = 0; i < data.incidents.length; i += 1000) {
      await new Promise((resolve, reject) => {
        const tx = db.transaction('incidents', 'readwrite');
        const store = tx.objectStore('incidents');
        for (const incident of data.incidents.slice(i, i + 1000)) store.put(incident);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
    return performance.now() - t0;
  });
}

/** Plain JS getAll of Sitrep's own store. */
async function baselineGetAll(profile) {
  return profile.page.evaluate(async () => {
    const t0 = performance.now();
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('sitrep');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise((resolve, reject) => {
      const req = db.transaction('incidents').objectStore('incidents').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    if (all.length === 0) throw new Error('nothing stored');
    return performance.now() - t0;
  });
}

/** Sitrep: pick the file, wait for the preview, confirm, wait until it is stored. Also the longest main-thread task. */
async function sitrepImport(profile, file) {
  await profile.page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const t0 = now();
  await profile.page.setInputFiles('#import-file', file);
  await profile.waitFor('[data-testid=import-confirm]', { timeout: 300_000 });
  const t1 = now();
  await profile.click('[data-testid=import-confirm]');
  await profile.waitText('[data-testid=flash]', 'Imported', { timeout: 300_000 });
  const t2 = now();
  const longest = await profile.page.evaluate(() => window.__longest);
  return { preview: t1 - t0, write: t2 - t1, total: t2 - t0, longest };
}

/** Reload with everything stored; time until the first queue row is painted. */
async function openApp(profile) {
  const t0 = now();
  await profile.page.reload({ waitUntil: 'commit' });
  await profile.waitFor('[data-testid=queue-row]', { timeout: 300_000 });
  return now() - t0;
}

/** One keystroke in the search box until the filtered list is painted, timed in the page. */
async function keystroke(profile, text) {
  return profile.page.evaluate(async (text) => {
    const input = document.getElementById('search');
    const count = document.querySelector('[data-testid=queue-count]');
    const before = count.textContent;
    const t0 = performance.now();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const changed = await new Promise((resolve) => {
      const check = () => {
        if (count.textContent !== before) resolve(true);
        else if (performance.now() - t0 > 5000) resolve(false);
        else requestAnimationFrame(check);
      };
      check();
    });
    if (!changed) throw new Error(`searching ${text} did not change the count`);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - t0;
  }, text);
}

/** The dashboard opened from the queue, every incident loaded, until its charts are painted. */
async function openDashboard(profile) {
  await profile.route('#/');
  await profile.waitFor('.queue-page');
  return profile.page.evaluate(async () => {
    const t0 = performance.now();
    window.location.hash = '#/dashboard';
    await new Promise((resolve, reject) => {
      const check = () => {
        if (document.querySelector('.dashboard-page #chart-weeks svg')) resolve();
        else if (performance.now() - t0 > 30000) reject(new Error('the dashboard did not paint'));
        else requestAnimationFrame(check);
      };
      check();
    });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - t0;
  });
}

/** One change of the dashboard's range (a quick-range button) until the new figures are painted. */
async function changeRange(profile, days) {
  return profile.page.evaluate(async (days) => {
    const scope = document.querySelector('[data-testid=dashboard-scope]');
    const before = scope.textContent;
    const button = [...document.querySelectorAll('.quick-ranges button')].find((b) => b.textContent === `Last ${days} days`);
    const t0 = performance.now();
    button.click();
    await new Promise((resolve, reject) => {
      const check = () => {
        if (scope.textContent !== before) resolve();
        else if (performance.now() - t0 > 30000) reject(new Error(`the range of ${days} days did not paint`));
        else requestAnimationFrame(check);
      };
      check();
    });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - t0;
  }, days);
}

async function shippedSizes() {
  const dist = path.join(REPO_ROOT, 'dist');
  const sizes = { raw: 0, gzip: 0 };
  for (const name of await readdir(dist)) {
    if (!/\.(wasm|js|css)$/.test(name)) continue;
    const bytes = await readFile(path.join(dist, name));
    sizes.raw += bytes.length;
    sizes.gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return sizes;
}

const h = await startHarness({ prefix: '/sitrep/' });
const results = { base: [], sitrep: [], open: [], getAll: [], keys: [], dashboard: [], range: [] };
try {
  for (let run = 0; run < RUNS; run += 1) {
    const p = await h.openProfile(`bench-${run}`);
    await p.open('#/');
    await p.ensureUser('Bench');
    const step = (what, value) => {
      console.error(`run ${run + 1}: ${what} ${JSON.stringify(value)}`);
      return value;
    };
    results.base.push(step('baseline import', await baselineImport(p, archive)));
    results.sitrep.push(step('sitrep import', await sitrepImport(p, archive)));
    results.open.push(step('open', await openApp(p)));
    results.getAll.push(step('getAll', await baselineGetAll(p)));
    await p.check('#filter-closed');
    for (const text of ['zzz', 'load', 'INC-0042', 'zzz', 'load']) results.keys.push(step(`keystroke ${text}`, await keystroke(p, text)));
    for (let k = 0; k < 3; k += 1) results.dashboard.push(step('dashboard open', await openDashboard(p)));
    for (const days of [30, 365, 7, 90, 30]) results.range.push(step(`dashboard range ${days}`, await changeRange(p, days)));
    p.assertHealthy();

  }
} finally {
  await h.close();
}

const fileMb = (await stat(archive)).size / 1e6;
const sizes = await shippedSizes();
const ms = (x) => `${x.toFixed(0)} ms`;
const rows = [
  ['import: plain JS (read + JSON.parse + puts, 1,000/tx)', ms(median(results.base)), '1.00×', ''],
  ['import: Sitrep, file picked → preview shown', ms(median(results.sitrep.map((r) => r.preview))), '', ''],
  ['import: Sitrep, confirm → stored', ms(median(results.sitrep.map((r) => r.write))), '', ''],
  ['import: Sitrep total', ms(median(results.sitrep.map((r) => r.total))), `${(median(results.sitrep.map((r) => r.total)) / median(results.base)).toFixed(2)}×`, '≤ 1.0×'],
  ['import: longest main-thread task (Sitrep)', ms(median(results.sitrep.map((r) => r.longest))), '', 'none over 50 ms'],
  ['open: plain JS getAll of the store', ms(median(results.getAll)), '1.00×', ''],
  ['open: reload → first row painted (Sitrep)', ms(median(results.open)), `${(median(results.open) / median(results.getAll)).toFixed(2)}×`, '≤ 1 s, ≤ 1.5×'],
  ['search: keystroke → list painted (median of 5/run)', ms(median(results.keys)), '', '≤ 16 ms'],
  ['dashboard: open → charts painted (median of 3/run)', ms(median(results.dashboard)), '', '≤ 50 ms'],
  ['dashboard: range changed → painted (median of 5/run)', ms(median(results.range)), '', '≤ 50 ms'],
  ['shipped wasm + JS + CSS, gzip -9', `${(sizes.gzip / 1024).toFixed(0)} KB`, '', '≤ 300 KB'],
];
console.log(`\nSitrep in headless Chromium, release build, ${fileMb.toFixed(1)} MB archive, median of ${RUNS} runs\n`);
console.log('| what | measured | vs baseline | budget |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
