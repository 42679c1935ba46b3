import { describe, expect, it } from "vitest";
// @ts-expect-error -- Next.js matches rewrites' sources with its own copy, which ships no types.
import { pathToRegexp } from "next/dist/compiled/path-to-regexp";
import { CACHED_PAGES, cachedPageRewrites, servedFromCache } from "@/lib/cache/cached-pages";

const none = () => false;

describe("which requests get a cached public page", () => {
  it("the proxy's rule and the rewrites name the same pages", () => {
    const samples = ["/", "/schedule", "/schedule/12", "/schedule/cancel", "/schedule/12/ics", "/progress", "/privacy"];
    for (const path of [...samples, "/login", "/register", "/households", "/schedule/1234567890", "/loginx"]) {
      const rewritten = cachedPageRewrites().some((r) => pathToRegexp(r.source).test(path));
      expect(servedFromCache(path, new URLSearchParams(), none), path).toBe(rewritten);
    }
    expect(CACHED_PAGES.length * 2).toBe(cachedPageRewrites().length);
  });

  it("never for a signed-in visitor, a filtered schedule or a sign-in with somewhere to go", () => {
    expect(servedFromCache("/schedule", new URLSearchParams(), (c) => c === "authjs.session-token")).toBe(false);
    expect(servedFromCache("/schedule", new URLSearchParams("topic=ai"), none)).toBe(false);
    expect(servedFromCache("/login", new URLSearchParams("next=/volunteer"), none)).toBe(false);
    expect(servedFromCache("/schedule", new URLSearchParams("utm_source=zalo"), none)).toBe(true);
    for (const r of cachedPageRewrites()) {
      expect(r.missing.map((m) => m.key)).toEqual(expect.arrayContaining(["authjs.session-token", "topic", "next"]));
    }
  });

  it("sends English visitors to the English copy, everyone else to the Vietnamese one", () => {
    const schedule = cachedPageRewrites().filter((r) => r.source === "/schedule");
    expect(schedule).toEqual([
      expect.objectContaining({ destination: "/cached/en/schedule", has: [{ type: "cookie", key: "NEXT_LOCALE", value: "en" }] }),
      expect.objectContaining({ destination: "/cached/vi/schedule" }),
    ]);
    expect(cachedPageRewrites().find((r) => r.source === "/")?.destination).toBe("/cached/en");
    expect(cachedPageRewrites().find((r) => r.source.startsWith("/schedule/:id"))?.destination).toBe("/cached/en/schedule/:id");
  });
});
