// Sitrep's service worker. scripts/post-build.mjs fills in VERSION and PRECACHE from each build.
//
// Every file of one build is cached together under that build's version and served from there
// first, so a page never mixes files of two builds and works with no network after the first
// visit. A new build installs beside the running one and waits until the person chooses to reload
// (the page posts "activate-update"); then the old cache is deleted.
const VERSION = '__VERSION__';
const PRECACHE = ['__PRECACHE__'];
const CACHE = `sitrep-${VERSION}`;
const SCOPE = self.registration.scope;
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((file) => new Request(new URL(file, SCOPE).href, { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('sitrep-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  const key = url.href === SCOPE ? INDEX : url.href;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached ?? fetch(request)),
  );
});
