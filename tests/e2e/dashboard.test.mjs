// End-to-end: the metrics dashboard over 200 generated incidents.
//
// The project's generator (`cargo run --example sample`) writes 200 incidents and, from that very
// file read back by the importer, what the domain's metrics make of the range 1 September to
// 29 November 2026. A imports the file, opens the dashboard from the navigation, sets the range
// (the URL follows), and finds the figures the domain computed: the incidents, the P1s, a
// service's downtime and the median time to resolve. The drills toggle changes them to the
// figures with drills and is kept in the URL. A bar leads to the queue listing exactly the
// incidents it counts; going back returns to the same dashboard. A column's value shows on
// keyboard focus; each chart's table is one click away. axe checks the dashboard in light and
// dark, at 390 and 1280 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { axeEverywhere, importVia, startHarness, withArtifacts, REPO_ROOT, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;
const START = new Date('2026-12-07T09:00:00Z');
const SHOTS = process.env.SITREP_README_SHOTS;

describe('metrics dashboard', () => {
  let h;
  let dir;
  let file;
  let expected;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-dashboard-'));
    file = path.join(dir, 'sample-200.json');
    const figures = path.join(dir, 'expected.json');
    execFileSync('cargo', ['run', '--quiet', '--example', 'sample', '--', '200', file, figures], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    expected = JSON.parse(await readFile(figures, 'utf8'));
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('figures match the domain, lead to their incidents, and follow one range and drills toggle in the URL', { timeout: TEST_TIMEOUT }, async (t) => {
    const a = await h.openProfile('dashboard-A');
    await withArtifacts('dashboard', [a], async () => {
      const page = a.page;
      await page.clock.install({ time: START });
      await a.open('#/');
      await a.ensureUser('Ana');
      assert.match(await importVia(a, file), /^200 new/);

      // A cost per hour of downtime for one service, in the settings.
      await a.route('#/settings');
      await page.getByLabel('Currency', { exact: true }).fill('EUR');
      await page.getByLabel('Currency', { exact: true }).press('Tab');
      await page.getByLabel('Cost per hour of downtime for Checkout', { exact: true }).fill('1200');
      await page.getByLabel('Cost per hour of downtime for Checkout', { exact: true }).press('Tab');
      await a.route('#/');

      // The navigation leads to the dashboard, on its default range: the last 90 days.
      await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
      await a.waitFor('.dashboard-page');
      assert.match(await a.text('[data-testid=dashboard-scope]'), /^Reported 9 Sep 2026 to 7 Dec 2026 \(UTC days, 90 days\), drills left out$/);
      assert.equal(new URL(page.url()).hash, '#/dashboard');

      // The range, typed in: the URL follows.
      await page.getByLabel('Reported from', { exact: true }).fill(expected.from);
      await page.getByLabel('Reported to', { exact: true }).fill(expected.to);
      await a.waitText('[data-testid=dashboard-scope]', 'Reported 1 Sep 2026 to 29 Nov 2026 (UTC days, 90 days), drills left out', { exact: true });
      assert.equal(new URL(page.url()).hash, `#/dashboard?from=${expected.from}&to=${expected.to}`);

      // Figures the domain computed from the same file.
      const check = async (want) => {
        await a.waitText('[data-testid=dash-incidents]', String(want.incidents), { exact: true });
        assert.equal(await a.text('[data-testid=dash-reopened]'), String(want.reopened));
        assert.equal(await a.text('[data-testid=dash-cancelled]'), String(want.cancelled));
        // A figure that moves with the clock: targets breached by the browser's time.
        assert.equal(await a.text('[data-testid=dash-breached]'), String(want.breached));
        const p1 = page.locator('#chart-priority a.chart-link[aria-label^="P1 critical "]');
        assert.equal(await p1.getAttribute('data-value'), String(want.p1));
        assert.match(await p1.getAttribute('aria-label'), new RegExp(`^P1 critical ${want.p1} incidents\\. List them$`));
        const checkout = want.services.find((s) => s.name === 'Checkout');
        const bar = page.locator('#chart-downtime a.chart-link[aria-label^="Checkout "]');
        assert.equal(await bar.getAttribute('data-value'), String(checkout.downtime));
        // The estimated cost where a rate is set, and none guessed where it is not.
        assert.ok(checkout.cost > 0);
        assert.match(await bar.getAttribute('aria-label'), new RegExp(` · est\\. EUR ${checkout.cost.toLocaleString('en-US')}\\. List them$`));
        const search = page.locator('#chart-downtime a.chart-link[aria-label^="Search "]');
        assert.doesNotMatch(await search.getAttribute('aria-label'), /est\./);
        const resolve = page.locator('#chart-times g.chart-item[aria-label^="Time to resolve "]');
        assert.equal(await resolve.getAttribute('data-value'), String(want.resolve_median));
      };
      await check(expected.real);
      assert.notEqual(expected.real.incidents, expected.with_drills.incidents, 'the sample holds drills in range');

      // The drills toggle: figures with drills, and the URL says so.
      await page.getByLabel('Count drills', { exact: true }).check();
      await check(expected.with_drills);
      assert.equal(new URL(page.url()).hash, `#/dashboard?from=${expected.from}&to=${expected.to}&drills=1`);
      {
        const found = await axeEverywhere(a, 'dashboard');
        t.diagnostic(`axe (serious or critical): ${found.length ? '\n' + found.join('\n') : 'none'}`);
        assert.deepEqual(found, []);
      }

      // A week's value shows on keyboard focus.
      const week = page.locator('#chart-weeks a.chart-link').last();
      const tip = week.locator('text.tip');
      assert.equal(await tip.evaluate((el) => getComputedStyle(el).visibility), 'hidden');
      await week.focus();
      assert.equal(await tip.evaluate((el) => getComputedStyle(el).visibility), 'visible');

      // Each chart's numbers as a table, one click away.
      await page.getByText('Incidents by priority as a table', { exact: true }).click();
      const row = page.locator('#chart-priority table tr').filter({ hasText: 'P1 critical' });
      assert.equal(await row.locator('td').innerText(), String(expected.with_drills.p1));

      if (SHOTS) {
        await page.setViewportSize({ width: 1280, height: 1000 });
        await page.evaluate(() => window.scrollTo(0, document.querySelector('.dashboard-page').offsetTop - 70));
        await page.screenshot({ path: path.join(SHOTS, 'dashboard.png') });
      }

      // A bar leads to the queue listing the incidents it counts, with the filter in the URL.
      const dashboardUrl = page.url();
      await page.locator('#chart-downtime a.chart-link[aria-label^="Checkout "]').click();
      await a.waitFor('.queue-page');
      const query = new URL(page.url()).hash;
      assert.match(query, /^#\/\?/);
      for (const part of ['service=Checkout', 'closed=1', `from=${expected.from}`, `to=${expected.to}`, 'drills=1', 'cancelled=0']) {
        assert.ok(query.includes(part), `${query} holds ${part}`);
      }
      const checkout = expected.with_drills.services.find((s) => s.name === 'Checkout');
      await a.waitText('[data-testid=queue-count]', `${checkout.incidents} incidents match`, { exact: true });
      // The queue shows the range it was given.
      assert.equal(await page.getByLabel('Reported from', { exact: true }).inputValue(), expected.from);
      const axe = await axeEverywhere(a, 'queue with the dashboard\'s filters');
      await page.goBack();
      await a.waitFor('.dashboard-page');
      assert.equal(page.url(), dashboardUrl);
      await a.waitText('[data-testid=dash-incidents]', String(expected.with_drills.incidents), { exact: true });

      // The open corrective actions lead to the follow-ups of the incidents counted.
      await page.locator('#chart-follow-ups a.chart-link[aria-label^="Corrective "]').click();
      await a.waitFor('.follow-ups-page');
      await a.waitText('[data-testid=follow-up-counts]', `; ${expected.with_drills.corrective_open} shown`);
      assert.match(await a.text('[data-testid=follow-ups-scope]'), /^Only actions of incidents reported 1 Sep 2026 to 29 Nov 2026 \(UTC\); cancelled ones left out\./);
      axe.push(...(await axeEverywhere(a, 'follow-ups of the incidents counted')));
      t.diagnostic(`axe on the lists (serious or critical): ${axe.length ? '\n' + axe.join('\n') : 'none'}`);
      assert.deepEqual(axe, []);
      // One click lifts the narrowing: every incident's open corrective actions.
      await page.getByRole('link', { name: 'Show the actions of every incident', exact: true }).click();
      await a.waitFor('[data-testid=follow-ups-scope]', { state: 'detached' });
      assert.ok(!new URL(page.url()).hash.includes('from='));
      await page.goBack();
      await a.waitFor('[data-testid=follow-ups-scope]');
      await page.goBack();
      await a.waitFor('.dashboard-page');

      // The reopened total leads to the reopened incidents.
      await page.getByRole('link', { name: `${expected.with_drills.reopened} Reopened`, exact: true }).click();
      await a.waitText('[data-testid=queue-count]', `${expected.with_drills.reopened} incident${expected.with_drills.reopened === 1 ? '' : 's'} match`, { exact: true });
      assert.ok(new URL(page.url()).hash.includes('reopened=1'));
      a.assertHealthy();
    });
  });
});
