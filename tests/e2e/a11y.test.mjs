// End-to-end accessibility: every screen (settings, also with a changed priority matrix, a person
// listed and a playbook open, the import preview, also with a file's settings to apply, the backup reminder and an
// incident's roles with an opened history too) passes axe (WCAG 2.1 A and AA) in light and dark themes at
// phone and desktop widths; the keyboard alone declares an incident, applies a playbook and resolves it; a phone opens a
// new screen at its top, keeps queue titles readable, and never scrolls sideways at 320 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { REPO_ROOT, startHarness, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 20 * TIMEOUT;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/v1-inc-0042-resolved-and-a-drill.json');

/** Serious and critical axe violations on the page as it is now, one line each. */
async function violations(profile, screen) {
  const results = await new AxeBuilder({ page: profile.page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Presses Tab until the focused element matches `selector`; fails if it never does. */
async function tabTo(profile, selector, max = 80) {
  for (let i = 0; i < max; i += 1) {
    await profile.page.keyboard.press('Tab');
    if (await profile.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  const at = await profile.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`${profile.name}: Tab never reached ${selector} (focus is on ${at})`);
}

/** Whether the page is wider than the window (a sideways scroll). */
async function scrollsSideways(profile) {
  return profile.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

describe('accessible on every screen', () => {
  let h;
  let dir;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-a11y-'));
  });
  after(async () => {
    await h?.close();
  });

  test('axe finds nothing serious on any screen, in light and dark, at 390 and 1280 px', { timeout: TEST_TIMEOUT }, async (t) => {
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"format":"sitrep","version":2,"incidents":[{"id":');
    // Only settings (people added, cells changed, one person's team changed), no incidents.
    const withSettings = path.join(dir, 'with-settings.json');
    const row = (high, medium, low) => ({ high, medium, low });
    await writeFile(
      withSettings,
      JSON.stringify({
        format: 'sitrep',
        version: 3,
        exported_at: '2026-11-26T10:00:00Z',
        generator: 'sitrep e2e',
        settings: {
          people: [
            { name: 'Omar Haddad', team: 'Network', contact: '+44 20 7946 0000' },
            { name: 'Priya Shah', team: 'Platform', contact: '@priya on chat' },
          ],
          priority_matrix: { high: row('P1', 'P1', 'P2'), medium: row('P2', 'P3', 'P4'), low: row('P3', 'P4', 'P4') },
        },
        incidents: [],
        scenarios: [],
      }),
    );
    const found = [];
    for (const scheme of ['light', 'dark']) {
      for (const width of [390, 1280]) {
        const p = await h.openProfile(`axe-${scheme}-${width}`);
        await withArtifacts(`axe-${scheme}-${width}`, [p], async () => {
          await p.page.setViewportSize({ width, height: 900 });
          await p.page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
          const label = (screen) => `${screen} (${scheme}, ${width} px)`;
          await p.open('#/');
          await p.waitFor('[data-testid=whoami]');
          found.push(...(await violations(p, label('name prompt'))));
          await p.ensureUser('Ada');
          found.push(...(await violations(p, label('empty queue'))));
          await p.click('[data-testid=declare-link]');
          await p.waitFor('#title');
          found.push(...(await violations(p, label('declare'))));
          await p.fill('#title', 'Login page returns 500 for every SSO user');
          await p.click('[data-testid=declare-submit]');
          await p.waitFor('[data-testid=incident-title]');
          await p.fill('#note-text', 'Rolled back the identity provider config');
          await p.click('[data-testid=note-submit]');
          await p.waitText('[data-testid=timeline-event]', 'Rolled back');
          found.push(...(await violations(p, label('incident'))));
          // Roles held (one handed over), a subject expert, and the commander's history opened.
          const roles = p.page.getByRole('region', { name: 'Roles', exact: true });
          for (const [key, field, person, button] of [
            ['commander', 'Incident commander', 'Ada', 'Assign commander'],
            ['comms_lead', 'Communications lead', 'Cam', 'Assign communications lead'],
            ['commander', 'Incident commander', 'Ben', 'Hand over command'],
          ]) {
            await roles.getByLabel(field, { exact: true }).fill(person);
            await roles.getByRole('button', { name: button, exact: true }).click();
            await p.waitText(`[data-testid=${key}-holder]`, new RegExp(`^${person} since `));
          }
          await roles.getByLabel('Expert name', { exact: true }).fill('Dara');
          await roles.getByLabel('Area of expertise', { exact: true }).fill('database');
          await roles.getByRole('button', { name: 'Add subject expert', exact: true }).click();
          await p.waitFor('[data-testid=expert]');
          await p.click('[data-testid=commander-history] summary');
          await p.waitText('[data-testid=commander-history] li', 'Command handed from Ada to Ben');
          found.push(...(await violations(p, label('incident with roles, an expert and a role history'))));
          if (await scrollsSideways(p)) found.push(`${label('incident with roles')}: the page scrolls sideways`);
          // Tasks from a playbook (one finished, one overdue-free with an owner and due time), and the
          // forms a move asks for: cancel (as a duplicate), resolve (as an escalation); the shortcuts.
          await p.page.getByRole('button', { name: 'Apply playbook', exact: true }).click();
          await p.waitCount('[data-testid=task]', (n) => n > 3, 'playbook tasks');
          await p.page.getByRole('button', { name: /^Mark .* done$/ }).first().click();
          await p.page.getByRole('radio', { name: 'Task', exact: true }).check();
          await p.fill('#task-title', 'Page the identity provider vendor');
          await p.fill('#task-owner', 'Ben');
          await p.fill('#task-due', '2099-01-01T09:00');
          await p.click('[data-testid=task-submit]');
          await p.waitText('[data-testid=task]', 'Page the identity provider vendor');
          await p.page.locator('[data-testid=task] details summary').first().click();
          found.push(...(await violations(p, label('incident with tasks'))));
          if (await scrollsSideways(p)) found.push(`${label('incident with tasks')}: the page scrolls sideways`);
          // Communication: an update posted, an empty one refused, a duty started with its form open.
          await p.fill('#update-text', 'Investigating login errors; next update within 30 minutes.');
          await p.page.getByRole('button', { name: 'Post update to internal', exact: true }).click();
          await p.waitFor('[data-testid=thread-internal] [data-testid=update]');
          await p.page.getByRole('button', { name: 'Post update to internal', exact: true }).click();
          await p.waitFor('#update-error');
          await p.page.getByRole('button', { name: 'Start duty', exact: true }).click();
          await p.waitFor('[data-testid=duty]');
          await p.page.locator('[data-testid=duty] button', { hasText: 'Mark done' }).click();
          await p.waitFor('[data-testid=duty] form');
          found.push(...(await violations(p, label('incident with updates, a refused update and a duty'))));
          if (await scrollsSideways(p)) found.push(`${label('incident with updates and a duty')}: the page scrolls sideways`);
          await p.click('[data-testid=transition-cancelled]');
          await p.page.getByLabel('Duplicate of another incident', { exact: true }).check();
          await p.click('[data-testid=cancel-submit]');
          await p.waitFor('[data-testid=cancel-error]');
          found.push(...(await violations(p, label('cancel form with an error'))));
          await p.page.getByRole('button', { name: 'Keep it open', exact: true }).click();
          for (const id of ['triaged', 'investigating', 'contained']) {
            await p.click(`[data-testid=transition-${id}]`);
            await p.waitFor(`[data-testid=transition-${id}]`, { state: 'detached' });
          }
          await p.click('[data-testid=transition-resolved]');
          await p.page.getByLabel('Escalation', { exact: true }).check();
          await p.click('[data-testid=resolve-submit]');
          await p.waitFor('[data-testid=resolve-error]');
          found.push(...(await violations(p, label('resolve form with an error'))));
          await p.page.getByRole('button', { name: 'Not now', exact: true }).click();
          await p.page.locator('h1').first().focus();
          await p.page.keyboard.press('?');
          await p.waitFor('[data-testid=shortcuts-help]');
          found.push(...(await violations(p, label('keyboard shortcuts'))));
          await p.page.keyboard.press('Escape');
          await p.waitFor('[data-testid=shortcuts-help]', { state: 'detached' });
          await p.page.setInputFiles('#import-file', FIXTURE);
          await p.waitFor('[data-testid=import-preview]');
          found.push(...(await violations(p, label('import preview'))));
          await p.click('[data-testid=import-confirm]');
          await p.waitFor('[data-testid=import-preview]', { state: 'detached' });
          await p.route('#/');
          await p.waitFor('[data-testid=queue-row]');
          found.push(...(await violations(p, label('queue'))));
          await p.page.setInputFiles('#import-file', broken);
          await p.waitFor('[data-testid=import-error]');
          found.push(...(await violations(p, label('import error'))));
          await p.click('[data-testid=import-error] button.primary');
          await p.route('#/settings');
          await p.waitText('[data-testid=storage-usage]', 'Storage used');
          found.push(...(await violations(p, label('settings'))));
          // A changed matrix cell (so "Restore the default matrix" shows) and a person listed.
          await p.page.getByRole('combobox', { name: 'Priority for impact medium and urgency low', exact: true }).selectOption('P5');
          await p.waitFor('[data-testid=matrix-restore]');
          await p.page.getByLabel('Name', { exact: true }).fill('Priya Shah');
          await p.page.getByLabel('Team', { exact: true }).fill('Database');
          await p.page.getByLabel('How to reach them', { exact: true }).fill('@priya on chat');
          await p.page.getByRole('button', { name: 'Add person', exact: true }).click();
          await p.waitFor('[data-testid=person]');
          // The shipped Security playbook opened for editing.
          await p.page.locator('[data-testid=playbook]', { hasText: 'Security incident' }).locator('summary').click();
          await p.page.getByLabel('Item 1 of Security incident', { exact: true }).waitFor();
          found.push(...(await violations(p, label('settings with a changed matrix, a person and a playbook open'))));
          if (await scrollsSideways(p)) found.push(`${label('settings with a changed matrix, a person and a playbook open')}: the page scrolls sideways`);
          // A template with an unknown placeholder shows the problem while it is typed.
          await p.fill('#template-can', 'Update on {reference}: {nope}');
          await p.waitFor('[data-testid=template-can-problems]');
          found.push(...(await violations(p, label('settings with a template problem'))));
          if (await scrollsSideways(p)) found.push(`${label('settings with a template problem')}: the page scrolls sideways`);
          // A file whose settings differ from ours: the preview offers to apply them.
          await p.page.setInputFiles('#import-file', withSettings);
          await p.waitFor('[data-testid=import-settings]');
          await p.waitText('[data-testid=import-settings] li', 'Person changed: Priya Shah');
          await p.waitText('[data-testid=import-settings] li', 'Priority matrix: impact medium × urgency low: P5 → P4');
          found.push(...(await violations(p, label('import preview with the settings in the file'))));
          await p.check('[data-testid=import-apply-settings]');
          found.push(...(await violations(p, label('import preview with the settings ticked'))));
          await p.click('[data-testid=import-cancel]');
          await p.waitFor('[data-testid=import-preview]', { state: 'detached' });
          await p.page.evaluate(() => localStorage.setItem('sitrep.last_export', new Date(Date.now() - 30 * 864e5).toISOString()));
          await p.open('#/');
          await p.waitFor('[data-testid=backup-nudge]');
          found.push(...(await violations(p, label('queue with backup reminder'))));
          p.assertHealthy();
        });
      }
    }
    t.diagnostic(`axe (serious or critical): ${found.length ? '\n' + found.join('\n') : 'none'}`);
    assert.deepEqual(found, []);
  });

  test('the keyboard alone declares an incident, works it through a playbook and resolves it', { timeout: TEST_TIMEOUT }, async () => {
    const k = await h.openProfile('keyboard');
    await withArtifacts('keyboard', [k], async () => {
      const keys = k.page.keyboard;
      await k.open('#/');
      await k.waitFor('#whoami-name');
      assert.ok(await k.page.evaluate(() => document.activeElement?.id === 'whoami-name'), 'the name prompt takes focus');
      await keys.type('Kim');
      await keys.press('Enter');
      await k.waitText('[data-testid=current-user]', 'Kim');
      await tabTo(k, 'a[href="#/new"]');
      const ring = await k.page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(ring, 'none', 'the focused link shows a focus ring');
      await keys.press('Enter');
      await k.waitFor('#title');
      assert.equal(await k.page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new page heading');
      await tabTo(k, '#title');
      await keys.type('Keyboard-only incident');
      await tabTo(k, '[data-testid=declare-submit]');
      await keys.press('Enter');
      await k.waitText('[data-testid=incident-title]', 'Keyboard-only incident', { exact: true });
      await tabTo(k, '[data-testid=transition-triaged]');
      await keys.press('Enter');
      await k.waitText('[data-testid=incident-state]', 'Triaged', { exact: true });
      // Responding from the keyboard: a playbook applied, a task finished, one added with `t`, then
      // resolved with a workaround through the record form (the radios move with the arrow keys).
      await tabTo(k, '[data-testid=apply-playbook]', 200);
      await keys.press('Enter');
      await k.waitText('[data-testid=task-counts]', '(8 open)', { exact: true });
      await tabTo(k, '[data-testid=task] button[aria-label^="Mark"]', 200);
      await keys.press('Enter');
      await k.waitText('[data-testid=task-counts]', '(7 open)', { exact: true });
      await keys.press('t');
      await k.page.waitForFunction(() => document.activeElement?.id === 'task-title', null, { timeout: TIMEOUT });
      await keys.type('Call the vendor');
      await keys.press('Enter');
      await k.waitText('[data-testid=task-counts]', '(8 open)', { exact: true });
      for (const id of ['investigating', 'contained']) {
        await tabTo(k, `[data-testid=transition-${id}]`, 200);
        await keys.press('Enter');
        await k.waitFor(`[data-testid=transition-${id}]`, { state: 'detached' });
      }
      await tabTo(k, '[data-testid=transition-resolved]', 200);
      await keys.press('Enter');
      await k.page.waitForFunction(() => document.activeElement?.getAttribute('value') === 'fix', null, { timeout: TIMEOUT });
      await keys.press('ArrowRight');
      await tabTo(k, '#resolution-summary');
      await keys.type('Traffic moved to the standby region');
      await tabTo(k, '[data-testid=resolve-submit]');
      await keys.press('Enter');
      await k.waitText('[data-testid=incident-state]', 'Resolved', { exact: true });
      await k.waitText('[data-testid=resolution-record]', /^Workaround — recorded by Kim/);
      // A dialog traps focus, closes on Escape and gives focus back to what opened it.
      await tabTo(k, '[data-testid=current-user-button]', 400);
      await keys.press('Enter');
      await k.waitFor('[data-testid=whoami]');
      for (let i = 0; i < 6; i += 1) {
        await keys.press('Tab');
        assert.ok(await k.page.evaluate(() => !!document.activeElement?.closest('[data-testid=whoami]')), 'focus stays in the dialog');
      }
      await keys.press('Escape');
      await k.waitFor('[data-testid=whoami]', { state: 'detached' });
      assert.ok(await k.page.evaluate(() => document.activeElement?.matches('[data-testid=current-user-button]')), 'focus returns to the opener');
      // The import preview takes focus and Escape cancels it: nothing is imported.
      await k.page.setInputFiles('#import-file', FIXTURE);
      await k.waitFor('[data-testid=import-preview]');
      assert.ok(await k.page.evaluate(() => document.activeElement?.matches('[data-testid=import-confirm]')), 'the preview focuses its first button');
      await keys.press('Escape');
      await k.waitFor('[data-testid=import-preview]', { state: 'detached' });
      await k.route('#/');
      await k.waitCount('[data-testid=queue-row]', (n) => n === 1, 'only the declared incident');
      k.assertHealthy();
    });
  });

  test('on a phone: a new incident opens at its top, titles stay readable, nothing scrolls sideways', { timeout: TEST_TIMEOUT }, async () => {
    const m = await h.openProfile('phone');
    await withArtifacts('phone', [m], async () => {
      await m.page.setViewportSize({ width: 390, height: 740 });
      await m.open('#/');
      await m.ensureUser('Mo');
      await m.click('[data-testid=declare-link]');
      const title = 'DNS resolution failing for every internal service in eu-west-1 and us-east-2';
      await m.fill('#title', title);
      await m.check('#urgency-high');
      await m.click('[data-testid=declare-submit]');
      await m.waitText('[data-testid=incident-title]', title, { exact: true });
      const top = await m.page.evaluate(() => ({ y: window.scrollY, focus: document.activeElement?.tagName }));
      assert.deepEqual(top, { y: 0, focus: 'H1' }, 'the new incident opens at its top with focus on its heading');
      await m.page.getByRole('button', { name: 'Apply playbook', exact: true }).click();
      await m.waitCount('[data-testid=task]', (n) => n > 3, 'playbook tasks');
      await m.page.locator('[data-testid=task] details summary').first().click();
      for (const width of [390, 320]) {
        await m.page.setViewportSize({ width, height: 740 });
        assert.equal(await scrollsSideways(m), false, `incident page with tasks at ${width} px`);
      }
      await m.route('#/');
      await m.waitFor('[data-testid=row-title]');
      const shown = await m.page.evaluate(() => {
        const el = document.querySelector('[data-testid=row-title]');
        const text = el.firstChild;
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, Math.min(40, text.length));
        const box = el.getBoundingClientRect();
        return [...range.getClientRects()].every((r) => r.bottom <= box.bottom + 1 && r.right <= box.right + 1);
      });
      assert.ok(shown, 'the first 40 characters of a long title are visible in its queue row');
      assert.equal(await scrollsSideways(m), false, 'queue at 320 px');
      await m.click('[data-testid=declare-link]');
      await m.waitFor('#title');
      assert.equal(await scrollsSideways(m), false, 'declare at 320 px');
      m.assertHealthy();
    });
  });
});
