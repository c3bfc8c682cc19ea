// End-to-end harness: static server for dist/ under /sitrep/, headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core), independent browser profiles, error capture, teardown.
//
//   const h = await startHarness();            // serves dist/ at http://127.0.0.1:<free port>/sitrep/
//   const a = await h.openProfile('A');        // own user-data-dir => own IndexedDB; reload keeps data
//   await a.open('#/');                        // navigate and wait for [data-testid=app-ready]
//   await a.waitText('[data-testid=incident-state]', 'Resolved', { exact: true });
//   a.assertHealthy();                         // no uncaught page errors / wasm panics
//   await h.close();                           // closes browsers, removes profiles, stops server
//
// No sleeps anywhere: every wait is on a selector or a condition evaluated in the page.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');

export const CHROMIUM_PATH = process.env.SITREP_CHROMIUM ?? '/usr/bin/chromium';
/** Arguments that work as root in a headless sandbox (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Generous: wasm start-up and IndexedDB on a loaded 2-core CI machine can be slow. */
export const TIMEOUT = Number(process.env.SITREP_E2E_TIMEOUT_MS ?? 60_000);
export const APP_READY = '[data-testid=app-ready]';

/** Console messages that mean the app itself crashed (a Rust panic or a wasm trap). */
const FATAL_CONSOLE = /panicked at|RuntimeError|unreachable executed|wasm trap/i;

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Starts the static server and returns a harness that opens browser profiles on it.
 * @param {{ dist?: string, prefix?: string }} [opts]
 */
export async function startHarness(opts = {}) {
  const dist = path.resolve(REPO_ROOT, opts.dist ?? process.env.SITREP_DIST ?? 'dist');
  const server = await startServer({ root: dist, prefix: opts.prefix ?? '/sitrep/' });
  const profiles = [];

  return {
    baseUrl: server.url,
    server,
    profiles,
    /** Opens a fresh, independent browser profile (own user-data-dir, so own IndexedDB/localStorage). */
    async openProfile(name, { parent } = {}) {
      const p = await Profile.launch(name, server.url, parent);
      profiles.push(p);
      return p;
    },
    async close() {
      const results = await Promise.allSettled(profiles.map((p) => p.close()));
      await server.close();
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

export class Profile {
  /** @param {string} name @param {string} baseUrl */
  /** `parent`: where the profile directory goes (e.g. a small tmpfs to run out of space). */
  static async launch(name, baseUrl, parent = os.tmpdir()) {
    const dir = await mkdtemp(path.join(parent, `sitrep-e2e-${name.replace(/\W+/g, '_')}-`));
    let context;
    try {
      context = await chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: 2 * TIMEOUT,
        viewport: { width: 1280, height: 900 },
        locale: 'en-US',
        timezoneId: 'UTC',
      });
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`could not launch ${CHROMIUM_PATH} for profile ${name}: ${err?.message ?? err}`);
    }
    const p = new Profile(name, baseUrl, dir, context);
    // Every Content-Security-Policy violation in any page of the profile, as the page reports it.
    await context.exposeBinding('__sitrepCspViolation', (_source, text) => p.cspViolations.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__sitrepCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    p.page = page;
    for (const pg of context.pages()) p.#watch(pg);
    context.on('page', (pg) => p.#watch(pg));
    context.setDefaultTimeout(TIMEOUT);
    context.setDefaultNavigationTimeout(2 * TIMEOUT);
    return p;
  }

  constructor(name, baseUrl, dir, context) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.dir = dir;
    this.context = context;
    /** @type {import('playwright-core').Page} */
    this.page = undefined;
    /** Uncaught exceptions in the page (includes wasm traps and panics that unwind to JS). */
    this.pageErrors = [];
    /** console.error / console.warn-level problems, kept for diagnostics. */
    this.consoleErrors = [];
    /** Content-Security-Policy violations reported by the pages. */
    this.cspViolations = [];
    /** Requests that failed or returned >= 400 (e.g. a missing asset). */
    this.badResponses = [];
    this.closed = false;
  }

  #watch(page) {
    page.on('pageerror', (err) => this.pageErrors.push(`${err?.name ?? 'Error'}: ${err?.message ?? err}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('crash', () => this.pageErrors.push('page crashed'));
    page.on('response', (res) => {
      if (res.status() >= 400) this.badResponses.push(`${res.status()} ${res.url()}`);
    });
    page.on('requestfailed', (req) => this.badResponses.push(`failed ${req.url()} (${req.failure()?.errorText})`));
  }

  /** Fatal problems seen so far: uncaught page errors and console messages that signal a panic/trap. */
  get fatalErrors() {
    return [...this.pageErrors, ...this.consoleErrors.filter((m) => FATAL_CONSOLE.test(m))];
  }

  /**
   * Throws if the page threw an uncaught error, the wasm app panicked, a request got a 4xx/5xx
   * (e.g. a missing icon), or the Content-Security-Policy refused anything.
   */
  assertHealthy() {
    if (this.cspViolations.length) {
      throw new Error(`profile ${this.name}: Content-Security-Policy violations:\n  ${this.cspViolations.join('\n  ')}` + this.#diag());
    }
    const fatal = this.fatalErrors;
    if (fatal.length) {
      throw new Error(`profile ${this.name}: the page threw or panicked:\n  ${fatal.join('\n  ')}` + this.#diag());
    }
    const missing = this.badResponses.filter((r) => /^[45]\d\d /.test(r));
    if (missing.length) {
      throw new Error(`profile ${this.name}: requests answered with an error:\n  ${missing.join('\n  ')}` + this.#diag());
    }
  }

  #diag() {
    const parts = [];
    if (this.consoleErrors.length) parts.push(`console errors:\n  ${this.consoleErrors.slice(-10).join('\n  ')}`);
    if (this.badResponses.length) parts.push(`bad responses:\n  ${this.badResponses.slice(-10).join('\n  ')}`);
    if (this.page && !this.page.isClosed()) parts.push(`url: ${this.page.url()}`);
    return parts.length ? '\n' + parts.join('\n') : '';
  }

  /** Navigates to baseUrl + route (e.g. '', '#/', '#/new') and waits until the app is ready. */
  async open(route = '') {
    await this.page.goto(this.baseUrl + route, { waitUntil: 'domcontentloaded' });
    await this.waitReady();
  }

  /** Changes the hash route inside the running app (no reload). */
  async route(hashRoute) {
    await this.page.evaluate((h) => {
      window.location.hash = h;
    }, hashRoute);
    await this.page.waitForFunction((h) => window.location.hash === h, hashRoute, { timeout: TIMEOUT });
  }

  async reload() {
    await this.page.reload({ waitUntil: 'domcontentloaded' });
    await this.waitReady();
  }

  async waitReady() {
    await this.waitFor(APP_READY, { state: 'attached', timeout: 2 * TIMEOUT });
  }

  /** Waits for a selector (default: visible). Fails fast with diagnostics if the page has crashed. */
  async waitFor(selector, { state = 'visible', timeout = TIMEOUT } = {}) {
    try {
      await this.page.locator(selector).first().waitFor({ state, timeout });
    } catch (err) {
      throw new Error(`profile ${this.name}: waiting for ${selector} to be ${state} failed: ${firstLine(err)}` + this.#errs() + this.#diag());
    }
  }

  #errs() {
    const fatal = this.fatalErrors;
    return fatal.length ? `\npage errors:\n  ${fatal.join('\n  ')}` : '';
  }

  /**
   * Waits until SOME element matching `selector` has text matching `expected`.
   * `expected`: string (substring, whitespace-normalised; with { exact: true } whole text) or RegExp.
   * Returns the matching element's normalised text.
   */
  async waitText(selector, expected, { exact = false, timeout = TIMEOUT } = {}) {
    const spec =
      expected instanceof RegExp
        ? { kind: 're', source: expected.source, flags: expected.flags }
        : { kind: exact ? 'exact' : 'sub', text: norm(String(expected)) };
    try {
      const handle = await this.page.waitForFunction(
        ({ selector, spec }) => {
          const n = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
          const re = spec.kind === 're' ? new RegExp(spec.source, spec.flags) : null;
          for (const el of document.querySelectorAll(selector)) {
            const t = n(el.textContent);
            if (re ? re.test(t) : spec.kind === 'exact' ? t === spec.text : t.includes(spec.text)) return t;
          }
          return null;
        },
        { selector, spec },
        { timeout, polling: 'raf' },
      );
      return await handle.jsonValue();
    } catch (err) {
      const actual = await this.texts(selector).catch(() => ['<page unavailable>']);
      throw new Error(
        `profile ${this.name}: no ${selector} with text ${expected instanceof RegExp ? expected : JSON.stringify(expected)}` +
          `${exact ? ' (exact)' : ''}; found ${JSON.stringify(actual)} (${firstLine(err)})` +
          this.#errs() +
          this.#diag(),
      );
    }
  }

  /** Waits until the number of elements matching `selector` satisfies `predicate(count)`. */
  async waitCount(selector, predicate, description, { timeout = TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    // Re-check whenever the number of matching elements changes (waited for in the page, no sleeps).
    for (;;) {
      const count = await this.page.locator(selector).count();
      if (predicate(count)) return count;
      if (Date.now() > deadline) {
        throw new Error(`profile ${this.name}: ${selector} count ${count} never became ${description}` + this.#errs() + this.#diag());
      }
      await this.page
        .waitForFunction(
          ({ selector, count }) => document.querySelectorAll(selector).length !== count,
          { selector, count },
          { timeout: Math.max(1, deadline - Date.now()), polling: 'raf' },
        )
        .catch(() => {});
    }
  }

  /** Normalised text of every element matching `selector`, in document order. */
  async texts(selector) {
    return (await this.page.locator(selector).allTextContents()).map(norm);
  }

  async text(selector) {
    await this.waitFor(selector, { state: 'attached' });
    return norm(await this.page.locator(selector).first().textContent());
  }

  async click(selector) {
    try {
      await this.page.locator(selector).first().click();
    } catch (err) {
      throw new Error(`profile ${this.name}: click ${selector} failed: ${firstLine(err)}` + this.#errs() + this.#diag());
    }
  }

  async fill(selector, value) {
    try {
      await this.page.locator(selector).first().fill(value);
    } catch (err) {
      throw new Error(`profile ${this.name}: fill ${selector} failed: ${firstLine(err)}` + this.#errs() + this.#diag());
    }
  }

  async check(selector) {
    try {
      await this.page.locator(selector).first().check();
    } catch (err) {
      throw new Error(`profile ${this.name}: check ${selector} failed: ${firstLine(err)}` + this.#errs() + this.#diag());
    }
  }

  async select(selector, value) {
    try {
      await this.page.locator(selector).first().selectOption(value);
    } catch (err) {
      throw new Error(`profile ${this.name}: select ${value} in ${selector} failed: ${firstLine(err)}` + this.#errs() + this.#diag());
    }
  }

  async count(selector) {
    return this.page.locator(selector).count();
  }

  /**
   * Makes sure the user is known as `name`: answers the first-visit "who are you?" dialog if it is
   * shown, then waits until [data-testid=current-user] shows the name.
   * Returns true if the dialog had to be answered.
   */
  async ensureUser(name) {
    const state = await this.page
      .waitForFunction(
        (name) => {
          const who = document.querySelector('[data-testid=whoami]');
          if (who && document.querySelector('#whoami-name')) return 'ask';
          const cur = document.querySelector('[data-testid=current-user]');
          if (cur && (cur.textContent ?? '').includes(name)) return 'known';
          return null;
        },
        name,
        { timeout: TIMEOUT, polling: 'raf' },
      )
      .then((h) => h.jsonValue())
      .catch((err) => {
        throw new Error(`profile ${this.name}: neither the whoami dialog nor current-user "${name}" appeared: ${firstLine(err)}` + this.#errs() + this.#diag());
      });
    if (state === 'ask') {
      await this.fill('#whoami-name', name);
      await this.click('[data-testid=whoami-save]');
      await this.waitText('[data-testid=current-user]', name);
      await this.waitFor('[data-testid=whoami]', { state: 'detached' });
      return true;
    }
    return false;
  }

  /** Saves a screenshot and the DOM to test-results/ (for post-mortem of a failed test). */
  async saveArtifacts(label) {
    if (!this.page || this.page.isClosed()) return;
    const dir = path.join(REPO_ROOT, 'test-results');
    const base = path.join(dir, `${label}-${this.name}`.replace(/[^\w.-]+/g, '_'));
    try {
      await mkdir(dir, { recursive: true });
      await this.page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 });
      await writeFile(`${base}.html`, await this.page.content());
      await writeFile(
        `${base}.log`,
        [`url: ${this.page.url()}`, 'page errors:', ...this.pageErrors, 'console errors:', ...this.consoleErrors, 'bad responses:', ...this.badResponses].join('\n') + '\n',
      );
      console.error(`# artifacts for profile ${this.name}: ${base}.{png,html,log}`);
    } catch (err) {
      console.error(`# could not save artifacts for profile ${this.name}: ${firstLine(err)}`);
    }
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.context.close();
    } finally {
      await rm(this.dir, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}

function firstLine(err) {
  return String(err?.message ?? err).split('\n')[0];
}

/**
 * Runs `fn`, and if it throws, saves artifacts of every given profile before rethrowing.
 * @param {string} label @param {Profile[]} profiles @param {() => Promise<void>} fn
 */
export async function withArtifacts(label, profiles, fn) {
  try {
    await fn();
  } catch (err) {
    for (const p of profiles) await p.saveArtifacts(label);
    throw err;
  }
}

/** Declares an incident from the queue's "Declare" link, with only a title, and waits for its page. */
export async function declare(profile, title) {
  await profile.click('[data-testid=declare-link]');
  await profile.fill('#title', title);
  await profile.click('[data-testid=declare-submit]');
  await profile.waitText('[data-testid=incident-title]', title, { exact: true });
}

/**
 * Records of one store in the page's IndexedDB, read below the app (no app code runs) and parsed:
 * every record, or with `key` that one record (null if there is none).
 */
async function readStore(page, store, key) {
  return page.evaluate(
    ([store, key]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sitrep');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const objects = db.transaction(store).objectStore(store);
          const request = key === undefined ? objects.getAll() : objects.get(key);
          request.onsuccess = () => {
            db.close();
            const found = request.result;
            if (key === undefined) resolve(found.map((text) => JSON.parse(text)));
            else resolve(found === undefined ? null : JSON.parse(found));
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [store, key],
  );
}

/** Every incident record in the page's IndexedDB, parsed. */
export async function storedRecords(page) {
  return readStore(page, 'incidents');
}

/** The settings record in the page's IndexedDB, parsed (as a file writes them); null if none. */
export async function storedSettings(page) {
  return readStore(page, 'settings', 'settings');
}

/** Waits until a service worker controls the page (after the first visit's install and claim). */
export async function waitControlled(profile) {
  await profile.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 2 * TIMEOUT });
}

/** Clicks an export button and returns the downloaded file's path and suggested name. */
export async function exportVia(profile, selector, dir) {
  const [download] = await Promise.all([profile.page.waitForEvent('download', { timeout: TIMEOUT }), profile.click(selector)]);
  const target = path.join(dir, `${profile.name}-${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(target);
  return { file: target, name: download.suggestedFilename() };
}

/** Imports a file through the picker and confirms the preview; returns the preview's counts text. */
export async function importVia(profile, file) {
  await profile.page.setInputFiles('#import-file', file);
  await profile.waitFor('[data-testid=import-preview]');
  const counts = await profile.text('[data-testid=import-counts]');
  await profile.click('[data-testid=import-confirm]');
  await profile.waitFor('[data-testid=import-preview]', { state: 'detached' });
  return counts;
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Serious and critical axe violations, in light and dark at 390 and 1280 px, one line each. */
export async function axeEverywhere(profile, screen) {
  const found = [];
  for (const scheme of ['light', 'dark']) {
    for (const width of [390, 1280]) {
      await profile.page.setViewportSize({ width, height: 900 });
      await profile.page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const results = await new AxeBuilder({ page: profile.page }).withTags(AXE_TAGS).analyze();
      for (const v of results.violations) {
        if (v.impact === 'serious' || v.impact === 'critical') {
          found.push(`${screen} (${scheme}, ${width} px): ${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        }
      }
      const sideways = await profile.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      if (sideways) found.push(`${screen} (${scheme}, ${width} px): the page scrolls sideways`);
    }
  }
  await profile.page.setViewportSize({ width: 1280, height: 900 });
  await profile.page.emulateMedia({ colorScheme: 'light' });
  return found;
}
