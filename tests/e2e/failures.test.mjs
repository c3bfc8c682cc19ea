// End-to-end: what a person sees when things go wrong, and the queue's filter and export paths.
// Storage that refuses a write, storage that is missing, a damaged stored record, closing a tab with
// unsaved changes; a filter with characters that need encoding, a damaged shared link, and
// "Export these" exporting exactly the filtered list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { declare, exportVia, importVia, REPO_ROOT, startHarness, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/v1-inc-0042-resolved-and-a-drill.json');

/** Makes every IndexedDB put in the page throw a quota error until `restorePut()` is called. */
async function refuseWrites(page) {
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    window.restorePut = () => {
      IDBObjectStore.prototype.put = put;
    };
  });
}

describe('failure screens and the queue filter', () => {
  let h;
  let dir;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-failures-'));
  });
  after(async () => {
    await h?.close();
  });

  test('a refused save says Not saved, keeps the change, warns before closing, and Retry stores it', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('save-error');
    await withArtifacts('save-error', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Sam');
      await declare(p, 'Disk filling up');
      await p.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await refuseWrites(p.page);
      await p.fill('#note-text', 'Kept in this tab');
      await p.click('[data-testid=note-submit]');
      await p.waitText('[data-testid=save-status]', 'Not saved', { exact: true });
      await p.waitText('[data-testid=banner]', /storage is full/i);
      await p.waitText('[data-testid=timeline-event]', 'Kept in this tab');

      // Closing the tab now asks first; saying "stay" keeps it open.
      const dialog = Promise.race([
        new Promise((resolve) => {
          p.page.once('dialog', async (d) => {
            const type = d.type();
            await d.dismiss().catch(() => {});
            resolve(type);
          });
        }),
        new Promise((resolve) => setTimeout(() => resolve('no dialog within 10 s'), 10_000)),
      ]);
      await p.page.close({ runBeforeUnload: true });
      assert.equal(await dialog, 'beforeunload');
      assert.equal(p.page.isClosed(), false, 'the tab stays open when the person says no');

      await p.page.evaluate(() => window.restorePut());
      await p.click('[data-testid=banner] button');
      await p.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await p.reload();
      await p.waitText('[data-testid=timeline-event]', 'Kept in this tab');
      p.assertHealthy();
    });
  });

  test('without IndexedDB the app says nothing can be stored, and still works in the tab', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('no-storage');
    await withArtifacts('no-storage', [p], async () => {
      await p.context.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      });
      // The app never becomes ready for storage, so wait for what it says instead.
      await p.page.goto(`${p.baseUrl}#/`);
      await p.waitText('[data-testid=banner]', /cannot be stored/i);
      await p.ensureUser('Nia');
      await declare(p, 'Works without storage');
      await p.waitText('[data-testid=save-status]', 'Not saved', { exact: true });
      p.assertHealthy();
    });
  });

  test('a damaged stored record is reported and left as it is', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('damaged');
    await withArtifacts('damaged', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Dev');
      await declare(p, 'A readable incident');
      await p.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await p.page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('sitrep');
            open.onsuccess = () => {
              const tx = open.result.transaction('incidents', 'readwrite');
              tx.objectStore('incidents').put('{"id": broken', 'damaged-key');
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
            open.onerror = () => reject(open.error);
          }),
      );
      await p.reload();
      await p.waitText('.banner.warning', '1 stored record(s) could not be read and were left untouched.');
      await p.route('#/');
      await p.waitCount('[data-testid=queue-row]', (n) => n === 1, 'the readable incident');
      p.assertHealthy();
    });
  });

  test('a filter with characters that need encoding survives a reload; a damaged link opens safely; Export these exports exactly the list', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('filter');
    await withArtifacts('filter', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Fay');
      assert.match(await importVia(p, FIXTURE), /^2 new/);
      await declare(p, 'db & cache 50%/ok is slow');
      await p.route('#/');
      await p.check('#filter-closed');
      await p.fill('#search', 'db & cache 50%/ok');
      await p.waitCount('[data-testid=queue-row]', (n) => n === 1, 'one match');
      await p.reload();
      assert.equal(await p.page.inputValue('#search'), 'db & cache 50%/ok');
      await p.waitCount('[data-testid=queue-row]', (n) => n === 1, 'one match after a reload');

      const exported = await exportVia(p, '[data-testid=export-filtered]', dir);
      const file = JSON.parse(await readFile(exported.file, 'utf8'));
      assert.deepEqual(file.incidents.map((i) => i.title), ['db & cache 50%/ok is slow']);

      await p.page.goto(`${p.baseUrl}#/?q=%E0%A4%A&state=bogus&priority=P9&closed=1`);
      await p.waitReady();
      await p.waitFor('#search');
      assert.equal(await p.count('[data-testid=queue-row]'), 0, 'the damaged search matches nothing');
      p.assertHealthy();
    });
  });
});
