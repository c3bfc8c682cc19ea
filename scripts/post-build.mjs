// Finishes a build in place (Trunk's post_build hook, or by hand: node scripts/post-build.mjs DIR).
//
// 1. Content-Security-Policy: hashes every inline <script> of index.html (Trunk's loader, and the
//    live-reload script under `trunk serve`) and writes a strict policy into a <meta> tag.
// 2. Service worker: writes sw.js with the list of every file of the build and a version derived
//    from their contents, so that the precache list is never written by hand and every build that
//    changes a byte gets a new cache.
// Running it twice on the same directory gives the same result.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORKER = 'sw.js';
/** Files of the build that the app never loads: pictures for the README, and the source copy of the
 * style sheet (copy-dir ships it; the page links Trunk's hashed copy). */
const NOT_PRECACHED = [/^static\/readme\//, /^static\/style\.css$/];

export function policy(scriptHashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const sha256 = (data, encoding) => createHash('sha256').update(data).digest(encoding);

export function withPolicy(html) {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inline.map((s) => sha256(s, 'base64')))}" />`;
  const cleaned = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  // The policy must come before anything it governs: right after the charset.
  const at = cleaned.search(/<meta charset[^>]*>/i);
  if (at < 0) throw new Error('index.html has no <meta charset>: nowhere to put the policy');
  const end = cleaned.indexOf('>', at) + 1;
  return `${cleaned.slice(0, end)}\n    ${meta}${cleaned.slice(end)}`;
}

async function files(dir, base = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(full, base)));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/** Under `trunk serve` (a debug build) no worker may cache anything: this one removes a worker a
 * release build left on the same origin, with its caches, and reloads the pages it served. */
const RETIRING_WORKER = `// Debug build: retires any Sitrep service worker on this origin (see scripts/post-build.mjs).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('sitrep-')) await caches.delete(key);
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
`;

export async function finishBuild(dir, { debug = false } = {}) {
  const indexPath = path.join(dir, 'index.html');
  await writeFile(indexPath, withPolicy(await readFile(indexPath, 'utf8')));
  if (debug) {
    await writeFile(path.join(dir, WORKER), RETIRING_WORKER);
    return { version: 'debug', precache: [] };
  }
  const precache = (await files(dir)).filter((f) => f !== WORKER && !NOT_PRECACHED.some((re) => re.test(f)));
  const template = await readFile(path.join(HERE, 'service-worker.js'), 'utf8');
  const digest = createHash('sha256').update(template);
  for (const file of precache) digest.update(`${file}\0${sha256(await readFile(path.join(dir, file)), 'hex')}\0`);
  const version = digest.digest('hex').slice(0, 16);
  const worker = template
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace("['__PRECACHE__']", JSON.stringify(precache));
  await writeFile(path.join(dir, WORKER), worker);
  return { version, precache };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node scripts/post-build.mjs DIR (or run as a Trunk post_build hook)');
    process.exit(2);
  }
  const { version, precache } = await finishBuild(dir, { debug: process.env.TRUNK_PROFILE === 'debug' });
  console.log(`[post-build] CSP written; sw.js version ${version} precaches ${precache.length} files`);
}
