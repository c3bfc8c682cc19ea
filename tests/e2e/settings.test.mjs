// End-to-end: the settings screen's priority matrix and people directory, and settings carried by a
// full export into another browser.
//
// A declares an incident at impact low × urgency low (P5 by the default matrix), then edits that
// cell to P2 in settings: the cell is kept after a reload, the incident keeps the P5 it was assessed
// with, and a re-assessment (urgency medium, then low again) gives P4, then the edited P2; the
// declare form derives P2 too. A person added to the directory survives a reload and is suggested
// by the role fields; a commander who is not listed is offered as "Add <name> to people", and once
// added is listed in settings.
// A's "Export all" carries the settings. An empty profile B previews them (the people added and the
// matrix cell changed) with "Also apply these settings" unticked: imported like that, B gets the
// incident and keeps its default settings; the same file imported again with the box ticked
// applies them, also after a reload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportVia, startHarness, storedSettings, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;

/** The cell of the matrix editor for this impact and urgency, found by its accessible name. */
const cell = (profile, impact, urgency) =>
  profile.page.getByRole('combobox', { name: `Priority for impact ${impact} and urgency ${urgency}`, exact: true });

/** Waits until the matrix cell shows `priority` (its select's value, e.g. 'P2'). */
async function waitCell(profile, impact, urgency, priority) {
  const selector = `[data-testid=matrix-${impact}-${urgency}]`;
  await profile.waitFor(selector);
  try {
    await profile.page.waitForFunction(({ selector, priority }) => document.querySelector(selector)?.value === priority, { selector, priority }, {
      timeout: TIMEOUT,
      polling: 'raf',
    });
  } catch (err) {
    const shown = await profile.page.locator(selector).inputValue().catch(() => '<none>');
    throw new Error(`profile ${profile.name}: matrix cell ${impact}×${urgency} shows ${shown}, never ${priority}: ${String(err?.message ?? err).split('\n')[0]}`);
  }
}

/** Waits until the incident head shows this priority code (the badge reads e.g. "P5 planning"). */
async function waitPriority(profile, code) {
  await profile.waitText('[data-testid=incident-priority]', new RegExp(`^${code}(?!\\d)`));
}

/**
 * Waits until the stored settings satisfy `check` (re-read once per animation frame, no sleeps);
 * a reload is only meaningful after that. Returns them.
 */
async function waitStoredSettings(profile, check, description) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const stored = await storedSettings(profile.page);
    if (stored && check(stored)) return stored;
    if (Date.now() > deadline) {
      assert.fail(`profile ${profile.name}: stored settings never showed ${description}: ${JSON.stringify(stored)}`);
    }
    await profile.page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
}

/** Names in the settings' people table, in order. */
async function peopleListed(profile) {
  return (await profile.page.locator('[data-testid=person] td:first-child').allTextContents()).map((t) => t.trim());
}

/** Waits until the people table has a row whose name, team and contact cells read these. */
async function waitPersonRow(profile, [name, team, contact]) {
  await profile.page
    .locator('[data-testid=person]')
    .filter({ has: profile.page.locator('td:nth-child(1)', { hasText: new RegExp(`^${name}$`) }) })
    .filter({ has: profile.page.locator('td:nth-child(2)', { hasText: new RegExp(`^${team}$`) }) })
    .filter({ has: profile.page.locator('td:nth-child(3)', { hasText: new RegExp(`^${contact}$`) }) })
    .waitFor();
}

/** The Roles section, found by its accessible name. */
const rolesOf = (profile) => profile.page.getByRole('region', { name: 'Roles', exact: true });

describe('settings: priority matrix and people directory', () => {
  let h;
  let dir;
  let a;
  let incidentRoute;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-settings-'));
  });
  after(async () => {
    await h?.close();
  });

  test('an edited matrix cell is kept and applies to the next assessment; people are kept and offered', { timeout: TEST_TIMEOUT }, async () => {
    a = await h.openProfile('settings-A');
    await withArtifacts('settings-matrix', [a], async () => {
      await a.open('#/');
      await a.ensureUser('Alice');

      // Impact low × urgency low: P5 by the default matrix.
      await a.click('[data-testid=declare-link]');
      await a.fill('#title', 'Nightly report e-mails arrive an hour late');
      await a.check('#impact-low');
      await a.check('#urgency-low');
      await a.waitText('[data-testid=priority-preview]', /^Priority: P5/);
      await a.click('[data-testid=declare-submit]');
      await a.waitText('[data-testid=incident-title]', 'Nightly report e-mails arrive an hour late', { exact: true });
      await waitPriority(a, 'P5');
      await a.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      incidentRoute = new URL(a.page.url()).hash;

      // Settings: the default matrix, no people, no "Restore".
      await a.route('#/settings');
      await a.page.getByRole('heading', { name: 'Priority matrix', exact: true }).waitFor();
      const defaults = { high: ['P1', 'P2', 'P3'], medium: ['P2', 'P3', 'P4'], low: ['P3', 'P4', 'P5'] };
      for (const [impact, row] of Object.entries(defaults)) {
        for (const [i, urgency] of ['high', 'medium', 'low'].entries()) {
          assert.equal(await cell(a, impact, urgency).inputValue(), row[i], `default ${impact}×${urgency}`);
        }
      }
      assert.deepEqual(
        (await cell(a, 'low', 'low').locator('option').allTextContents()).map((t) => t.trim()),
        ['P1 critical', 'P2 high', 'P3 moderate', 'P4 low', 'P5 planning'],
      );
      assert.equal(await a.count('[data-testid=matrix-restore]'), 0, 'no restore button while the matrix is the default');
      await a.waitFor('[data-testid=people-empty]');

      // Low × low becomes P2 (its neighbour low × medium stays P4).
      await cell(a, 'low', 'low').selectOption('P2');
      await waitCell(a, 'low', 'low', 'P2');
      await a.page.getByRole('button', { name: 'Restore the default matrix', exact: true }).waitFor();
      await waitStoredSettings(a, (s) => s.priority_matrix?.low?.low === 'P2', 'low×low = P2');
      await a.reload();
      await waitCell(a, 'low', 'low', 'P2');
      await waitCell(a, 'low', 'medium', 'P4');
      await a.waitFor('[data-testid=matrix-restore]');

      // The declare form derives the edited priority.
      await a.route('#/new');
      await a.check('#impact-low');
      await a.check('#urgency-low');
      await a.waitText('[data-testid=priority-preview]', /^Priority: P2/);

      // The incident keeps the priority it was assessed with...
      await a.route(incidentRoute);
      await a.waitText('[data-testid=incident-title]', 'Nightly report e-mails arrive an hour late', { exact: true });
      await waitPriority(a, 'P5');
      const priority = a.page.getByRole('group', { name: 'Urgency', exact: true });
      assert.equal(await priority.locator('#urgency-low').isChecked(), true);
      // ...until it is assessed again: low × medium (P4, unchanged), then low × low (P2, edited).
      await a.check('#urgency-medium');
      await waitPriority(a, 'P4');
      await a.check('#urgency-low');
      await waitPriority(a, 'P2');
      await a.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      await a.reload();
      await waitPriority(a, 'P2');

      // A person in the directory.
      await a.route('#/settings');
      await a.page.getByLabel('Name', { exact: true }).fill('Priya Shah');
      await a.page.getByLabel('Team', { exact: true }).fill('Database');
      await a.page.getByLabel('How to reach them', { exact: true }).fill('@priya on chat');
      await a.page.getByRole('button', { name: 'Add person', exact: true }).click();
      await a.waitCount('[data-testid=person]', (n) => n === 1, 'one person');
      await waitPersonRow(a, ['Priya Shah', 'Database', '@priya on chat']);
      await a.page.getByRole('button', { name: 'Remove Priya Shah', exact: true }).waitFor();
      assert.equal(await a.count('[data-testid=people-empty]'), 0);
      assert.equal(await a.page.getByLabel('Name', { exact: true }).inputValue(), '', 'the form empties once added');
      // A name already listed (whatever its case) updates instead of adding.
      await a.page.getByLabel('Name', { exact: true }).fill('priya shah');
      await a.page.getByRole('button', { name: 'Update person', exact: true }).waitFor();
      await a.page.getByLabel('Name', { exact: true }).fill('');
      await a.page.getByRole('button', { name: 'Add person', exact: true }).waitFor();
      await waitStoredSettings(a, (s) => s.people?.some((p) => p.name === 'Priya Shah' && p.team === 'Database'), 'Priya Shah');
      await a.reload();
      await a.waitCount('[data-testid=person]', (n) => n === 1, 'one person after a reload');
      await waitPersonRow(a, ['Priya Shah', 'Database', '@priya on chat']);
      await waitCell(a, 'low', 'low', 'P2');

      // On the incident: the role fields suggest the directory's names; a commander who is not
      // listed is offered to be added, one who is listed is not.
      await a.route(incidentRoute);
      const roles = rolesOf(a);
      const commander = roles.getByRole('combobox', { name: 'Incident commander', exact: true });
      await commander.waitFor();
      const suggested = await commander.evaluate((input) => [...(input.list?.options ?? [])].map((o) => o.value));
      assert.ok(suggested.includes('Priya Shah'), `the commander field suggests Priya Shah: ${JSON.stringify(suggested)}`);
      await commander.fill('Omar Haddad');
      await roles.getByRole('button', { name: 'Assign commander', exact: true }).click();
      await a.waitText('[data-testid=commander-holder]', /^Omar Haddad since /);
      await roles.getByLabel('Communications lead', { exact: true }).fill('Priya Shah');
      await roles.getByRole('button', { name: 'Assign communications lead', exact: true }).click();
      await a.waitText('[data-testid=comms_lead-holder]', /^Priya Shah since /);
      const offer = roles.getByRole('button', { name: 'Add Omar Haddad to people', exact: true });
      await offer.waitFor();
      assert.equal(await roles.getByRole('button', { name: 'Add Priya Shah to people', exact: true }).count(), 0, 'no offer for a listed person');
      await offer.click();
      await offer.waitFor({ state: 'detached' });

      await a.route('#/settings');
      await a.waitCount('[data-testid=person]', (n) => n === 2, 'two people');
      assert.deepEqual(await peopleListed(a), ['Omar Haddad', 'Priya Shah']);
      await a.page.getByRole('button', { name: 'Remove Omar Haddad', exact: true }).waitFor();
      await waitStoredSettings(a, (s) => s.people?.length === 2, 'two people');
      a.assertHealthy();
    });
  });

  test('Export all carries the settings; importing applies them only when asked', { timeout: TEST_TIMEOUT }, async () => {
    assert.ok(a && incidentRoute, 'the previous test set up profile A');
    const b = await h.openProfile('settings-B');
    await withArtifacts('settings-share', [a, b], async () => {
      await a.route('#/settings');
      await waitCell(a, 'low', 'low', 'P2');
      const file = await exportVia(a, '[data-testid=settings-export]', dir);
      assert.match(file.name, /^sitrep-all-\d{4}-\d{2}-\d{2}\.json$/);
      const envelope = JSON.parse(await readFile(file.file, 'utf8'));
      assert.equal(envelope.incidents.length, 1);
      assert.equal(envelope.settings?.priority_matrix?.low?.low, 'P2', JSON.stringify(envelope.settings));
      assert.deepEqual(
        envelope.settings.people.map((p) => p.name),
        ['Omar Haddad', 'Priya Shah'],
      );

      // B starts empty, with the default settings.
      await b.open('#/');
      await b.ensureUser('Bob');
      assert.equal(await b.count('[data-testid=queue-row]'), 0, 'B starts empty');

      // The preview lists the settings that would change, with the box unticked.
      await b.page.setInputFiles('#import-file', file.file);
      await b.waitFor('[data-testid=import-preview]');
      assert.match(await b.text('[data-testid=import-counts]'), /^1 new, 0 merge/);
      const fieldset = b.page.getByRole('group', { name: 'Settings in this file', exact: true });
      await fieldset.waitFor();
      const lines = (await fieldset.locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      assert.deepEqual(lines, ['Person added: Omar Haddad', 'Person added: Priya Shah (Database)', 'Priority matrix: impact low × urgency low: P5 → P2']);
      const apply = fieldset.getByRole('checkbox', { name: 'Also apply these settings', exact: true });
      assert.equal(await apply.isChecked(), false, 'applying the settings is not the default');

      // Imported unticked: the incident arrives, the settings stay as they were.
      await b.click('[data-testid=import-confirm]');
      await b.waitFor('[data-testid=import-preview]', { state: 'detached' });
      await b.waitText('[data-testid=flash]', 'Imported: 1 new');
      await b.waitCount('[data-testid=queue-row]', (n) => n === 1, 'the imported incident');
      await b.route('#/settings');
      await waitCell(b, 'low', 'low', 'P5');
      await b.waitFor('[data-testid=people-empty]');
      assert.equal(await b.count('[data-testid=person]'), 0);
      assert.equal(await b.count('[data-testid=matrix-restore]'), 0);
      await b.reload();
      await waitCell(b, 'low', 'low', 'P5');
      await b.waitFor('[data-testid=people-empty]');
      await b.route(incidentRoute);
      await b.waitText('[data-testid=incident-title]', 'Nightly report e-mails arrive an hour late', { exact: true });
      await waitPriority(b, 'P2');

      // The same file again, from the settings screen, with the box ticked: the settings apply.
      await b.route('#/settings');
      await waitCell(b, 'low', 'low', 'P5');
      await b.page.setInputFiles('#import-file', file.file);
      await b.waitFor('[data-testid=import-preview]');
      assert.match(await b.text('[data-testid=import-counts]'), /^0 new, 0 merge into incidents here, 1 unchanged/);
      await b.waitText('[data-testid=import-settings] li', 'Priority matrix: impact low × urgency low: P5 → P2');
      await b.check('[data-testid=import-apply-settings]');
      await b.click('[data-testid=import-confirm]');
      await b.waitFor('[data-testid=import-preview]', { state: 'detached' });
      // The screen that is open follows.
      await waitCell(b, 'low', 'low', 'P2');
      await b.waitCount('[data-testid=person]', (n) => n === 2, 'two people');
      assert.deepEqual(await peopleListed(b), ['Omar Haddad', 'Priya Shah']);
      await waitPersonRow(b, ['Priya Shah', 'Database', '@priya on chat']);
      await b.waitFor('[data-testid=matrix-restore]');
      await waitStoredSettings(b, (s) => s.priority_matrix?.low?.low === 'P2' && s.people?.length === 2, 'the applied settings');
      await b.reload();
      await waitCell(b, 'low', 'low', 'P2');
      await waitCell(b, 'low', 'medium', 'P4');
      await b.waitCount('[data-testid=person]', (n) => n === 2, 'two people after a reload');
      assert.deepEqual(await peopleListed(b), ['Omar Haddad', 'Priya Shah']);

      // Importing it a third time: nothing differs any more, so nothing to import.
      await b.page.setInputFiles('#import-file', file.file);
      await b.waitFor('[data-testid=import-preview]');
      assert.equal(await b.count('[data-testid=import-settings]'), 0, 'no settings fieldset once they match');
      await b.waitText('[data-testid=import-cancel]', 'Nothing to import');
      await b.click('[data-testid=import-cancel]');
      await b.waitFor('[data-testid=import-preview]', { state: 'detached' });

      // Back in A: "Restore the default matrix" puts the cell back and goes away.
      await a.page.getByRole('button', { name: 'Restore the default matrix', exact: true }).click();
      await a.waitFor('[data-testid=matrix-restore]', { state: 'detached' });
      await waitCell(a, 'low', 'low', 'P5');
      await waitStoredSettings(a, (s) => s.priority_matrix?.low?.low === 'P5', 'the default matrix');
      a.assertHealthy();
      b.assertHealthy();
    });
  });
});
