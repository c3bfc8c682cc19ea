// End-to-end: the browser runs out of space halfway through an import. The profile lives on a
// small tmpfs (the DevTools quota override has no effect in this Chromium), so IndexedDB really
// refuses the write; the database must stay exactly as it was and the person must be told why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { declare, exportVia, startHarness, storedRecords, TIMEOUT, withArtifacts } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;
const TMPFS_MB = 64;

/** A valid Sitrep file far larger than the tmpfs: copies of one exported incident, each with its
 * own ids and notes of random (incompressible) text. */
function bigFile(exported, copies, notesEach) {
  const file = JSON.parse(exported);
  const [template] = file.incidents;
  file.incidents = Array.from({ length: copies }, (_, n) => {
    const copy = structuredClone(template);
    copy.id = randomUUID();
    copy.reference = `INC-${String(5000 + n).padStart(4, '0')}`;
    copy.title = `Load ${n}`;
    copy.events = copy.events.map((e) => ({ ...e, id: randomUUID() }));
    const at = copy.events[copy.events.length - 1].recorded_at;
    for (let k = 0; k < notesEach; k++) {
      copy.events.push({ id: randomUUID(), recorded_at: at, actor: 'Load', change: { note_added: randomBytes(45_000).toString('base64') } });
    }
    return copy;
  });
  return JSON.stringify(file);
}

describe('storage runs out', () => {
  let h;
  let small;
  let dir;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-quota-files-'));
    small = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_MB}m`, 'tmpfs', small]);
    } catch (err) {
      throw new Error(`this test needs to mount a ${TMPFS_MB} MB tmpfs for the browser profile (run as root): ${err.message}`);
    }
  });
  after(async () => {
    await h?.close();
    try {
      execFileSync('umount', [small]);
    } finally {
      await rm(small, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('an import that fills the disk halfway is rolled back whole and says so in plain words', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('quota', { parent: small });
    await withArtifacts('quota', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Quinn');
      await declare(p, 'Before the big import');
      await p.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await p.open('#/');
      const { file: exported } = await exportVia(p, '[data-testid=export-all]', dir);
      const before = (await storedRecords(p.page)).map((r) => r.events.length);
      assert.equal(before.length, 1);

      const big = path.join(dir, 'too-big-for-this-disk.json');
      await writeFile(big, bigFile(await readFile(exported, 'utf8'), 140, 10));
      await p.page.setInputFiles('#import-file', big);
      await p.waitFor('[data-testid=import-preview], [data-testid=import-error]', { timeout: 4 * TIMEOUT });
      assert.equal(await p.count('[data-testid=import-error]'), 0, await p.texts('[data-testid=import-error-text]').then((t) => `the file itself is valid: ${t}`));
      await p.waitText('[data-testid=import-counts]', /140 new/);
      await p.click('[data-testid=import-confirm]');
      await p.waitFor('[data-testid=import-error]', { timeout: 4 * TIMEOUT });
      // Chromium reports a full disk at commit as a bare abort; the words say what happened and
      // the likely cause.
      const words = await p.text('[data-testid=import-error-text]');
      assert.match(words, /^The browser('s storage is full, so the import was| rolled the import back without saying why:)/);
      assert.match(words, /none of the file was written and your incidents are as they were/);
      assert.match(words, /storage is full/);

      assert.deepEqual((await storedRecords(p.page)).map((r) => r.events.length), before, 'the database holds exactly what it held before');
      await p.click('[data-testid=import-error] button.primary');
      await p.reload();
      assert.deepEqual(await p.texts('[data-testid=row-title]'), ['Before the big import']);
      p.assertHealthy();
    });
  });
});
