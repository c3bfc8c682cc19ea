// End-to-end: the incident page's Roles section, driven by what a person (or a screen reader) sees.
//
// A declares an incident, assigns a commander and a communications lead through the fields named
// after the roles, hands command over to someone else and adds a subject expert. After a reload the
// holders, the expert and the hand-over are there (timeline and the commander's history). The
// incident, exported and imported into a second, empty profile, shows the same holders there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { declare, exportVia, importVia, startHarness, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;
const SINCE = String.raw`since \d{4}-\d{2}-\d{2} \d{2}:\d{2}`;

/** The Roles section, found by its accessible name (a region labelled by its heading). */
const rolesOf = (profile) => profile.page.getByRole('region', { name: 'Roles', exact: true });

/** Types `person` into the field labelled `label` and presses the button named `button`. */
async function assign(profile, label, person, button) {
  const roles = rolesOf(profile);
  await roles.getByLabel(label, { exact: true }).fill(person);
  await roles.getByRole('button', { name: button, exact: true }).click();
}

/** What every role's holder line, the head and the experts say now. */
async function roleState(profile) {
  const [commander, comms, ops, scribe] = await Promise.all(
    ['commander', 'comms_lead', 'ops_lead', 'scribe'].map((key) => profile.text(`[data-testid=${key}-holder]`)),
  );
  return {
    head: await profile.text('[data-testid=incident-commander]'),
    commander,
    comms,
    ops,
    scribe,
    experts: await expertsShown(profile),
  };
}

/** Each expert's line as it reads on screen (its parts are spans set apart by the layout, not by spaces). */
async function expertsShown(profile) {
  return (await profile.page.locator('[data-testid=expert]').evaluateAll((els) => els.map((el) => el.innerText))).map((t) =>
    t.replace(/\s+/g, ' ').trim(),
  );
}

/** Checks what the page shows after the work below, wherever it is shown (A after a reload, B after the import). */
async function expectRoles(profile) {
  await profile.waitText('[data-testid=commander-holder]', new RegExp(`^Ben ${SINCE}$`));
  await profile.waitText('[data-testid=comms_lead-holder]', new RegExp(`^Cam ${SINCE}$`));
  await profile.waitText('[data-testid=ops_lead-holder]', 'Vacant', { exact: true });
  await profile.waitText('[data-testid=scribe-holder]', 'Vacant', { exact: true });
  await profile.waitText('[data-testid=incident-commander]', 'Commander: Ben', { exact: true });
  await profile.waitCount('[data-testid=expert]', (n) => n === 1, 'one expert');
  await profile.waitText('[data-testid=expert] strong', 'Dara', { exact: true });
  const [expert] = await expertsShown(profile);
  assert.match(expert, new RegExp(`^Dara \\(database\\) ${SINCE} Release Dara \\(database\\)$`));
  await profile.waitText('[data-testid=timeline-event]', 'Incident commander: Ana');
  await profile.waitText('[data-testid=timeline-event]', 'Communications lead: Cam');
  await profile.waitText('[data-testid=timeline-event]', 'Command handed from Ana to Ben');
  await profile.waitText('[data-testid=timeline-event]', 'Subject expert added: Dara (database)');

  const roles = rolesOf(profile);
  // With a holder the commander's button hands over; the others' too.
  await roles.getByRole('button', { name: 'Hand over command', exact: true }).waitFor();
  await roles.getByRole('button', { name: 'Hand over communications lead', exact: true }).waitFor();
  await roles.getByRole('button', { name: 'Release Dara (database)', exact: true }).waitFor();

  // The commander's history: closed until opened, then both entries in order.
  const history = profile.page.locator('[data-testid=commander-history]');
  await history.locator('summary', { hasText: 'History of incident commander (2)' }).waitFor();
  assert.equal(await history.evaluate((d) => d.open), false, 'the history starts closed');
  await history.locator('summary').click();
  await history.locator('li').first().waitFor();
  const entries = (await history.locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.equal(entries.length, 2, JSON.stringify(entries));
  assert.match(entries[0], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} Incident commander: Ana$/);
  assert.match(entries[1], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} Command handed from Ana to Ben$/);
  await profile.waitText('[data-testid=comms_lead-history] summary', 'History of communications lead (1)', { exact: true });
  assert.equal(await profile.count('[data-testid=ops_lead-history]'), 0, 'no history for a role never held');
}

describe('incident roles', () => {
  let h;
  let dir;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-roles-'));
  });
  after(async () => {
    await h?.close();
  });

  test('assign, hand over, add an expert; kept after a reload and carried by an export into an empty profile', { timeout: TEST_TIMEOUT }, async () => {
    const a = await h.openProfile('roles-A');
    const b = await h.openProfile('roles-B');
    await withArtifacts('roles', [a, b], async () => {
      await a.open('#/');
      await a.ensureUser('Ana');
      await declare(a, 'Checkout API returns 502');
      const route = new URL(a.page.url()).hash;
      await a.waitText('[data-testid=commander-holder]', 'Vacant', { exact: true });
      await a.waitText('[data-testid=incident-commander]', 'No commander yet', { exact: true });
      const roles = rolesOf(a);
      // Every role has a heading, a field named after it (a combobox: it suggests the people of the
      // incident) and, for the user, a one-click button.
      for (const name of ['Incident commander', 'Communications lead', 'Operations lead', 'Scribe']) {
        await roles.getByRole('heading', { name, exact: true }).waitFor();
        await roles.getByRole('combobox', { name, exact: true }).waitFor();
      }
      await roles.getByRole('heading', { name: 'Subject experts', exact: true }).waitFor();
      await roles.getByRole('button', { name: 'Take command', exact: true }).waitFor();
      await roles.getByRole('button', { name: 'Become scribe', exact: true }).waitFor();

      // A first commander and a communications lead, typed into their labelled fields.
      await assign(a, 'Incident commander', 'Ana', 'Assign commander');
      await a.waitText('[data-testid=commander-holder]', new RegExp(`^Ana ${SINCE}$`));
      await a.waitText('[data-testid=incident-commander]', 'Commander: Ana', { exact: true });
      assert.equal(await roles.getByLabel('Incident commander', { exact: true }).inputValue(), '', 'the field empties once accepted');
      // Ana holds command now: no "Take command" for her, a "Release command" instead.
      await roles.getByRole('button', { name: 'Release command', exact: true }).waitFor();
      assert.equal(await roles.getByRole('button', { name: 'Take command', exact: true }).count(), 0);
      await assign(a, 'Communications lead', 'Cam', 'Assign communications lead');
      await a.waitText('[data-testid=comms_lead-holder]', new RegExp(`^Cam ${SINCE}$`));

      // Command handed over to Ben.
      await assign(a, 'Incident commander', 'Ben', 'Hand over command');
      await a.waitText('[data-testid=commander-holder]', new RegExp(`^Ben ${SINCE}$`));
      await a.waitText('[data-testid=timeline-event]', 'Command handed from Ana to Ben');
      await roles.getByRole('button', { name: 'Take command', exact: true }).waitFor();

      // A subject expert.
      await roles.getByLabel('Expert name', { exact: true }).fill('Dara');
      await roles.getByLabel('Area of expertise', { exact: true }).fill('database');
      await roles.getByRole('button', { name: 'Add subject expert', exact: true }).click();
      await a.waitText('[data-testid=expert] strong', 'Dara', { exact: true });
      await a.waitText('[data-testid=expert] span', '(database)', { exact: true });
      await a.waitText('[data-testid=timeline-event]', 'Subject expert added: Dara (database)');
      await a.waitText('[data-testid=save-status]', 'Saved', { exact: true });

      // Reloaded: all of it comes back from storage.
      await a.reload();
      await a.ensureUser('Ana');
      assert.equal(new URL(a.page.url()).hash, route, 'the reload stays on the incident');
      await expectRoles(a);
      const seenInA = await roleState(a);
      const timelineA = await a.texts('[data-testid=timeline-event]');

      // Exported, and imported into an empty profile.
      const file = await exportVia(a, '[data-testid=export-incident]', dir);
      const envelope = JSON.parse(await readFile(file.file, 'utf8'));
      assert.equal(envelope.version, 3);
      assert.equal(envelope.incidents.length, 1);
      await b.open('#/');
      await b.ensureUser('Bo');
      assert.equal(await b.count('[data-testid=queue-row]'), 0, 'B starts empty');
      assert.match(await importVia(b, file.file), /^1 new, 0 merge/);
      await b.route(route);
      await b.waitText('[data-testid=incident-title]', 'Checkout API returns 502', { exact: true });
      await expectRoles(b);
      assert.deepEqual(await roleState(b), seenInA, 'B shows the same holders, since the same times, and the same expert');
      assert.deepEqual(await b.texts('[data-testid=timeline-event]'), timelineA, 'and the same timeline');
      a.assertHealthy();
      b.assertHealthy();
    });
  });
});
