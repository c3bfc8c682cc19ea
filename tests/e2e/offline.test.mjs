// End-to-end: offline after the first visit, the update prompt of a new build, and the strict
// Content-Security-Policy. The app is served under /sitrep/, as from any static host's sub-path.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finishBuild } from '../../scripts/post-build.mjs';
import { declare, REPO_ROOT, storedRecords, startHarness, TIMEOUT, waitControlled, withArtifacts } from './harness.mjs';

const TEST_TIMEOUT = 10 * TIMEOUT;

describe('offline and safe', () => {
  let h;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('after the first visit the app loads, deep-links and declares with the network off', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('offline');
    await withArtifacts('offline', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Olu');
      await waitControlled(p);
      // The worker keeps each file once: the page's hashed style sheet, not also its source copy.
      const cached = await p.page.evaluate(async () => {
        const names = (await caches.keys()).filter((k) => k.startsWith('sitrep-'));
        const cache = await caches.open(names[0]);
        return (await cache.keys()).map((r) => new URL(r.url).pathname);
      });
      const sheets = cached.filter((u) => u.endsWith('.css')).map((u) => path.basename(u));
      assert.equal(sheets.length, 1, cached.join(' '));
      assert.match(sheets[0], /^style-[0-9a-f]+\.css$/);

      await p.context.setOffline(true);
      await p.reload();
      await declare(p, 'Uplink down, working offline');
      await p.waitText('[data-testid=save-status]', 'Saved', { exact: true });
      const incidentUrl = p.page.url();
      assert.match(incidentUrl, /#\/incident\/[0-9a-f-]{36}$/);

      // A deep link typed into a fresh navigation, still offline.
      await p.page.goto('about:blank');
      await p.page.goto(incidentUrl, { waitUntil: 'domcontentloaded' });
      await p.waitReady();
      await p.waitText('[data-testid=incident-title]', 'Uplink down, working offline', { exact: true });
      assert.equal((await storedRecords(p.page)).length, 1);

      await p.page.goto('about:blank');
      await p.open('#/');
      await p.waitText('[data-testid=row-title]', 'Uplink down, working offline', { exact: true });
      await p.context.setOffline(false);
      p.assertHealthy();
    });
  });

  test('the page carries a strict policy, and the suite notices anything it refuses', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('csp');
    await withArtifacts('csp', [p], async () => {
      await p.open('#/');
      const policy = await p.page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
      for (const directive of [
        "default-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ]) {
        assert.ok(policy.includes(directive), `${directive} in ${policy}`);
      }
      assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]{43}='/);
      assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
      p.assertHealthy();

      // An injected inline script is refused, and the harness reports it.
      await p.page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true;';
        document.body.append(script);
      });
      await p.page.waitForFunction(() => true);
      const deadline = Date.now() + TIMEOUT;
      while (p.cspViolations.length === 0 && Date.now() < deadline) await p.page.evaluate(() => new Promise(requestAnimationFrame));
      assert.equal(await p.page.evaluate(() => window.injected ?? null), null);
      assert.throws(() => p.assertHealthy(), /Content-Security-Policy violations:\n\s+script-src-elem blocked inline/);
    });
  });
});

describe('a new build on the host', () => {
  let h;
  let root;
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'sitrep-e2e-host-'));
    await cp(path.join(REPO_ROOT, 'dist'), root, { recursive: true });
    h = await startHarness({ dist: root });
  });
  after(async () => {
    await h?.close();
    await rm(root, { recursive: true, force: true });
  });

  test('is offered as "update available", and only a reload switches to it, all files at once', { timeout: TEST_TIMEOUT }, async () => {
    const p = await h.openProfile('update');
    await withArtifacts('update', [p], async () => {
      await p.open('#/');
      await p.ensureUser('Uma');
      await waitControlled(p);
      assert.equal(await p.page.title(), 'Sitrep');

      // Publish the next build: its index.html differs, finished by the same post-build step.
      const index = path.join(root, 'index.html');
      await writeFile(index, (await readFile(index, 'utf8')).replace('<title>Sitrep</title>', '<title>Sitrep (next build)</title>'));
      await finishBuild(root);

      await p.reload();
      await p.waitFor('[data-testid=update-banner]');
      assert.equal(await p.page.title(), 'Sitrep', 'the running build stays whole until the person reloads');

      await p.click('[data-testid=update-reload]');
      await p.page.waitForFunction(() => document.title === 'Sitrep (next build)', null, { timeout: 2 * TIMEOUT });
      await p.waitReady();
      assert.equal(await p.count('[data-testid=update-banner]'), 0);
      p.assertHealthy();
    });
  });
});
