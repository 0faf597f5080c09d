/* The site's service worker (written to dist/sw.js by vite.config.ts): every file of the
   build is cached when the page first loads, then served from the cache, so the checker
   keeps working with the network off. Nothing is sent anywhere: it only answers GET
   requests for the site's own files. */
/* global self, caches, fetch, URL */
// replaced by the build: the cache's name, and the files of the site
const CACHE = 'xxgk-web-dev';
const FILES = ['./'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new URL(file, self.registration.scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('xxgk-web-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: true });
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (error) {
        if (request.mode === 'navigate') {
          const page = await cache.match(new URL('./', self.registration.scope).href);
          if (page) return page;
        }
        throw error;
      }
    }),
  );
});
