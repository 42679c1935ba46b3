// Next.js's cache handler (next.config.ts `cacheHandler`): where the public pages that show no
// personal data are kept once rendered (app/cached/, reached through the rewrites of
// lib/cache/cached-pages.ts). Ours, in place of Next.js's file-system one, for two rules
// (docs/decisions/0025):
// - a page is never served older than MAX_AGE_MS: past that it is rendered again before it is
//   served (Next.js alone would serve the stale copy once more while it renders);
// - each page is stored with its Content-Security-Policy, whose script-src lists the hashes of
//   the page's own trusted inline scripts (a nonce cannot be fresh on a page served many times).
// Kept in this process's memory, a bounded LRU: each app server renders its own copies. A drop
// (revalidateTag, which publicPagesChanged() reaches) is shared through PostgreSQL, so that every
// app server behind the proxy drops its copies too (docs/decisions/0027): the server that drops
// records the tags in page_cache_invalidation with a new version; every server reads the versions
// newer than the last it saw before it serves a cached page, at most once every SYNC_MS.
import pg from "pg";
import { LRUCache } from "lru-cache";
import { contentSecurityPolicy, inlineScriptHashes, policyOptions } from "../security/csp.mjs";

export const MAX_AGE_MS = 60_000;
export const SYNC_MS = 1_000;
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

function dropTags(tags) {
  const gone = new Set(tags);
  for (const [key, entry] of entries.entries()) {
    if (entry.tags.some((t) => gone.has(t))) entries.delete(key);
  }
}

// The database the portal uses (the pooler's address when there is one). None at build time: the
// cache is then this process's alone.
let pool;
function sharedPool() {
  if (pool === undefined) {
    const connectionString = process.env.DATABASE_URL;
    pool = connectionString
      ? new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 1_000, query_timeout: 1_000, allowExitOnIdle: true })
      : null;
    pool?.on("error", () => {}); // an idle connection cut by the server: the next query opens another
  }
  return pool;
}

const shared = { seen: null, lastSync: 0, syncing: null };

/** Drops this server's copies of the tags other servers dropped since the last look. */
async function syncDrops() {
  const db = sharedPool();
  if (!db || Date.now() - shared.lastSync < SYNC_MS) return;
  shared.syncing ??= (async () => {
    try {
      if (shared.seen === null) {
        // A process starting holds no copies: only the versions from now on concern it.
        const { rows } = await db.query("SELECT coalesce(max(version), 0)::text AS v FROM page_cache_invalidation");
        shared.seen = rows[0].v;
      } else {
        const { rows } = await db.query(
          "SELECT tag, version::text AS v FROM page_cache_invalidation WHERE version > $1::bigint ORDER BY version",
          [shared.seen],
        );
        if (rows.length > 0) {
          dropTags(rows.map((r) => r.tag));
          shared.seen = rows[rows.length - 1].v;
        }
      }
    } catch {
      // The database out of reach: serve what is held; no copy outlives MAX_AGE_MS anyway.
    } finally {
      shared.lastSync = Date.now();
      shared.syncing = null;
    }
  })();
  await shared.syncing;
}

export default class PageCache {
  async get(key) {
    await syncDrops();
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
    const gone = [tags].flat().filter(Boolean);
    dropTags(gone);
    const db = sharedPool();
    if (!db || gone.length === 0) return;
    try {
      await db.query(
        `INSERT INTO page_cache_invalidation (tag) SELECT unnest($1::text[])
         ON CONFLICT (tag) DO UPDATE SET version = nextval('page_cache_invalidation_version_seq')`,
        [gone],
      );
    } catch (err) {
      // The change itself is saved; the other servers' copies then live out their MAX_AGE_MS.
      console.error(`[page cache] could not share a drop with the other servers: ${err?.message ?? err}`);
    }
  }

  resetRequestCache() {}
}
