// Next.js's cache handler (next.config.ts `cacheHandler`): where the public pages that show no
// personal data are kept once rendered (app/cached/, reached through the rewrites of
// lib/cache/cached-pages.ts). Ours, in place of Next.js's file-system one, for two rules
// (docs/decisions/0025):
// - a page is never served older than MAX_AGE_MS: past that it is rendered again before it is
//   served (Next.js alone would serve the stale copy once more while it renders);
// - each page is stored with its Content-Security-Policy, whose script-src lists the hashes of
//   the page's own trusted inline scripts (a nonce cannot be fresh on a page served many times).
// Kept in this process's memory, a bounded LRU: each app server renders its own copies.
import { LRUCache } from "lru-cache";
import { contentSecurityPolicy, inlineScriptHashes, policyOptions } from "../security/csp.mjs";

export const MAX_AGE_MS = 60_000;
const TAGS_HEADER = "x-next-cache-tags";

const entries = new LRUCache({
  // Bytes of HTML and RSC payload; a page is some 10–40 KB.
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (e) => 1 + (e.value?.html?.length ?? 0) + (e.value?.rscData?.byteLength ?? 0),
});

function tagsOf(data, ctx) {
  const fromHeader = data?.headers?.[TAGS_HEADER];
  return [...(ctx?.tags ?? []), ...(typeof fromHeader === "string" ? fromHeader.split(",") : [])].filter(Boolean);
}

export default class PageCache {
  async get(key) {
    const entry = entries.get(key);
    if (!entry) return null;
    if (Date.now() - entry.lastModified > MAX_AGE_MS) {
      entries.delete(key);
      return null;
    }
    return entry;
  }

  async set(key, data, ctx) {
    if (!data) {
      entries.delete(key);
      return;
    }
    if (data.kind === "APP_PAGE" && typeof data.html === "string") {
      // In place: the response being sent from this render carries the same headers object.
      data.headers ??= {};
      data.headers["content-security-policy"] = contentSecurityPolicy(inlineScriptHashes(data.html), policyOptions());
    }
    entries.set(key, { value: data, lastModified: Date.now(), tags: tagsOf(data, ctx) });
  }

  async revalidateTag(tags) {
    const gone = new Set([tags].flat());
    for (const [key, entry] of entries.entries()) {
      if (entry.tags.some((t) => gone.has(t))) entries.delete(key);
    }
  }

  resetRequestCache() {}
}
