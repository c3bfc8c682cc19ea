// End-to-end: two responders edit one incident apart and swap files; nothing either wrote is lost.
//
// A assigns a commander while B edits the title and adds a note. They swap files, in both orders:
// both profiles show A's commander, B's title and the note, also after a reload. When both change
// the same field, both show the same winner and mark the field as changed by the other.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportVia, importVia, startHarness, withArtifacts, TIMEOUT } from './harness.mjs';

const TEST_TIMEOUT = 12 * TIMEOUT;

/** A declares an incident and B imports it, so both hold the same copy; returns its route. */
async function shareOneIncident(a, b, dir, title) {
  await a.open('#/');
  await a.ensureUser('Alice');
  await b.open('#/');
  await b.ensureUser('Bob');
  await a.click('[data-testid=declare-link]');
  await a.fill('#title', title);
  await a.click('[data-testid=declare-submit]');
  await a.waitText('[data-testid=incident-title]', title, { exact: true });
  await a.waitText('[data-testid=save-status]', 'Saved', { exact: true });
  const route = new URL(a.page.url()).hash;
  const first = await exportVia(a, '[data-testid=export-incident]', dir);
  assert.match(await importVia(b, first.file), /^1 new/);
  await b.route(route);
  await b.waitText('[data-testid=incident-title]', title, { exact: true });
  return route;
}

async function setTitle(profile, title) {
  await profile.click('[data-testid=edit-details]');
  await profile.fill('#edit-title', title);
  await profile.click('[data-testid=details-save]');
  await profile.waitText('[data-testid=incident-title]', title, { exact: true });
  await profile.waitText('[data-testid=save-status]', 'Saved', { exact: true });
}

async function setCommander(profile, name) {
  await profile.fill('#commander', name);
  await profile.click('[data-testid=commander-submit]');
  await profile.waitText('[data-testid=incident-commander]', `Commander: ${name}`, { exact: true });
  await profile.waitText('[data-testid=save-status]', 'Saved', { exact: true });
}

async function addNote(profile, text) {
  await profile.fill('#note-text', text);
  await profile.click('[data-testid=note-submit]');
  await profile.waitText('[data-testid=timeline-event]', text);
  await profile.waitText('[data-testid=save-status]', 'Saved', { exact: true });
}

/** Each exports the incident, then each imports the other's file; `bFirst` swaps who imports first. */
async function swap(a, b, dir, route, bFirst) {
  const fromA = await exportVia(a, '[data-testid=export-incident]', dir);
  const fromB = await exportVia(b, '[data-testid=export-incident]', dir);
  const order = bFirst ? [[b, fromA], [a, fromB]] : [[a, fromB], [b, fromA]];
  for (const [profile, file] of order) {
    assert.match(await importVia(profile, file.file), /^0 new, 1 merge/);
    await profile.route(route);
  }
}

async function expectBothSides(profile, { title, commander, note }) {
  await profile.waitText('[data-testid=incident-title]', title, { exact: true });
  await profile.waitText('[data-testid=incident-commander]', `Commander: ${commander}`, { exact: true });
  await profile.waitText('[data-testid=timeline-event]', note);
  const notes = (await profile.texts('[data-testid=timeline-event]')).filter((t) => t.includes(note));
  assert.equal(notes.length, 1, `${profile.name}: the note once`);
  assert.equal(await profile.count('[data-testid^=conflict-]'), 0, `${profile.name}: nothing was changed on both sides`);
}

describe('copies edited apart never lose an edit', () => {
  let h;
  let dir;
  before(async () => {
    h = await startHarness();
    dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-lossless-'));
  });
  after(async () => {
    await h?.close();
  });

  for (const bFirst of [false, true]) {
    test(`A's commander, B's title and note all survive (${bFirst ? 'B' : 'A'} imports first)`, { timeout: TEST_TIMEOUT }, async () => {
      const a = await h.openProfile(`A${bFirst ? 2 : 1}`);
      const b = await h.openProfile(`B${bFirst ? 2 : 1}`);
      await withArtifacts(`lossless-${bFirst ? 'b' : 'a'}-first`, [a, b], async () => {
        const route = await shareOneIncident(a, b, dir, 'DNS resolution failing');
        await setCommander(a, 'Alice');
        await setTitle(b, 'DNS down in eu-west');
        await addNote(b, 'Bob flushed the resolver caches');
        await swap(a, b, dir, route, bFirst);
        const expected = { title: 'DNS down in eu-west', commander: 'Alice', note: 'Bob flushed the resolver caches' };
        for (const profile of [a, b]) {
          await expectBothSides(profile, expected);
          await profile.reload();
          await profile.route(route);
          await expectBothSides(profile, expected);
          profile.assertHealthy();
        }
      });
    });
  }

  test('the same field changed on both sides: one winner everywhere, and the field is marked', { timeout: TEST_TIMEOUT }, async () => {
    const a = await h.openProfile('A3');
    const b = await h.openProfile('B3');
    await withArtifacts('lossless-conflict', [a, b], async () => {
      const route = await shareOneIncident(a, b, dir, 'Payments timing out');
      await setTitle(a, 'Title by Alice');
      await setTitle(b, 'Title by Bob');
      await swap(a, b, dir, route, false);
      for (const profile of [a, b]) {
        await profile.waitText('[data-testid=incident-title]', 'Title by Bob', { exact: true });
        await profile.waitText('[data-testid=conflict-title]', 'also changed by Alice');
        await profile.waitText('[data-testid=conflict-title]', 'Title by Alice');
        await profile.waitText('[data-testid=timeline-event]', 'Title by Alice');
      }
      // Setting the field again settles it.
      await setTitle(a, 'Title agreed on the bridge');
      assert.equal(await a.count('[data-testid=conflict-title]'), 0);
      a.assertHealthy();
      b.assertHealthy();
    });
  });
});
