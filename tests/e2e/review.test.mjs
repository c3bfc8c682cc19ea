// End-to-end: review and learn, on a clock the test controls.
//
// A declares a P2 incident, works it to resolved and tries to close it: closing is refused until
// the review is published (or a reason is given). A stars two timeline entries, finds the
// summary and impact prefilled from the log, writes the root cause in Markdown (with hostile
// bits that must render inert), adds two follow-up actions (one already overdue), sends the
// review for review, publishes it and closes the incident. The follow-ups page lists the open
// actions overdue first, filters by owner with the filter in the URL, and marks one done in one
// click. The printable report is shown as print media: the navigation and buttons are hidden,
// the starred entries listed, every entry on request. The queue's CSV holds the milestones.
// axe checks every new screen in light and dark, at 390 and 1280 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { axeEverywhere, startHarness, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 14 * TIMEOUT;
const START = new Date('2026-12-07T09:00:00Z');
const SHOTS = process.env.SITREP_README_SHOTS;

const button = (scope, name) => scope.getByRole('button', { name, exact: true });

describe('review and learn', () => {
  let h;
  let downloads;
  before(async () => {
    h = await startHarness();
    downloads = await mkdtemp(path.join(os.tmpdir(), 'sitrep-review-'));
  });
  after(async () => {
    await h?.close();
    await rm(downloads, { recursive: true, force: true });
  });

  test('a review written, published and closed; follow-ups finished across incidents; the printed report', { timeout: TEST_TIMEOUT }, async (t) => {
    const a = await h.openProfile('review-A');
    await withArtifacts('review', [a], async () => {
      await a.page.clock.install({ time: START });
      await a.open('#/');
      await a.ensureUser('Ana');
      const axe = [];

      // A P2 incident (impact high, urgency medium), worked to resolved.
      await a.click('[data-testid=declare-link]');
      await a.fill('#title', 'Checkout <b>fails</b> for =cards | EU');
      await a.fill('#services', 'Checkout, Payments');
      await a.check('#impact-high');
      await a.check('#urgency-medium');
      await a.click('[data-testid=declare-submit]');
      await a.waitText('[data-testid=incident-priority]', 'P2');
      const incidentRoute = new URL(a.page.url()).hash;
      const reference = await a.text('[data-testid=incident-ref]');
      assert.equal(await a.count('[data-testid=review]'), 0, 'no review before the incident is resolved');
      for (const [id, minutes] of [['triaged', 5], ['investigating', 10], ['contained', 40]]) {
        await a.page.clock.setFixedTime(new Date(START.getTime() + minutes * 60e3));
        await a.click(`[data-testid=transition-${id}]`);
        await a.waitFor(`[data-testid=transition-${id}]`, { state: 'detached' });
      }
      await a.page.clock.setFixedTime(new Date(START.getTime() + 75 * 60e3));
      await a.click('[data-testid=transition-resolved]');
      await a.fill('#resolution-summary', 'Rolled back the payment gateway config');
      await a.click('[data-testid=resolve-submit]');
      await a.waitText('[data-testid=incident-state]', 'Resolved');
      const review = a.page.getByRole('region', { name: 'Post-incident review', exact: true });
      await review.waitFor();
      await a.waitText('[data-testid=review-status]', 'Draft', { exact: true });

      // Closing is refused before the review is published: the form says why.
      await a.click('[data-testid=transition-closed]');
      await a.waitText('[data-testid=close-refused]', 'needs a published review before it closes');
      await button(a.page, 'Close without a review').click();
      await a.waitText('.close-form [role=alert]', 'Reason for closing without a review is required.');
      axe.push(...(await axeEverywhere(a, 'close form refused')));
      await button(a.page, 'Go to the review').click();
      assert.equal(await a.count('.close-form'), 0, 'the form closes on the way to the review');
      await a.waitText('[data-testid=incident-state]', 'Resolved');

      // Two timeline entries starred.
      await a.page.getByRole('button', { name: 'Star for the review: State: Reported → Triaged', exact: true }).click();
      await a.page.getByRole('button', { name: 'Star for the review: Resolved by a fix: Rolled back the payment gateway config', exact: true }).click();
      await a.waitCount('[data-testid=review-starred]', (n) => n === 2, 'two starred entries listed in the review');
      const starred = await a.texts('[data-testid=review-starred]');
      assert.match(starred[0], /State: Reported → Triaged/);
      assert.equal(
        await a.page.getByRole('button', { name: 'Star for the review: State: Reported → Triaged', exact: true }).getAttribute('aria-pressed'),
        'true',
      );

      // The summary and impact come prefilled from the log; the rest is written.
      const summary = review.getByLabel('Summary', { exact: true });
      assert.match(await summary.inputValue(), /^Checkout <b>fails<\/b> for =cards \| EU\. Fix: Rolled back the payment gateway config/);
      const impact = review.getByLabel('Impact', { exact: true });
      assert.match(await impact.inputValue(), /Impact on Checkout, Payments from 2026-12-07 09:00 UTC to 2026-12-07 10:15 UTC \(1 h 15 min\)\./);
      await button(review, 'Save summary').click();
      await button(review, 'Save impact').click();
      const rootCause = review.getByLabel('Trigger and root cause', { exact: true });
      await rootCause.fill('A **config push** removed the EU card route.\n\n<script>window.pwned=1</script> [details](javascript:alert(1)) ![x](https://example.com/x.png)');
      await button(review, 'Save trigger and root cause').click();
      await review.getByLabel('What went well', { exact: true }).fill('- Rollback took *four* minutes');
      await button(review, 'Save what went well').click();
      await a.waitCount('[data-testid=review-unsaved]', (n) => n === 0, 'every written section saved');

      // Two follow-up actions; one is due before today.
      for (const [title, kind, owner, due] of [
        ['Add a canary for the EU card route', 'detective', 'Ben', '2026-12-01'],
        ['Review config pushes in pairs', 'preventive', 'Cleo', '2026-12-20'],
      ]) {
        await a.fill('#action-title', title);
        await a.select('#action-kind', kind);
        await a.fill('#action-owner', owner);
        await a.fill('#action-due', due);
        await button(review, 'Add follow-up action').click();
        await a.waitText('[data-testid=review-actions] [data-testid=action-item]', title);
      }
      await a.waitText('[data-testid=review-actions] h3', 'Follow-up actions (2 open)');
      axe.push(...(await axeEverywhere(a, 'incident with a draft review, stars and actions')));

      // Draft → in review → published; the sections read as Markdown, inert where hostile.
      await button(review, 'Send the review for review').click();
      await a.waitText('[data-testid=review-status]', 'In review', { exact: true });
      await button(review, 'Publish the review').click();
      await a.waitText('[data-testid=review-status]', 'Published', { exact: true });
      const cause = a.page.locator('[data-testid=review-root_cause]');
      await cause.locator('strong', { hasText: 'config push' }).waitFor();
      assert.equal(await cause.locator('script, img, [onclick]').count(), 0, 'no script, image or handler from the review text');
      assert.equal(await cause.locator('a[href^="javascript"]').count(), 0, 'no javascript: link');
      assert.match(await cause.innerText(), /<script>window\.pwned=1<\/script>/, 'raw HTML shows as text');
      assert.equal(await a.page.evaluate(() => window.pwned), undefined);
      assert.equal(await a.count('[data-testid=star]'), 0, 'a published review takes no more stars');
      axe.push(...(await axeEverywhere(a, 'incident with a published review')));

      // Now it closes.
      await a.click('[data-testid=transition-closed]');
      await a.waitText('[data-testid=incident-state]', 'Closed');
      await a.waitText('[data-testid=timeline-event]', 'Review: Published');

      // A second incident with an open action, closed without a review for a logged reason.
      await a.click('[data-testid=declare-link]');
      await a.fill('#title', 'Search index lagging');
      await a.check('#impact-medium');
      await a.check('#urgency-medium');
      await a.click('[data-testid=declare-submit]');
      await a.waitText('[data-testid=incident-priority]', 'P3');
      const second = await a.text('[data-testid=incident-ref]');
      for (const id of ['triaged', 'investigating', 'contained']) {
        await a.click(`[data-testid=transition-${id}]`);
        await a.waitFor(`[data-testid=transition-${id}]`, { state: 'detached' });
      }
      await a.click('[data-testid=transition-resolved]');
      await a.fill('#resolution-summary', 'Reindexed');
      await a.click('[data-testid=resolve-submit]');
      await a.waitText('[data-testid=incident-state]', 'Resolved');
      await a.fill('#action-title', 'Alert on index lag over 5 minutes');
      await a.fill('#action-owner', 'Ben');
      await button(a.page, 'Add follow-up action').click();
      await a.waitText('[data-testid=review-actions] [data-testid=action-item]', 'Alert on index lag');
      await a.click('[data-testid=transition-closed]');
      await a.fill('#no-review-reason', 'Known issue, reviewed with INC-0001');
      await button(a.page, 'Close without a review').click();
      await a.waitText('[data-testid=incident-state]', 'Closed');
      await a.waitText('[data-testid=review-waiver]', 'Closed without a review: Known issue, reviewed with INC-0001');

      // The follow-ups page: open actions of both incidents, the overdue one first.
      await a.page.getByRole('link', { name: 'Follow-ups', exact: true }).click();
      await a.waitText('[data-testid=follow-up-counts]', '3 open, 1 overdue; 3 shown');
      const rows = await a.texts('[data-testid=follow-ups] [data-testid=action-item]');
      assert.match(rows[0], new RegExp(`^${reference}\\s*Add a canary for the EU card route[\\s\\S]*overdue`));
      assert.match(rows[1], /Review config pushes in pairs/);
      assert.match(rows[2], new RegExp(`^${second}\\s*Alert on index lag`), 'an action without a due date comes last');
      axe.push(...(await axeEverywhere(a, 'follow-ups')));
      await a.select('#follow-owner', 'Ben');
      await a.waitText('[data-testid=follow-up-counts]', '2 shown');
      assert.match(a.page.url(), /#\/follow-ups\?owner=Ben$/);
      await a.select('#follow-kind', 'detective');
      await a.waitText('[data-testid=follow-up-counts]', '1 shown');
      assert.match(a.page.url(), /owner=Ben&kind=detective/);
      // The URL alone brings the same list back.
      await a.reload();
      await a.waitText('[data-testid=follow-up-counts]', '1 shown');
      await button(a.page, 'Mark done: “Add a canary for the EU card route”').click();
      await a.waitText('[data-testid=follow-up-counts]', '2 open, 0 overdue; 0 shown');
      await a.select('#follow-state', 'done');
      await a.waitText('[data-testid=follow-ups] [data-testid=action-state]', 'Done', { exact: true });
      assert.match(a.page.url(), /state=done/);
      await a.route(incidentRoute);
      await a.waitText('[data-testid=timeline-event]', 'Follow-up action “Add a canary for the EU card route”: done');

      // The printable report: print media hides the app's frame; starred entries, or all of them.
      await a.page.getByRole('link', { name: 'Open the printable report', exact: true }).click();
      await a.waitFor('[data-testid=report]');
      const timeline = await a.texts('[data-testid=report-timeline] li');
      assert.equal(timeline.length, 2, 'the two starred entries');
      assert.match(timeline[0], /State: Reported → Triaged/);
      await a.waitText('[data-testid=report-review]', 'A config push removed the EU card route.');
      axe.push(...(await axeEverywhere(a, 'report')));
      await a.page.emulateMedia({ media: 'print' });
      for (const hidden of ['.topbar', '.report-tools', '.footer']) {
        assert.equal(await a.page.locator(hidden).first().isVisible(), false, `${hidden} is not printed`);
      }
      assert.equal(await a.page.locator('[data-testid=report-review]').isVisible(), true);
      const breakBefore = await a.page.locator('[data-testid=report-review]').evaluate((e) => getComputedStyle(e).breakBefore);
      assert.equal(breakBefore, 'page', 'the review starts a new page');
      const shot = await a.page.screenshot({ fullPage: true });
      assert.ok(shot.length > 10_000, 'the printed report renders');
      if (SHOTS) await a.page.screenshot({ path: path.join(SHOTS, 'printed-report.png'), fullPage: true });
      await a.page.emulateMedia({ media: 'screen' });
      // The same report as Markdown: the starred timeline as a list, the review, the actions table.
      const [mdDownload] = await Promise.all([
        a.page.waitForEvent('download', { timeout: TIMEOUT }),
        button(a.page, 'Download as Markdown').click(),
      ]);
      assert.equal(mdDownload.suggestedFilename(), `sitrep-${reference}-report.md`);
      const mdFile = path.join(downloads, mdDownload.suggestedFilename());
      await mdDownload.saveAs(mdFile);
      const md = await readFile(mdFile, 'utf8');
      assert.ok(md.startsWith(`# ${reference} — Checkout &lt;b\\>fails&lt;/b\\> for =cards \\| EU\n`), md.slice(0, 120));
      assert.match(md, /\n\| Time to resolve \(reported → resolved\) \| 1 h 1[45] min \|\n/);
      assert.equal(md.split('\n').filter((l) => /^- 2026-12-07 \d\d:\d\d UTC — Ana: /.test(l)).length, 2, 'two starred entries as a list');
      assert.match(md, /\n### Trigger and root cause\n\nA \*\*config push\*\* removed the EU card route\./);
      assert.match(md, /\n\| Add a canary for the EU card route \| Detective \| Ben \| 2026-12-01 \| Done \|\n/);
      assert.ok(!md.includes('<script'), 'no raw HTML in the Markdown');
      await a.waitText('[data-testid=report-saved]', `Saved sitrep-${reference}-report.md.`);
      await a.check('[data-testid=report-all]');
      await a.waitCount('[data-testid=report-timeline] li', (n) => n > 10, 'every entry listed');
      assert.match(a.page.url(), /\/report\?all=1$/);

      // The queue's CSV (closed ones included) carries the milestones and the minutes.
      await a.route('#/?closed=1');
      await a.waitFor('[data-testid=queue-row]');
      const [csvDownload] = await Promise.all([
        a.page.waitForEvent('download', { timeout: TIMEOUT }),
        button(a.page, 'Download these as CSV').click(),
      ]);
      const csvFile = path.join(downloads, csvDownload.suggestedFilename());
      await csvDownload.saveAs(csvFile);
      const csv = (await readFile(csvFile, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
      const row = csv.find((line) => line.startsWith(`${reference},`));
      assert.ok(row, 'the reviewed incident is a row');
      assert.ok(row.startsWith(`${reference},Checkout <b>fails</b> for =cards | EU,real,Closed,P2,`), row);
      assert.match(row, /,"Checkout, Payments",/);

      a.assertHealthy();
      t.diagnostic(`axe (serious or critical): ${axe.length ? '\n' + axe.join('\n') : 'none'}`);
      assert.deepEqual(axe, []);
    });
  });
});
