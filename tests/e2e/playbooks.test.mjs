// End-to-end: the playbooks in settings, and playbooks carried by a full export into another browser.
//
// A opens the shipped Security playbook, renames an item, adds one and moves it and a shipped one up, has an empty
// name refused (the sentence shows, the field keeps what was typed) and renames the playbook; all of
// it is kept after a reload. A new playbook is made and edited, and "First steps" removed after a
// confirmation. Nothing scrolls sideways at 320 px with a playbook open. A's "Export all" is taken,
// then "Restore the shipped playbooks" puts Security and First steps back as shipped while the new
// playbook stays. An empty profile B previews the file ("Playbook changed: …", "Playbook added: …"),
// applies its settings, and finds the edited playbooks in its settings, also after a reload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportVia, startHarness, storedSettings, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;
const SHIPPED = [
  'Infrastructure outage',
  'Application failure',
  'Network disruption',
  'Security incident',
  'Data loss or corruption',
  'Supplier outage',
  'First steps',
];
const EVIDENCE = 'Preserve evidence (memory, disk, logs) before anyone touches the hosts';
const OFFICER = 'Page the security officer on call';

/** The disclosure of the playbook of this name in settings. */
const playbook = (profile, name) =>
  profile.page
    .locator('[data-testid=playbook]')
    .filter({ has: profile.page.locator('[data-testid=playbook-name]', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) }) });

/** Names of the playbooks listed in settings, in order. */
async function playbooksListed(profile) {
  return (await profile.page.locator('[data-testid=playbook-name]').allTextContents()).map((t) => t.trim());
}

/** Opens the playbook's disclosure (if closed) and waits for its editor. */
async function openPlaybook(profile, name) {
  const details = playbook(profile, name);
  await details.waitFor();
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await details.getByLabel('Playbook name', { exact: true }).waitFor();
  return details;
}

/** The texts of an open playbook's item fields, in order. */
async function itemTexts(details) {
  const fields = details.locator('[data-testid=playbook-item] input[type=text]');
  const n = await fields.count();
  const texts = [];
  for (let i = 0; i < n; i += 1) texts.push(await fields.nth(i).inputValue());
  return texts;
}

/** Waits until an open playbook's items read `expected`, in order. */
async function waitItems(profile, details, expected) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const texts = await itemTexts(details);
    if (JSON.stringify(texts) === JSON.stringify(expected)) return;
    if (Date.now() > deadline) assert.fail(`profile ${profile.name}: items ${JSON.stringify(texts)}, never ${JSON.stringify(expected)}`);
    await profile.page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
}

/** Waits until the stored settings satisfy `check` (re-read once per animation frame, no sleeps). */
async function waitStoredSettings(profile, check, description) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const stored = await storedSettings(profile.page);
    if (stored && check(stored)) return stored;
    if (Date.now() > deadline) assert.fail(`profile ${profile.name}: stored settings never showed ${description}: ${JSON.stringify(stored?.playbooks)}`);
    await profile.page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
}

/** Fills a field and leaves it, so its change is committed. */
async function commit(field, value) {
  await field.fill(value);
  await field.press('Tab');
}

describe('settings: playbooks', () => {
  let h;
  let dir;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-playbooks-'));
  });
  after(async () => {
    await h?.close();
  });

  test('edited playbooks are kept, restored as shipped, and travel in Export all', { timeout: TEST_TIMEOUT }, async () => {
    const a = await h.openProfile('playbooks-A');
    const b = await h.openProfile('playbooks-B');
    await withArtifacts('playbooks', [a, b], async () => {
      await a.open('#/settings');
      await a.ensureUser('Ana');
      await a.page.getByRole('heading', { name: 'Playbooks', exact: true }).waitFor();
      await a.waitCount('[data-testid=playbook]', (n) => n === SHIPPED.length, 'the shipped playbooks');
      assert.deepEqual(await playbooksListed(a), SHIPPED);
      await a.waitText('[data-testid=playbook] summary', 'Security incident — Security — 9 items', { exact: true });
      assert.equal(await a.count('[data-testid=playbooks-restore]'), 0, 'nothing to restore while the shipped playbooks are as shipped');

      // Security: rename item 2, add an item, move it up one place.
      let security = await openPlaybook(a, 'Security incident');
      const shippedItems = await itemTexts(security);
      assert.equal(shippedItems.length, 9);
      await commit(security.getByLabel('Item 2 of Security incident', { exact: true }), EVIDENCE);
      await security.getByLabel('New item', { exact: true }).fill(OFFICER);
      await security.getByRole('button', { name: 'Add item', exact: true }).click();
      const edited = [shippedItems[0], EVIDENCE, ...shippedItems.slice(2), OFFICER];
      await waitItems(a, security, edited);
      assert.equal(await security.getByLabel('New item', { exact: true }).inputValue(), '', 'the new item field empties once added');
      await security.getByRole('button', { name: `Move “${OFFICER}” up`, exact: true }).click();
      const officerUp = [...edited.slice(0, 8), OFFICER, edited[8]];
      await waitItems(a, security, officerUp);
      // A shipped item moved up too: "Rotate exposed credentials" before the evidence.
      await security.getByRole('button', { name: `Move “${shippedItems[2]}” up`, exact: true }).click();
      const moved = [officerUp[0], officerUp[2], officerUp[1], ...officerUp.slice(3)];
      await waitItems(a, security, moved);
      assert.equal(await security.getByRole('button', { name: `Move “${moved[0]}” up`, exact: true }).isDisabled(), true, 'the first item cannot go up');
      assert.equal(await security.getByRole('button', { name: `Move “${OFFICER}” down`, exact: true }).isEnabled(), true);
      assert.equal(await security.getByRole('button', { name: `Move “${moved[9]}” down`, exact: true }).isDisabled(), true, 'the last item cannot go down');

      // An empty name is refused with its sentence, and the field keeps what was typed.
      const name = security.getByLabel('Playbook name', { exact: true });
      await commit(name, '   ');
      await a.waitText('[data-testid=playbook-error]', 'A playbook needs a name.', { exact: true });
      assert.equal(await a.page.locator('[data-testid=playbook-error]').getAttribute('role'), 'alert');
      assert.equal(await name.inputValue(), '   ');
      await commit(name, 'Security breach');
      await a.waitFor('[data-testid=playbook-error]', { state: 'detached' });
      await waitStoredSettings(
        a,
        (s) => s.playbooks?.some((p) => p.id === 'security' && p.name === 'Security breach' && p.items.length === 10 && p.items[8].text === OFFICER),
        'the edited Security playbook',
      );
      await a.reload();
      security = await openPlaybook(a, 'Security breach');
      await waitItems(a, security, moved);
      await a.waitText('[data-testid=playbook] summary', 'Security breach — Security — 10 items', { exact: true });

      // A new playbook, opened to edit: named, for Third party instead of Other, one item.
      await a.page.getByRole('button', { name: 'New playbook', exact: true }).click();
      const fresh = playbook(a, 'New playbook');
      await fresh.getByLabel('Playbook name', { exact: true }).waitFor();
      await commit(fresh.getByLabel('Playbook name', { exact: true }), 'Payment provider outage');
      const supplier = await openPlaybook(a, 'Payment provider outage');
      const categories = supplier.getByRole('group', { name: 'Categories of Payment provider outage', exact: true });
      await categories.getByLabel('Third party', { exact: true }).check();
      await categories.getByLabel('Other', { exact: true }).uncheck();
      await supplier.getByLabel('New item', { exact: true }).fill('Switch card payments to the backup provider');
      await supplier.getByRole('button', { name: 'Add item', exact: true }).click();
      await a.waitText('[data-testid=playbook] summary', 'Payment provider outage — Third party — 1 item', { exact: true });
      // Its only category cannot go: refused, and the box stays as it was clicked.
      await categories.getByLabel('Third party', { exact: true }).uncheck();
      await a.waitText('[data-testid=playbook-error]', 'Choose at least one category for the playbook.', { exact: true });
      await categories.getByLabel('Third party', { exact: true }).check();
      await a.waitFor('[data-testid=playbook-error]', { state: 'detached' });

      // Removing a playbook asks first.
      const firstSteps = await openPlaybook(a, 'First steps');
      const remove = firstSteps.getByRole('button', { name: 'Remove playbook First steps', exact: true });
      await remove.click();
      assert.equal(await remove.getAttribute('aria-expanded'), 'true', 'the removal button says its question is open');
      await firstSteps.getByRole('button', { name: 'Keep it', exact: true }).click();
      await firstSteps.getByRole('button', { name: 'Keep it', exact: true }).waitFor({ state: 'detached' });
      assert.equal(await a.count('[data-testid=playbook]'), SHIPPED.length + 1, 'kept');
      await firstSteps.getByRole('button', { name: 'Remove playbook First steps', exact: true }).click();
      await firstSteps.getByRole('button', { name: 'Yes, remove First steps', exact: true }).click();
      await a.waitText('[data-testid=flash]', 'Removed the playbook First steps.');
      await a.waitCount('[data-testid=playbook]', (n) => n === SHIPPED.length, 'six shipped and one new');
      assert.ok(!(await playbooksListed(a)).includes('First steps'));

      // Nothing scrolls sideways on a narrow phone with a playbook open.
      await a.page.setViewportSize({ width: 320, height: 740 });
      assert.equal(await a.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1), false, 'settings at 320 px');
      await a.page.setViewportSize({ width: 1280, height: 900 });

      await waitStoredSettings(a, (s) => s.playbooks?.length === 7 && s.playbooks.some((p) => p.name === 'Payment provider outage' && p.items.length === 1), 'the new playbook');
      const file = await exportVia(a, '[data-testid=settings-export]', dir);

      // Restore: Security and First steps as shipped, the new playbook stays.
      await a.page.getByRole('button', { name: 'Restore the shipped playbooks', exact: true }).click();
      await a.waitFor('[data-testid=playbooks-restore]', { state: 'detached' });
      await a.waitCount('[data-testid=playbook]', (n) => n === SHIPPED.length + 1, 'the shipped playbooks and the new one');
      assert.deepEqual(await playbooksListed(a), [...SHIPPED, 'Payment provider outage']);
      await waitItems(a, await openPlaybook(a, 'Security incident'), shippedItems);
      await waitStoredSettings(a, (s) => s.playbooks?.length === 8 && s.playbooks.some((p) => p.name === 'Security incident'), 'the shipped playbooks back');

      // B, empty, imports A's file with its settings.
      await b.open('#/settings');
      await b.ensureUser('Ben');
      await b.page.setInputFiles('#import-file', file.file);
      await b.waitFor('[data-testid=import-preview]');
      const fieldset = b.page.getByRole('group', { name: 'Settings in this file', exact: true });
      await fieldset.waitFor();
      const lines = (await fieldset.locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      assert.ok(lines.includes('Playbook added: Payment provider outage (1 item)'), JSON.stringify(lines));
      const changed = lines.find((l) => l.startsWith('Playbook changed: Security breach: '));
      assert.ok(changed, JSON.stringify(lines));
      assert.match(changed, /renamed from “Security incident”/);
      assert.match(changed, new RegExp(`item added “${OFFICER}”`));
      assert.match(changed, /items reordered/);
      await fieldset.getByRole('checkbox', { name: 'Also apply these settings', exact: true }).check();
      await b.click('[data-testid=import-confirm]');
      await b.waitFor('[data-testid=import-preview]', { state: 'detached' });
      await b.waitCount('[data-testid=playbook]', (n) => n === SHIPPED.length + 1, 'the shipped playbooks and the imported one');
      await waitStoredSettings(b, (s) => s.playbooks?.some((p) => p.name === 'Security breach'), 'the imported playbooks');
      await b.reload();
      await waitItems(b, await openPlaybook(b, 'Security breach'), moved);
      await b.waitText('[data-testid=playbook] summary', 'Payment provider outage — Third party — 1 item', { exact: true });
      assert.ok((await playbooksListed(b)).includes('First steps'), 'an import removes no playbook');

      // The edited playbook, applied to a security incident in B, makes its items as tasks in its order.
      await b.route('#/');
      await b.click('[data-testid=declare-link]');
      await b.fill('#title', 'Phishing mail opened by finance');
      await b.select('#category', 'security');
      await b.click('[data-testid=declare-submit]');
      await b.waitText('[data-testid=incident-title]', 'Phishing mail opened by finance', { exact: true });
      assert.equal(await b.page.locator('#playbook-choice option:checked').innerText(), 'Security breach');
      await b.page.getByRole('button', { name: 'Apply playbook', exact: true }).click();
      await b.waitCount('[data-testid=task]', (n) => n === moved.length, 'a task per item');
      const tasks = await b.page.locator('[data-testid=task] .task-title').allTextContents();
      assert.deepEqual(tasks, moved, 'the tasks follow the edited playbook');
      a.assertHealthy();
      b.assertHealthy();
    });
  });
});
