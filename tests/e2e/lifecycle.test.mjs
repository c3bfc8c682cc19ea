// End-to-end: the incident lifecycle, driven through the built app (dist/) in headless Chromium,
// hosted under the sub-path /sitrep/ the way a static host would serve it.
//
// Journey: declare an incident, move it to resolved, reload, still resolved with its full timeline.
// The selectors are the app's DOM contract (data-testid attributes and form ids).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;
const arrow = (from, to) => new RegExp(`${from}\\s*(→|->|to)\\s*${to}`, 'i');

describe('incident lifecycle', () => {
  /** @type {Awaited<ReturnType<typeof startHarness>>} */
  let h;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('declare, triage to resolved, reload: still resolved with its full timeline', { timeout: TEST_TIMEOUT }, async (t) => {
    const a = await h.openProfile('A');
    await withArtifacts('lifecycle', [a], async () => {
      await a.open('#/');
      const asked = await a.ensureUser('Alice');
      assert.equal(asked, true, 'a fresh profile must ask who the user is');
      await a.waitText('[data-testid=current-user]', 'Alice');

      // Declare.
      await a.click('[data-testid=declare-link]');
      await a.waitFor('#title');
      await a.fill('#title', 'Database latency spike');
      await a.fill('#description', 'p99 latency on the orders database is above 2 s');
      await a.select('#category', 'infrastructure');
      await a.fill('#services', 'orders-db, checkout');
      await a.check('#impact-high');
      await a.check('#urgency-medium');
      await a.waitText('[data-testid=priority-preview]', 'P2');
      await a.click('[data-testid=declare-submit]');

      // Incident page.
      await a.waitFor('[data-testid=incident-ref]');
      assert.match(a.page.url(), /#\/incident\/[0-9a-f-]{36}$/i, 'declaring navigates to #/incident/<uuid>');
      const incidentUrl = a.page.url();
      await a.waitText('[data-testid=incident-ref]', 'INC-0001', { exact: true });
      await a.waitText('[data-testid=incident-title]', 'Database latency spike');
      await a.waitText('[data-testid=incident-state]', 'Reported', { exact: true });
      await a.waitText('[data-testid=incident-priority]', 'P2');
      await a.waitText('[data-testid=timeline-event]', /declared/i);

      // Note.
      await a.fill('#note-text', 'Failover started');
      await a.click('[data-testid=note-submit]');
      await a.waitText('[data-testid=timeline-event]', 'Failover started');

      // Commander.
      await a.fill('#commander', 'Alice');
      await a.click('[data-testid=commander-submit]');
      await a.waitText('[data-testid=timeline-event]', /commander/i);

      // Transitions, one at a time; each must show before the next is clicked.
      for (const [id, label] of [
        ['triaged', 'Triaged'],
        ['investigating', 'Investigating'],
        ['contained', 'Contained'],
        ['resolved', 'Resolved'],
      ]) {
        await a.click(`[data-testid=transition-${id}]`);
        if (id === 'resolved') {
          // Resolving asks how first; without a summary it is refused and nothing moves.
          await a.click('[data-testid=resolve-submit]');
          await a.waitText('[data-testid=resolve-error]', /Resolution summary is required/);
          await a.waitText('[data-testid=incident-state]', 'Contained', { exact: true });
          await a.fill('#resolution-summary', 'Failed over to the replica; primary rebuilt');
          await a.click('[data-testid=resolve-submit]');
        }
        await a.waitText('[data-testid=incident-state]', label, { exact: true });
      }
      await a.waitText('[data-testid=resolution-record]', /Fix — recorded by Alice/);
      await a.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      a.assertHealthy();

      // Reload: everything must come back from IndexedDB.
      await a.reload();
      await a.ensureUser('Alice');
      assert.equal(a.page.url(), incidentUrl, 'reload stays on the incident page');
      await a.waitText('[data-testid=incident-ref]', 'INC-0001', { exact: true });
      await a.waitText('[data-testid=incident-state]', 'Resolved', { exact: true });
      await a.waitText('[data-testid=incident-priority]', 'P2');
      await a.waitText('[data-testid=timeline-event]', 'Failover started');

      const expected = [
        /declared/i,
        /Failover started/,
        /commander/i,
        arrow('Reported', 'Triaged'),
        arrow('Triaged', 'Investigating'),
        arrow('Investigating', 'Contained'),
        arrow('Contained', 'Resolved'),
        /Resolved by a fix: Failed over to the replica/,
      ];
      for (const re of expected) await a.waitText('[data-testid=timeline-event]', re);
      const events = await a.texts('[data-testid=timeline-event]');
      t.diagnostic(`timeline after reload: ${JSON.stringify(events)}`);
      assert.equal(events.length, expected.length, `exactly ${expected.length} timeline entries after the reload: ${JSON.stringify(events)}`);
      for (const re of expected) {
        const hit = events.find((t) => re.test(t));
        assert.ok(hit, `timeline has an entry matching ${re}: ${JSON.stringify(events)}`);
        assert.match(hit, /Alice/, `timeline entry "${hit}" names its actor`);
      }

      // Timeline order toggle: the same entries, reversed.
      await a.click('[data-testid=timeline-order]');
      await a.page.waitForFunction(
        (before) => {
          const n = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
          const now = [...document.querySelectorAll('[data-testid=timeline-event]')].map((e) => n(e.textContent));
          return now.length === before.length && now.every((t, i) => t === before[before.length - 1 - i]);
        },
        events,
        { timeout: TIMEOUT, polling: 'raf' },
      ).catch(async (err) => {
        const now = await a.texts('[data-testid=timeline-event]');
        throw new Error(`timeline-order did not reverse the timeline: before ${JSON.stringify(events)}, after ${JSON.stringify(now)} (${err.message.split('\n')[0]})`);
      });

      // Queue.
      await a.route('#/');
      await a.waitText('[data-testid=queue-row] [data-testid=row-ref]', 'INC-0001', { exact: true });
      const row = a.page.locator('[data-testid=queue-row]', { hasText: 'INC-0001' });
      assert.equal(await row.count(), 1, 'exactly one queue row for INC-0001');
      assert.match(await row.locator('[data-testid=row-title]').innerText(), /Database latency spike/);
      assert.match(await row.locator('[data-testid=row-priority]').innerText(), /P2/);
      assert.match(await row.locator('[data-testid=row-state]').innerText(), /Resolved/i);

      // Search narrows the queue.
      await a.fill('#search', 'latency');
      await a.waitText('[data-testid=queue-row] [data-testid=row-ref]', 'INC-0001', { exact: true });
      await a.fill('#search', 'no such incident zzz');
      await a.waitCount('[data-testid=queue-row]', (n) => n === 0, 'zero');
      await a.fill('#search', '');
      await a.waitText('[data-testid=queue-row] [data-testid=row-ref]', 'INC-0001', { exact: true });

      // The filter lives in the URL: a reload (or a shared link) keeps it.
      await a.fill('#search', 'latency');
      await a.select('#filter-priority', 'P2');
      await a.page.waitForFunction(() => /q=latency/.test(location.hash) && /priority=P2/.test(location.hash));
      await a.reload();
      await a.ensureUser('Alice');
      assert.equal(await a.page.inputValue('#search'), 'latency');
      assert.equal(await a.page.inputValue('#filter-priority'), 'P2');
      await a.waitText('[data-testid=queue-row] [data-testid=row-ref]', 'INC-0001', { exact: true });
      await a.select('#filter-priority', 'P1');
      await a.waitCount('[data-testid=queue-row]', (n) => n === 0, 'zero');
      await a.route('#/');
      await a.waitText('[data-testid=queue-row] [data-testid=row-ref]', 'INC-0001', { exact: true });

      // The row's ref link opens the incident.
      await row.locator('[data-testid=row-ref]').click();
      await a.waitText('[data-testid=incident-ref]', 'INC-0001', { exact: true });
      await a.waitText('[data-testid=incident-state]', 'Resolved', { exact: true });
      assert.equal(a.page.url(), incidentUrl);

      a.assertHealthy();
    });
  });

  test('refused transitions are not offered; the declare form refuses an empty title', { timeout: TEST_TIMEOUT }, async () => {
    // A second, independent profile: its own IndexedDB, so it starts empty and asks for a name.
    const b = await h.openProfile('B');
    await withArtifacts('refusals', [b], async () => {
      await b.open('#/new');
      assert.equal(await b.ensureUser('Bob'), true, 'profile B is independent of A and asks for a name');
      await b.waitFor('#title');

      // Empty title: refused with a form error, no navigation.
      await b.fill('#title', '');
      await b.check('#impact-low');
      await b.check('#urgency-low');
      await b.click('[data-testid=declare-submit]');
      await b.waitFor('[data-testid=form-error]');
      assert.notEqual((await b.text('[data-testid=form-error]')).length, 0, 'the form error says something');
      assert.match(b.page.url(), /#\/new$/, 'a refused declare stays on the form');
      assert.equal(await b.count('[data-testid=incident-ref]'), 0);

      // Then a valid one; profile B numbers its own incidents.
      await b.fill('#title', 'Checkout errors');
      await b.waitText('[data-testid=priority-preview]', 'P5');
      await b.click('[data-testid=declare-submit]');
      await b.waitText('[data-testid=incident-ref]', 'INC-0001', { exact: true });
      await b.waitText('[data-testid=incident-state]', 'Reported', { exact: true });

      // Reported: triage and cancel are offered; jumping ahead is not.
      await b.waitFor('[data-testid=transition-triaged]');
      await b.waitFor('[data-testid=transition-cancelled]');
      for (const refused of ['reported', 'investigating', 'contained', 'resolved', 'closed']) {
        assert.equal(await b.count(`[data-testid=transition-${refused}]`), 0, `no transition-${refused} button on a Reported incident`);
      }

      // The queue of profile B holds only its own incident.
      await b.route('#/');
      await b.waitText('[data-testid=queue-row] [data-testid=row-title]', 'Checkout errors');
      assert.equal(await b.count('[data-testid=queue-row]'), 1, 'profile B sees only its own incident');
      await b.waitText('[data-testid=queue-row] [data-testid=row-priority]', 'P5');

      b.assertHealthy();
    });
  });

  test('two tabs of one browser see both notes at once and keep them', { timeout: TEST_TIMEOUT }, async () => {
    const c = await h.openProfile('C');
    await withArtifacts('two-tabs', [c], async () => {
      await c.open('#/');
      await c.ensureUser('Cleo');
      await c.click('[data-testid=declare-link]');
      await c.fill('#title', 'Shared between tabs');
      await c.click('[data-testid=declare-submit]');
      await c.waitText('[data-testid=incident-ref]', 'INC-0001', { exact: true });
      await c.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      const url = c.page.url();

      // A second tab opens the same incident, then both add a note without reloading.
      const first = c.page;
      const second = await c.context.newPage();
      await second.goto(url);
      await second.locator('[data-testid=incident-ref]').waitFor();
      await second.fill('#note-text', 'From the second tab');
      await second.click('[data-testid=note-submit]');
      await second.locator('[data-testid=save-status]', { hasText: 'Saved' }).waitFor();
      // The first tab learns of it without a reload.
      await c.waitText('[data-testid=timeline-event]', 'From the second tab');
      await first.fill('#note-text', 'From the first tab');
      await first.click('[data-testid=note-submit]');
      await c.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await second.locator('[data-testid=timeline-event]', { hasText: 'From the first tab' }).waitFor();

      // Whatever was stored last, a fresh load shows both notes once each.
      await second.reload();
      await second.locator('[data-testid=timeline-event]', { hasText: 'From the first tab' }).waitFor();
      const texts = await second.locator('[data-testid=timeline-event]').allTextContents();
      for (const note of ['From the first tab', 'From the second tab']) {
        assert.equal(texts.filter((t) => t.includes(note)).length, 1, `${note} once: ${JSON.stringify(texts)}`);
      }
      c.assertHealthy();
    });
  });

  test('two tabs that never hear of each other still keep both notes and both fields', { timeout: TEST_TIMEOUT }, async () => {
    const d = await h.openProfile('D');
    await withArtifacts('two-tabs-silent', [d], async () => {
      // No broadcasts between tabs: only the merge on each write can keep both sides.
      await d.context.addInitScript(() => {
        delete window.BroadcastChannel;
      });
      await d.open('#/');
      await d.ensureUser('Dara');
      await d.click('[data-testid=declare-link]');
      await d.fill('#title', 'Silent tabs');
      await d.click('[data-testid=declare-submit]');
      await d.waitText('[data-testid=incident-ref]', 'INC-0001', { exact: true });
      await d.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      const first = d.page;
      const second = await d.context.newPage();
      await second.goto(first.url());
      await second.locator('[data-testid=incident-ref]').waitFor();

      await first.fill('#note-text', 'Note from the first tab');
      await first.click('[data-testid=note-submit]');
      await first.fill('#commander', 'Dara');
      await first.click('[data-testid=commander-submit]');
      await first.locator('[data-testid=save-status]', { hasText: 'Saved' }).waitFor();
      await second.fill('#note-text', 'Note from the second tab');
      await second.click('[data-testid=note-submit]');
      await second.click('[data-testid=edit-details]');
      await second.fill('#edit-title', 'Silent tabs, renamed');
      await second.click('[data-testid=details-save]');
      await second.locator('[data-testid=save-status]', { hasText: 'Saved' }).waitFor();

      for (const page of [first, second]) {
        await page.reload();
        await page.locator('[data-testid=incident-title]', { hasText: 'Silent tabs, renamed' }).waitFor();
        await page.locator('[data-testid=incident-commander]', { hasText: 'Commander: Dara' }).waitFor();
        const texts = await page.locator('[data-testid=timeline-event]').allTextContents();
        for (const note of ['Note from the first tab', 'Note from the second tab']) {
          assert.equal(texts.filter((t) => t.includes(note)).length, 1, `${note} once: ${JSON.stringify(texts)}`);
        }
      }
      d.assertHealthy();
    });
  });
});
