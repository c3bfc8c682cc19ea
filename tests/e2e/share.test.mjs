// End-to-end: two responders in two separate browser profiles share an incident by JSON files.
//
// A declares and works an incident and exports it; B (empty) imports it and sees the same incident
// with its whole timeline; B adds a note and exports; A imports and sees both sides' notes, once each.
// Also: a hostile file is refused with a message and changes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportVia, importVia, startHarness, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;

async function timelineTexts(profile) {
  return profile.texts('[data-testid=timeline-event]');
}

describe('sharing incidents between two browsers', () => {
  let h;
  let dir;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-files-'));
  });
  after(async () => {
    await h?.close();
  });

  test('export from A, import into empty B, note in B, import back into A', { timeout: TEST_TIMEOUT }, async () => {
    const a = await h.openProfile('A');
    const b = await h.openProfile('B');
    await withArtifacts('share', [a, b], async () => {
      // A declares and works an incident.
      await a.open('#/');
      await a.ensureUser('Alice');
      await a.click('[data-testid=declare-link]');
      await a.fill('#title', 'Payments <script>alert(1)</script> timing out');
      await a.check('#impact-high');
      await a.check('#urgency-high');
      await a.click('[data-testid=declare-submit]');
      await a.waitText('[data-testid=incident-ref]', 'INC-0001', { exact: true });
      await a.fill('#note-text', 'Note from Alice');
      await a.click('[data-testid=note-submit]');
      await a.waitText('[data-testid=timeline-event]', 'Note from Alice');
      await a.click('[data-testid=transition-triaged]');
      await a.waitText('[data-testid=incident-state]', 'Triaged', { exact: true });
      const incidentRoute = new URL(a.page.url()).hash;
      const aTimeline = await timelineTexts(a);

      const fromA = await exportVia(a, '[data-testid=export-incident]', dir);
      assert.match(fromA.name, /^sitrep-INC-0001-\d{4}-\d{2}-\d{2}\.json$/);
      const envelope = JSON.parse(await readFile(fromA.file, 'utf8'));
      assert.equal(envelope.format, 'sitrep');
      assert.equal(envelope.version, 3);
      assert.equal(envelope.incidents.length, 1);
      // The schema the page links to is shipped beside the app, under the same sub-path.
      const schemaHref = await a.page.locator('[data-testid=schema-link]').evaluate((el) => el.href);
      const schema = await (await a.page.request.get(schemaHref)).json();
      assert.equal(schema.properties.format.const, 'sitrep');

      // B starts empty and imports it.
      await b.open('#/');
      await b.ensureUser('Bob');
      assert.equal(await b.count('[data-testid=queue-row]'), 0);
      const firstCounts = await importVia(b, fromA.file);
      assert.match(firstCounts, /^1 new, 0 merge/);
      await b.route(incidentRoute);
      await b.waitText('[data-testid=incident-ref]', 'INC-0001', { exact: true });
      await b.waitText('[data-testid=incident-title]', 'Payments <script>alert(1)</script> timing out', { exact: true });
      await b.waitText('[data-testid=incident-state]', 'Triaged', { exact: true });
      assert.deepEqual(await timelineTexts(b), aTimeline, 'B sees the same timeline as A');

      // Importing the same file again changes nothing.
      await b.page.setInputFiles('#import-file', fromA.file);
      await b.waitFor('[data-testid=import-preview]');
      assert.match(await b.text('[data-testid=import-counts]'), /^0 new, 0 merge into incidents here, 1 unchanged/);
      await b.click('[data-testid=import-cancel]');

      // B adds a note and exports everything.
      await b.fill('#note-text', 'Note from Bob');
      await b.click('[data-testid=note-submit]');
      await b.waitText('[data-testid=timeline-event]', 'Note from Bob');
      await b.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await b.route('#/');
      const fromB = await exportVia(b, '[data-testid=export-all]', dir);
      assert.match(fromB.name, /^sitrep-all-\d{4}-\d{2}-\d{2}\.json$/);

      // A, which meanwhile added another note, imports B's file: both sides' notes, once each.
      await a.fill('#note-text', 'Second note from Alice');
      await a.click('[data-testid=note-submit]');
      await a.waitText('[data-testid=timeline-event]', 'Second note from Alice');
      const backCounts = await importVia(a, fromB.file);
      assert.match(backCounts, /^0 new, 1 merge/);
      await a.waitText('[data-testid=timeline-event]', 'Note from Bob');
      const merged = await timelineTexts(a);
      for (const note of ['Note from Alice', 'Note from Bob', 'Second note from Alice']) {
        assert.equal(merged.filter((t) => t.includes(note)).length, 1, `${note} once`);
      }
      assert.equal(merged.length, aTimeline.length + 2);
      await a.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await a.reload();
      await a.ensureUser('Alice');
      await a.waitText('[data-testid=timeline-event]', 'Note from Bob');
      assert.equal((await timelineTexts(a)).length, aTimeline.length + 2, 'the merge was stored');
      a.assertHealthy();
      b.assertHealthy();
    });
  });

  test('a broken file is refused with a message and changes nothing', { timeout: TEST_TIMEOUT }, async () => {
    const c = await h.openProfile('C');
    await withArtifacts('refuse', [c], async () => {
      await c.open('#/');
      await c.ensureUser('Carol');
      // With incidents present, so that "changes nothing" can be seen.
      assert.match(await importVia(c, new URL('../fixtures/v1-inc-0042-resolved-and-a-drill.json', import.meta.url).pathname), /^2 new/);
      await c.check('#filter-closed');
      await c.waitCount('[data-testid=queue-row]', (n) => n === 2, '2 rows');
      const before = await c.texts('[data-testid=queue-row]');
      const cases = [
        ['empty.json', '', /empty/i],
        ['bad-event.json', JSON.stringify({ format: 'sitrep', version: 2, exported_at: '2026-11-26T10:00:00Z', incidents: [{ id: '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a00', events: [{ id: 'x' }] }] }), /incidents\[0\]\.events\[0\]/],
        ['cut.json', '{"format":"sitrep","version":2,"incidents":[{"id":', /JSON|cut off|ends/i],
        ['array.json', '[1,2,3]', /not a Sitrep file/i],
        ['newer.json', '{"format":"sitrep","version":99,"exported_at":"2026-11-26T10:00:00Z","incidents":[]}', /newer Sitrep/i],
      ];
      for (const [name, body, expected] of cases) {
        const file = path.join(dir, name);
        await writeFile(file, body);
        await c.page.setInputFiles('#import-file', file);
        await c.waitFor('[data-testid=import-error]');
        const message = await c.text('[data-testid=import-error-text]');
        assert.match(message, expected, `${name}: ${message}`);
        await c.click('[data-testid=import-error] button');
        await c.waitFor('[data-testid=import-error]', { state: 'detached' });
      }
      assert.deepEqual(await c.texts('[data-testid=queue-row]'), before, 'the queue is as it was');
      await c.reload();
      await c.waitCount('[data-testid=queue-row]', (n) => n === 2, '2 rows after a reload');
      assert.deepEqual(await c.texts('[data-testid=queue-row]'), before, 'and so is storage');
      c.assertHealthy();
    });
  });

  test('a file dropped anywhere on the page is previewed, then imported', { timeout: TEST_TIMEOUT }, async () => {
    const d = await h.openProfile('D');
    await withArtifacts('drop', [d], async () => {
      await d.open('#/');
      await d.ensureUser('Dana');
      const fixture = await readFile(new URL('../fixtures/v1-inc-0042-resolved-and-a-drill.json', import.meta.url), 'utf8');
      await d.page.evaluate((text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
        const target = document.querySelector('main');
        for (const type of ['dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
        }
      }, fixture);
      await d.waitFor('[data-testid=import-preview]');
      assert.match(await d.text('[data-testid=import-counts]'), /^2 new, 0 merge/);
      await d.click('[data-testid=import-confirm]');
      await d.waitFor('[data-testid=import-preview]', { state: 'detached' });
      await d.waitText('[data-testid=flash]', 'Imported: 2 new');
      await d.check('#filter-closed');
      await d.waitCount('[data-testid=queue-row]', (n) => n === 2, '2 rows');
      await d.waitText('[data-testid=row-ref]', 'INC-0042', { exact: true });
      d.assertHealthy();
    });
  });
});
