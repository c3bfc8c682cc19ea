// End-to-end: keeping data. The canary after the browser wiped IndexedDB, the backup nudge and
// what settings say about storage.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { declare, exportVia, startHarness, TIMEOUT, withArtifacts } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;
const DAY_MS = 24 * 3600 * 1000;

describe('keeping data', () => {
  let h;
  let dir;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-keeping-'));
  });
  after(async () => {
    await h?.close();
  });

  test('when the browser wipes IndexedDB but keeps local storage, the app says so instead of showing an empty queue', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('canary');
    await withArtifacts('canary', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Cai');
      await declare(p, 'Payments queue backing up');
      await p.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await p.reload();
      assert.equal(await p.count('[data-testid=banner-wiped]'), 0, 'a reload of the same database is no wipe');

      const deleted = await p.page.evaluate(
        () =>
          new Promise((resolve) => {
            const request = indexedDB.deleteDatabase('sitrep');
            request.onsuccess = () => resolve('deleted');
            request.onerror = () => resolve(`error: ${request.error}`);
            request.onblocked = () => resolve('blocked');
          }),
      );
      assert.equal(deleted, 'deleted', 'the open tab lets go of the database');
      await p.waitFor('[data-testid=banner-closed]');

      await p.reload();
      await p.waitText('[data-testid=banner-wiped]', /deleted Sitrep's stored incidents/);
      await p.waitText('[data-testid=banner-wiped]', /No export from this browser is on record/);
      assert.equal(await p.count('[data-testid=queue-row]'), 0);
      await p.click('[data-testid=wiped-dismiss]');
      await p.waitFor('[data-testid=banner-wiped]', { state: 'detached' });
      await p.reload();
      assert.equal(await p.count('[data-testid=banner-wiped]'), 0, 'once read, the new database is the one remembered');
      p.assertHealthy();
    });
  });

  test('the backup nudge counts incidents changed since an export older than the interval, and an export clears it', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('nudge');
    await withArtifacts('nudge', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Noor');
      await declare(p, 'Mail relay rejecting');
      await p.click('a[href="#/"]');
      await declare(p, 'VPN flapping');
      await p.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await p.open('#/');
      assert.equal(await p.count('[data-testid=backup-nudge]'), 0, 'no nudge on the first day');

      // The last full export was ten days ago.
      await p.page.evaluate((at) => localStorage.setItem('sitrep.last_export', at), new Date(Date.now() - 10 * DAY_MS).toISOString());
      await p.reload();
      await p.waitText('[data-testid=backup-nudge]', /2 incidents changed since your last export, 10d 0h ago/);

      // A longer interval than ten days silences it; the settings keep the choice.
      await p.open('#/settings');
      await p.fill('#remind-days', '14');
      await p.page.locator('#remind-days').dispatchEvent('change');
      await p.open('#/');
      assert.equal(await p.count('[data-testid=backup-nudge]'), 0);
      await p.open('#/settings');
      assert.equal(await p.page.inputValue('#remind-days'), '14');
      await p.fill('#remind-days', '7');
      await p.page.locator('#remind-days').dispatchEvent('change');

      await p.open('#/');
      await p.waitFor('[data-testid=backup-nudge]');
      const { file } = await exportVia(p, '[data-testid=nudge-export]', dir);
      assert.ok(file);
      await p.waitFor('[data-testid=backup-nudge]', { state: 'detached' });
      await p.reload();
      assert.equal(await p.count('[data-testid=backup-nudge]'), 0, 'the export is remembered');
      p.assertHealthy();
    });
  });

  test('settings say whether storage is persistent and how much is used', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('settings');
    await withArtifacts('settings', [p], async () => {
      await p.open('#/settings');
      await p.ensureUser('Sol');
      await p.waitText('[data-testid=persistence]', /^Persistent storage: (granted|not granted)/);
      await p.waitText('[data-testid=storage-usage]', /^Storage used: [\d.]+ (bytes|kB|MB) of the [\d.]+ (MB|GB|TB) this browser allows this site\.$/);
      await p.waitText('[data-testid=last-export]', 'Last full export: never from this browser.', { exact: true });
      const granted = await p.page.evaluate(() => navigator.storage.persisted());
      assert.equal(/: granted/.test(await p.text('[data-testid=persistence]')), granted, 'the page says what the browser says');
      p.assertHealthy();
    });
  });

  test('a newer Sitrep upgrading the database in another tab is never held up: this tab lets go, says so, and refuses the newer data after a reload', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('upgrade');
    await withArtifacts('upgrade', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Ulla');
      await declare(p, 'Old tab keeps working');
      await p.waitText('[data-testid=save-status]', 'Saved', { exact: true });

      // Another tab of the same site opens the database one version up, as a newer build would.
      const newer = await p.context.newPage();
      await newer.goto(p.baseUrl + 'static/sitrep.schema.json');
      const upgrade = await newer.evaluate(
        () =>
          new Promise(async (resolve) => {
            // One version up from whatever this build opened (it moves with the schema version).
            const current = (await indexedDB.databases()).find((d) => d.name === 'sitrep')?.version;
            if (!current) return resolve('error: the database is not there');
            let blocked = false;
            const request = indexedDB.open('sitrep', current + 1);
            request.onblocked = () => {
              blocked = true;
            };
            request.onsuccess = () => {
              request.result.close();
              resolve(blocked ? 'opened after being blocked' : 'opened');
            };
            request.onerror = () => resolve(`error: ${request.error}`);
          }),
      );
      assert.equal(upgrade, 'opened', 'the old tab stepped aside before the upgrade had to wait');
      await newer.close();

      await p.waitText('[data-testid=banner-closed]', /Sitrep was updated in another tab/);
      await p.fill('#note-text', 'Written after the upgrade');
      await p.click('[data-testid=note-submit]');
      await p.waitText('[data-testid=banner-closed]', /1 incident\(s\) changed in this tab are not saved: export them before reloading/);
      await p.waitText('[data-testid=save-status]', 'Not saved', { exact: true });

      // Reloaded, this (older) build meets data of a newer one and does not touch it.
      p.page.once('dialog', (d) => d.accept());
      await p.page.reload({ waitUntil: 'domcontentloaded' });
      await p.waitText('[data-testid=banner]', /written by a newer Sitrep/);
      p.assertHealthy();
    });
  });
});
