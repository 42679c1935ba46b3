import { afterEach, describe, expect, it, vi } from "vitest";
import PageCache, { MAX_AGE_MS } from "@/lib/cache/page-cache.mjs";

const page = (html: string, tags = "_N_T_/layout,_N_T_/cached/layout,_N_T_/cached/vi/schedule") => ({
  kind: "APP_PAGE",
  html,
  rscData: Buffer.from(""),
  headers: { "x-next-cache-tags": tags },
  status: 200,
});

afterEach(() => vi.useRealTimers());

describe("the page cache", () => {
  it("stores a page with a policy naming its inline scripts' hashes, on the very object being sent", async () => {
    const cache = new PageCache();
    const data = page('<script>self.__next_f.push([1,"a"])</script>');
    await cache.set("/route-cache/APP_PAGE/x/$/cached/vi/schedule", data, {});
    expect(data.headers).toHaveProperty("content-security-policy");
    const csp = (data.headers as Record<string, string>)["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect((await cache.get("/route-cache/APP_PAGE/x/$/cached/vi/schedule"))?.value).toBe(data);
  });

  it("never serves a page older than a minute", async () => {
    vi.useFakeTimers();
    const cache = new PageCache();
    await cache.set("k-age", page("<p>a</p>"), {});
    vi.advanceTimersByTime(MAX_AGE_MS);
    expect(await cache.get("k-age")).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(await cache.get("k-age")).toBeNull();
  });

  it("drops the pages tagged with a revalidated path, and only those", async () => {
    const cache = new PageCache();
    await cache.set("k-public", page("<p>a</p>"), {});
    await cache.set("k-other", page("<p>b</p>", "_N_T_/layout,_N_T_/privacy"), {});
    await cache.revalidateTag(["_N_T_/cached/layout"]);
    expect(await cache.get("k-public")).toBeNull();
    expect(await cache.get("k-other")).not.toBeNull();
  });
});

describe("the page cache on several app servers", () => {
  it("drops a page on every server when one of them drops it, through the database", async () => {
    const { createTestDatabase } = await import("@/lib/testing/db");
    const database = await createTestDatabase();
    try {
      // Two servers: two instances of the module, each with its own copies, one database.
      vi.resetModules();
      const A = new (await import("@/lib/cache/page-cache.mjs")).default();
      vi.resetModules();
      const B = new (await import("@/lib/cache/page-cache.mjs")).default();
      expect(await B.get("k-none")).toBeNull(); // B's first look: it knows where the versions stand
      await A.set("k-shared", page("<p>a</p>"), {});
      await B.set("k-shared", page("<p>a</p>"), {});
      await B.set("k-other", page("<p>b</p>", "_N_T_/layout,_N_T_/privacy"), {});

      await A.revalidateTag(["_N_T_/cached/layout"]);
      expect(await A.get("k-shared")).toBeNull();
      // B drops its copy within a second (it looks at most once a second), and keeps the other.
      await expect.poll(() => B.get("k-shared"), { timeout: 10_000 }).toBeNull();
      expect(await B.get("k-other")).not.toBeNull();
      const rows = await database.db.$queryRaw<{ tag: string }[]>`SELECT tag FROM page_cache_invalidation`;
      expect(rows).toEqual([{ tag: "_N_T_/cached/layout" }]);

      // A second drop of the same tag is a new version: B drops what it rendered since.
      await B.set("k-shared", page("<p>a2</p>"), {});
      await A.revalidateTag("_N_T_/cached/layout");
      await expect.poll(() => B.get("k-shared"), { timeout: 10_000 }).toBeNull();
    } finally {
      await database.drop();
    }
  });
});
