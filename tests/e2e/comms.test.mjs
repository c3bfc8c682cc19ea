// End-to-end: communicating about an incident, on a clock the test controls (never a sleep).
//
// A declares a P1 incident, posts a CAN update to executives from its template and copies it as
// Markdown (read back from the clipboard). The update cadence makes the next internal update due
// in 30 minutes; when the clock passes it, the head and the queue say "overdue", loudly. The
// acknowledge target breaches: the queue shows it and its filter keeps it, and the timeline records
// the breach once. A longer P1 cadence set in settings (after a refused zero) moves the due time.
// The GDPR duty is started backdated, its countdown moves with the clock and turns loud in its
// last quarter, and it is marked done with the authority's reference. The status page is saved
// and read in a browser with scripts disabled: customer updates only, nothing internal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startHarness, withArtifacts, TIMEOUT, CHROMIUM_PATH, CHROMIUM_ARGS } from './harness.mjs';

const TEST_TIMEOUT = 12 * TIMEOUT;
// A Monday morning, UTC (the profiles run in UTC).
const START = new Date('2026-12-07T10:00:00Z');

const region = (profile, name) => profile.page.getByRole('region', { name, exact: true });
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

describe('communication', () => {
  let h;
  let downloads;
  before(async () => {
    h = await startHarness();
    downloads = await mkdtemp(path.join(os.tmpdir(), 'sitrep-comms-'));
  });
  after(async () => {
    await h?.close();
    await rm(downloads, { recursive: true, force: true });
  });

  test('updates from templates, copy as Markdown, cadence and targets on a controlled clock, a GDPR duty, the status page', { timeout: TEST_TIMEOUT }, async () => {
    const a = await h.openProfile('comms-A');
    await withArtifacts('comms', [a], async () => {
      await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.baseUrl).origin });
      await a.page.clock.install({ time: START });
      await a.open('#/');
      await a.ensureUser('Ana');

      // A P1 incident (impact high, urgency high).
      await a.click('[data-testid=declare-link]');
      await a.fill('#title', 'Customer data exposed by a misconfigured bucket');
      await a.fill('#description', 'INTERNAL-ONLY description: bucket acme-exports was public');
      await a.select('#category', 'security');
      await a.fill('#services', 'Exports, Customer portal');
      await a.check('#impact-high');
      await a.check('#urgency-high');
      await a.click('[data-testid=declare-submit]');
      await a.waitText('[data-testid=incident-title]', 'Customer data exposed by a misconfigured bucket', { exact: true });
      const incidentRoute = new URL(a.page.url()).hash;
      const reference = await a.text('[data-testid=incident-ref]');
      await a.waitText('[data-testid=head-update-due]', 'Internal update due in 30 min', { exact: true });

      // A CAN update to executives, filled from its template, edited, posted.
      await a.page.clock.fastForward('00:01:00');
      await a.select('#update-audience', 'executive');
      await a.select('#update-template', 'can');
      await button(a.page, 'Fill from template').click();
      const filled = await a.page.locator('#update-text').inputValue();
      assert.match(filled, new RegExp(`^Update on ${reference}: Customer data exposed by a misconfigured bucket \\(P1 critical, Reported\\)`));
      assert.match(filled, /Affected services: Exports, Customer portal\./);
      await a.fill('#update-text', filled.replace('Conditions: ', 'Conditions: one bucket was public for 3 days'));
      await button(a.page, 'Post update to executives').click();
      const executives = a.page.locator('[data-testid=thread-executive]');
      await executives.locator('[data-testid=update]').waitFor();
      assert.equal(await a.page.locator('#update-text').inputValue(), '', 'the form is cleared once posted');
      await a.waitText('[data-testid=timeline-event]', /Update to executives: Update on/);

      // Copy as Markdown: the clipboard holds the heading and the text.
      await executives.getByRole('button', { name: /^Copy as Markdown: the executives update of 2026-12-07 10:01$/ }).click();
      await a.waitText('[data-testid=copy-status]', 'Copied as Markdown.', { exact: true });
      const markdown = await a.page.evaluate(() => navigator.clipboard.readText());
      assert.ok(markdown.startsWith(`**${reference} · Executives update · 2026-12-07 10:01 UTC**\n\n`), markdown);
      assert.match(markdown, /Conditions: one bucket was public for 3 days {2}\n/);
      await executives.getByRole('button', { name: /^Copy as text: the executives update of 2026-12-07 10:01$/ }).click();
      await a.waitText('[data-testid=copy-status]', 'Copied as plain text.', { exact: true });
      assert.ok((await a.page.evaluate(() => navigator.clipboard.readText())).startsWith(`${reference} · Executives update · 2026-12-07 10:01 UTC\n\n`));

      // A correction names the update it corrects.
      await a.select('#update-audience', 'executive');
      await a.page.locator('#update-corrects').selectOption({ index: 1 });
      await a.fill('#update-text', 'Correction: the bucket was public for 2 days, not 3.');
      await button(a.page, 'Post update to executives').click();
      await a.waitCount('[data-testid=thread-executive] [data-testid=update]', (n) => n === 2, 'two executive updates');
      await a.waitText('[data-testid=thread-executive] [data-testid=update] .hint', /^Corrects the update of 2026-12-07 10:01$/);

      // The clock passes the cadence: the next internal update is overdue, loudly, with no reload.
      await a.page.clock.fastForward('00:35:00');
      await a.waitText('[data-testid=head-update-due]', 'Internal update overdue by 6 min', { exact: true });
      assert.match(await a.page.locator('[data-testid=head-update-due]').getAttribute('class'), /\bloud\b/);
      await a.waitText('[data-testid=update-due-internal]', 'Internal update overdue by 6 min', { exact: true });
      // The acknowledge target (15 minutes at P1) breached; the timeline records it once.
      await a.waitText('[data-testid=head-target]', 'Time to acknowledge target breached 21 min ago', { exact: true });
      await a.waitText('[data-testid=timeline-event]', /Response target breached: time to acknowledge for P1 ran out/);
      if (process.env.SITREP_README_SHOTS) {
        await a.page.locator('[data-testid=thread-internal]').scrollIntoViewIfNeeded();
        await a.page.evaluate(() => window.scrollTo(0, 0));
        await a.page.screenshot({ path: path.join(process.env.SITREP_README_SHOTS, 'update-overdue.png') });
      }

      // The queue shows both, and its filters keep the incident.
      await a.route('#/');
      const row = a.page.locator('[data-testid=queue-row]', { hasText: reference });
      await row.locator('[data-testid=row-update]', { hasText: 'update overdue by 6 min' }).waitFor();
      await row.locator('[data-testid=row-target]', { hasText: 'Time to acknowledge target breached' }).waitFor();
      await a.check('#filter-targets');
      await a.waitText('[data-testid=queue-count]', '1 incident match', { exact: true });
      assert.match(a.page.url(), /targets=1/);
      await a.check('#filter-updates');
      await a.waitText('[data-testid=queue-count]', '1 incident match', { exact: true });
      assert.match(a.page.url(), /updates=1/);
      // The filtered queue as CSV for a spreadsheet.
      const [csvDownload] = await Promise.all([
        a.page.waitForEvent('download', { timeout: TIMEOUT }),
        button(a.page, 'Download these as CSV').click(),
      ]);
      assert.match(csvDownload.suggestedFilename(), /^sitrep-queue-\d{8}-\d{4}\.csv$/);
      const csvFile = path.join(downloads, csvDownload.suggestedFilename());
      await csvDownload.saveAs(csvFile);
      const csvLines = (await readFile(csvFile, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
      assert.match(csvLines[0], /^Reference,Title,Kind,State,Priority,Category,Services,Commander,/);
      assert.equal(csvLines.length, 3, 'a header, the one incident shown, and the final line break');
      assert.ok(csvLines[1].startsWith(`${reference},Customer data exposed by a misconfigured bucket,real,Reported,P1,Security,"Exports, Customer portal",`), csvLines[1]);

      // Settings: a zero cadence is refused and the saved value stays; 120 minutes applies.
      await a.route('#/settings');
      const p1Internal = a.page.locator('[data-testid=cadence-P1-internal]');
      await p1Internal.fill('0');
      await p1Internal.press('Tab');
      await a.waitText('[data-testid=flash]', /Enter a number of minutes above zero/);
      assert.equal(await p1Internal.inputValue(), '30', 'the refused value gives way to the saved one');
      for (const audience of ['internal', 'executive', 'customers']) {
        const cell = a.page.locator(`[data-testid=cadence-P1-${audience}]`);
        await cell.fill('120');
        await cell.press('Tab');
        await a.page.waitForFunction((sel) => document.querySelector(sel)?.value === '120', `[data-testid=cadence-P1-${audience}]`);
      }
      await a.route(incidentRoute);
      // (The test's clock runs on between its jumps, so the minutes are read loosely here.)
      await a.waitText('[data-testid=head-update-due]', /^Internal update due in 1 h [12]\d min$/);
      assert.doesNotMatch(await a.page.locator('[data-testid=head-update-due]').getAttribute('class'), /\bloud\b/);

      // The security playbook's notification task opens the start of a duty, GDPR offered.
      await button(a.page, 'Apply playbook').click();
      await a.waitCount('[data-testid=task]', (n) => n === 9, 'the security playbook tasks');
      await button(a.page, 'Start a notification duty').click();
      await a.page.waitForFunction(() => document.activeElement?.id === 'duty-choice', null, { timeout: TIMEOUT });
      assert.equal(await a.page.locator('#duty-choice').inputValue(), 'gdpr-breach');

      // The GDPR duty, started backdated to when the team became aware (09:00).
      await a.select('#duty-choice', 'gdpr-breach');
      await a.fill('#duty-from', '2026-12-07T09:00');
      await button(a.page, 'Start duty').click();
      const duty = a.page.locator('[data-testid=duty]', { hasText: 'GDPR personal-data breach' });
      await duty.waitFor();
      await a.waitText('[data-testid=duty-standing]', 'due in 2 d 22 h (Owed)', { exact: true });
      await a.waitText('[data-testid=head-duty]', /GDPR personal-data breach notification \(Art\. 33\): due in 2 d 22 h/);
      assert.doesNotMatch(await duty.getAttribute('class'), /\bloud\b/);
      // Two days and six hours later it is in its last quarter: loud.
      await a.page.clock.fastForward('54:00:00');
      await a.waitText('[data-testid=duty-standing]', /^due in 16 h [0-2]\d min \(Owed: last quarter of its time\)$/);
      assert.match(await duty.getAttribute('class'), /\bloud\b/);
      // Marked done, with the authority's case number.
      await button(duty, 'Mark done: “GDPR personal-data breach notification (Art. 33)”').click();
      await duty.getByLabel('Sent by').fill('Ana');
      await duty.getByLabel('Reference (e.g. the authority\'s case number)').fill('CNIL-2026-1234');
      await button(duty, 'Record as done').click();
      await a.waitText('[data-testid=duty-standing]', /^Done on time by Ana at 2026-12-09 \d\d:\d\d, reference CNIL-2026-1234$/);
      await a.waitText('[data-testid=timeline-event]', /GDPR personal-data breach notification \(Art\. 33\): done by Ana .* \(reference CNIL-2026-1234\)/);

      // Customer-facing: a title for customers, one customer update, an internal update, a note.
      await a.fill('#public-title', 'Some customers may see errors in exports');
      await button(a.page, 'Save title for customers').click();
      await a.waitText('[data-testid=timeline-event]', /Title for customers: “Some customers may see errors in exports”/);
      await a.select('#update-audience', 'customers');
      await a.fill('#update-text', 'We are investigating a problem with exports. <b>Next update</b> within the hour.');
      await button(a.page, 'Post update to customers').click();
      await a.select('#update-audience', 'internal');
      await a.fill('#update-text', 'INTERNAL-ONLY update: rotate the acme-exports keys');
      await button(a.page, 'Post update to internal').click();
      await a.waitCount('[data-testid=thread-internal] [data-testid=update]', (n) => n === 1, 'one internal update');
      await a.fill('#note-text', 'INTERNAL-ONLY note: legal is informed');
      await a.click('[data-testid=note-submit]');
      await a.waitText('[data-testid=timeline-event]', /INTERNAL-ONLY note: legal is informed/);

      // The status page: one file, read with scripts disabled.
      const [download] = await Promise.all([
        a.page.waitForEvent('download', { timeout: TIMEOUT }),
        button(a.page, 'Save status page').click(),
      ]);
      assert.match(download.suggestedFilename(), /^status-.*\.html$/);
      const file = path.join(downloads, download.suggestedFilename());
      await download.saveAs(file);
      const html = await readFile(file, 'utf8');
      for (const secret of ['INTERNAL-ONLY', 'Customer data exposed by a misconfigured bucket', 'one bucket was public', 'Correction: the bucket', 'CNIL-2026-1234']) {
        assert.ok(!html.includes(secret), `the status page must not hold “${secret}”`);
      }
      assert.ok(!/<script/i.test(html), 'no script in the status page');
      assert.ok(html.includes('&lt;b&gt;Next update&lt;/b&gt;'), 'customer text is escaped');

      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      try {
        const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
        const page = await context.newPage();
        const requests = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`file://${file}`);
        const text = await page.locator('body').innerText();
        assert.match(text, /Some customers may see errors in exports/);
        assert.match(text, /We are investigating a problem with exports\. <b>Next update<\/b> within the hour\./);
        assert.match(text, /Exports/);
        assert.ok(!text.includes('INTERNAL-ONLY'), 'nothing internal shows');
        assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'the page loads nothing from elsewhere');
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
        assert.equal(sideways, false, 'readable on a phone without scrolling sideways');
        // Axe on the status page itself (scripts allowed here only so that axe can run), light and dark.
        for (const colorScheme of ['light', 'dark']) {
          for (const width of [390, 1280]) {
            const checked = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
            const view = await checked.newPage();
            await view.goto(`file://${file}`);
            const results = await new AxeBuilder({ page: view }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
            const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
            assert.deepEqual(serious, [], `axe on the status page (${colorScheme}, ${width} px)`);
            await checked.close();
          }
        }
      } finally {
        await browser.close();
      }
      if (process.env.SITREP_README_SHOTS) {
        await a.page.locator('section.comms').screenshot({ path: path.join(process.env.SITREP_README_SHOTS, 'communication.png') });
        await a.page.locator('section.duties').screenshot({ path: path.join(process.env.SITREP_README_SHOTS, 'duties.png') });
      }
      // Days of ticks later, the breach is still recorded once.
      const breaches = await a.page.locator('[data-testid=timeline-event]', { hasText: 'Response target breached: time to acknowledge' }).count();
      assert.equal(breaches, 1, 'a breach is recorded once');
      a.assertHealthy();
    });
  });
});
