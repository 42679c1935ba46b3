/// <reference lib="webworker" />
// The service worker, built by scripts/build-sw.ts into public/sw.js (docs/decisions: offline
// volunteer app). Serwist gives the routing, strategies, expiry and precache; what is ours:
// - the build's hashed files (/_next/static) are kept cache-first: they never change;
// - the offline screen (SHELL_PATH) is fetched fresh when online and kept for use offline, together
//   with every script and style it names, when the worker installs and when a page asks;
// - any page asked for with no connection is redirected to that screen. Pages themselves are never
//   kept: they hold personal data, and a kept page would carry a stale nonce. The offline screen
//   carries none and is served with the CSP header it was fetched with, nonce and all.
// Server actions, API calls and everything else go to the network untouched.
import { CacheFirst, ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist, type SerwistPlugin } from "serwist";
import { SHELL_CACHE, SHELL_PATH, STATIC_CACHE } from "../components/offline/names";

declare const self: ServiceWorkerGlobalScope;
/** Set by the build: a new build is a new worker, which fetches the offline screen again. */
declare const SW_REVISION: string;

const keepOnlyGood: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (response.ok && !response.redirected && response.type === "basic" ? response : null),
};

const shellUrl = () => new URL(SHELL_PATH, self.location.origin).href;

const offlineToShell: SerwistPlugin = {
  handlerDidError: async () => {
    const kept = await (await caches.open(SHELL_CACHE)).match(SHELL_PATH, { ignoreVary: true, ignoreSearch: true });
    return kept ? Response.redirect(shellUrl(), 302) : Response.error();
  },
};

const serwist = new Serwist({
  precacheEntries: ["/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png", "/favicon.ico"].map((url) => ({
    url,
    revision: SW_REVISION,
  })),
  skipWaiting: true,
  clientsClaim: true,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({
        cacheName: STATIC_CACHE,
        plugins: [keepOnlyGood, new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 30 * 86_400 })],
      }),
    },
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && url.pathname === SHELL_PATH,
      handler: new NetworkFirst({
        cacheName: SHELL_CACHE,
        networkTimeoutSeconds: 8,
        matchOptions: { ignoreVary: true, ignoreSearch: true },
        plugins: [keepOnlyGood],
      }),
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === "navigate" && !url.pathname.startsWith("/api/") && url.pathname !== "/login",
      handler: new NetworkOnly({ plugins: [offlineToShell] }),
    },
  ],
});

const ASSET = /(?:\/_next\/)?(static\/(?:chunks|css|media)\/[^"'\\\s)?#]+)/g;

/** Keeps the offline screen for the user signed in now, and every file it needs to run. */
async function warmShell(): Promise<void> {
  const response = await fetch(SHELL_PATH, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok || response.redirected) return;
  const html = await response.clone().text();
  const files = new Set([...html.matchAll(ASSET)].map((m) => `/_next/${m[1]}`));
  const cache = await caches.open(STATIC_CACHE);
  const keep = async (url: string) => {
    let file = await cache.match(url);
    if (!file) {
      const fetched = await fetch(url);
      if (!fetched.ok) return;
      await cache.put(url, fetched.clone());
      file = fetched;
    }
    // Fonts named by the style sheets.
    if (url.endsWith(".css"))
      for (const m of (await file.text()).matchAll(ASSET)) if (!files.has(`/_next/${m[1]}`)) await keep(`/_next/${m[1]}`);
  };
  await Promise.all([...files].map(keep));
  await (await caches.open(SHELL_CACHE)).put(SHELL_PATH, response);
}

self.addEventListener("install", (event) => event.waitUntil(warmShell().catch(() => undefined)));
self.addEventListener("message", (event) => {
  if ((event.data as { type?: string } | null)?.type === "warm-shell") event.waitUntil(warmShell().catch(() => undefined));
});

serwist.addEventListeners();
