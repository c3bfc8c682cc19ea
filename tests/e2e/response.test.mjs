// End-to-end: responding to and resolving an incident from its command-centre page.
//
// A declares a security incident, applies the security playbook and finishes two of its tasks,
// adds a task due in 30 minutes and sees it marked overdue when a clock the test controls passes
// that time (never a sleep), and finds it in the queue's "Overdue tasks only" filter. A second
// incident is cancelled as a duplicate of the first: the link shows on both. The first is resolved
// with a workaround record. The keyboard shortcuts work without a mouse and never while typing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;
const START = new Date('2026-12-06T10:00:00Z');

/** A region of the incident page, found by its heading. */
const region = (profile, name) => profile.page.getByRole('region', { name, exact: true });
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

/** Declares an incident of `category` through the declare form, and waits for its page. */
async function declareIn(profile, title, category) {
  await profile.click('[data-testid=declare-link]');
  await profile.fill('#title', title);
  await profile.select('#category', category);
  await profile.click('[data-testid=declare-submit]');
  await profile.waitText('[data-testid=incident-title]', title, { exact: true });
}

describe('response and resolution', () => {
  let h;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('playbook, tasks, overdue on a controlled clock, duplicate link both ways, resolution record, shortcuts', { timeout: TEST_TIMEOUT }, async () => {
    const a = await h.openProfile('response-A');
    await withArtifacts('response', [a], async () => {
      await a.page.clock.install({ time: START });
      await a.open('#/');
      await a.ensureUser('Ana');
      await declareIn(a, 'Credential stuffing on login', 'security');
      const incidentRoute = new URL(a.page.url()).hash;
      const tasks = region(a, 'Tasks (none open)');
      await tasks.waitFor();

      // The security playbook is offered first for a security incident.
      assert.equal(await a.page.locator('#playbook-choice').inputValue(), 'security');
      await a.waitText('[data-testid=playbook-left]', 'Adds 9 tasks.', { exact: true });
      await button(a.page, 'Apply playbook').click();
      await a.waitCount('[data-testid=task]', (n) => n === 9, 'nine playbook tasks');
      await a.waitText('[data-testid=playbook-left]', 'Every item of this playbook is a task already.', { exact: true });
      assert.equal(await button(a.page, 'Apply playbook').isDisabled(), true, 'a playbook applied is not applied twice');
      await a.waitText('[data-testid=task-counts]', '(9 open)', { exact: true });
      await a.waitText('[data-testid=timeline-event]', /Task added: “Isolate affected hosts/);

      // Finish two tasks by their named buttons.
      await button(a.page, 'Mark “Isolate affected hosts and accounts from the network without powering them off” done').click();
      await button(a.page, 'Mark “Preserve evidence (memory, disk, logs) before changing anything” done').click();
      await a.waitText('[data-testid=task-counts]', '(7 open)', { exact: true });
      await button(a.page, 'Reopen “Preserve evidence (memory, disk, logs) before changing anything”').waitFor();
      await a.waitText('[data-testid=timeline-event]', /Task .*Preserve evidence.* done/);

      // A task due in 30 minutes, added from the keyboard: `t` focuses the field.
      await a.page.locator('h1').first().focus();
      await a.page.keyboard.press('t');
      await a.page.waitForFunction(() => document.activeElement?.id === 'task-title', null, { timeout: TIMEOUT });
      await a.page.keyboard.type('Call the cyber insurer');
      await a.fill('#task-owner', 'Ben');
      await a.fill('#task-due', '2026-12-06T10:30');
      await a.page.locator('#task-due').press('Enter');
      await a.waitText('[data-testid=task-counts]', '(8 open)', { exact: true });
      const insurer = a.page.locator('[data-testid=task]', { hasText: 'Call the cyber insurer' });
      assert.equal(await insurer.locator('[data-testid=task-overdue]').count(), 0, 'not overdue before its time');

      // The clock passes the due time: the page marks it overdue, with no reload and no sleep.
      await a.page.clock.fastForward('00:45:00');
      await insurer.locator('[data-testid=task-overdue]').waitFor();
      await a.waitText('[data-testid=task-counts]', '(8 open, 1 overdue)', { exact: true });

      // `n` goes back to the note form; what was typed in either form is kept across the switch.
      await a.page.locator('h1').first().focus();
      await a.page.keyboard.press('n');
      await a.page.waitForFunction(() => document.activeElement?.id === 'note-text', null, { timeout: TIMEOUT });
      assert.equal(await a.page.locator('#task-title').isVisible(), false, 'one composer: the task form is put away');

      // Typing a shortcut's key into a field types it.
      await a.page.locator('#note-text').focus();
      await a.page.keyboard.type('nt/?');
      assert.equal(await a.page.locator('#note-text').inputValue(), 'nt/?');
      assert.equal(await a.count('[data-testid=shortcuts-help]'), 0, 'no shortcut fired while typing');
      await a.fill('#note-text', '');

      // `?` lists the shortcuts; Escape closes the list.
      await a.page.locator('h1').first().focus();
      await a.page.keyboard.press('?');
      await a.waitText('[data-testid=shortcuts-help]', 'g then q');
      await a.page.keyboard.press('Escape');
      await a.waitFor('[data-testid=shortcuts-help]', { state: 'detached' });

      // `g q` goes to the queue: the row counts the tasks and the overdue filter keeps it.
      await a.page.keyboard.press('g');
      await a.page.keyboard.press('q');
      await a.waitText('[data-testid=row-tasks]', '8 open tasks, 1 overdue', { exact: true });
      await a.click('[data-testid=declare-link]');
      await a.fill('#title', 'Login failures reported by support');
      await a.select('#category', 'security');
      await a.click('[data-testid=declare-submit]');
      await a.waitText('[data-testid=incident-ref]', 'INC-0002', { exact: true });

      // Cancel the second as a duplicate of the first: it asks which, and writes the link.
      await a.click('[data-testid=transition-cancelled]');
      await a.page.getByLabel('Duplicate of another incident', { exact: true }).check();
      await a.fill('#duplicate-of', 'INC-0009');
      await a.click('[data-testid=cancel-submit]');
      await a.waitText('[data-testid=cancel-error]', /No incident “INC-0009” in this browser/);
      await a.waitText('[data-testid=incident-state]', 'Reported', { exact: true });
      await a.fill('#duplicate-of', 'inc-0001');
      await a.click('[data-testid=cancel-submit]');
      await a.waitText('[data-testid=incident-state]', 'Cancelled', { exact: true });
      await a.waitText('[data-testid=link]', 'Duplicate of INC-0001 Credential stuffing on login');
      await a.waitText('[data-testid=timeline-event]', 'Linked as duplicate of INC-0001');

      // `/` goes to the queue with the search box focused; only the open incident is listed.
      await a.page.locator('h1').first().focus();
      await a.page.keyboard.press('/');
      await a.page.waitForFunction(() => document.activeElement?.id === 'search', null, { timeout: TIMEOUT });
      await a.check('#filter-overdue');
      await a.waitCount('[data-testid=queue-row]', (n) => n === 1, 'one incident with an overdue task');
      await a.waitText('[data-testid=queue-row] [data-testid=row-ref]', 'INC-0001', { exact: true });
      assert.match(a.page.url(), /overdue=1/, 'the filter is in the address');

      // The first incident shows the other side of the link.
      await a.route(incidentRoute);
      await a.waitText('[data-testid=inverse-link]', 'Has duplicate INC-0002 Login failures reported by support');

      // Resolve with a workaround; a refused record keeps what was typed.
      for (const id of ['triaged', 'investigating', 'contained']) {
        await a.click(`[data-testid=transition-${id}]`);
        await a.waitFor(`[data-testid=transition-${id}]`, { state: 'detached' });
      }
      await a.click('[data-testid=transition-resolved]');
      await a.page.getByLabel('Escalation', { exact: true }).check();
      await a.fill('#resolution-summary', 'Login rate-limited per account');
      await a.click('[data-testid=resolve-submit]');
      await a.waitText('[data-testid=resolve-error]', /Escalated to/);
      assert.equal(await a.page.locator('#resolution-summary').inputValue(), 'Login rate-limited per account', 'the summary is kept');
      await a.page.getByLabel('Workaround', { exact: true }).check();
      await a.click('[data-testid=resolve-submit]');
      await a.waitText('[data-testid=incident-state]', 'Resolved', { exact: true });
      await a.waitText('[data-testid=resolution-record]', /^Workaround — recorded by Ana at 2026-12-06 10:45\s*Login rate-limited per account$/);
      await a.waitText('[data-testid=timeline-event]', 'Resolved by a workaround: Login rate-limited per account');

      // Everything is kept after a reload.
      await a.reload();
      await a.waitText('[data-testid=resolution-record]', /Workaround/);
      await a.waitText('[data-testid=task-counts]', '(8 open, 1 overdue)', { exact: true });
      await a.waitText('[data-testid=inverse-link]', 'Has duplicate INC-0002');
      a.assertHealthy();
    });
  });
});
