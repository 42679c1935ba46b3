import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { clientIp, hitRateLimit, rateLimitKey } from "@/lib/security/rate-limit";

describe("hitRateLimit", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("trips after the limit and resets when the window has passed", async () => {
    const now = new Date("2026-03-01T01:00:00Z");
    for (let i = 1; i <= 3; i++) expect(await hitRateLimit("signup:1.2.3.4", 3, 60, now)).toMatchObject({ ok: true, count: i });
    expect(await hitRateLimit("signup:1.2.3.4", 3, 60, new Date(now.getTime() + 30_000))).toMatchObject({ ok: false, count: 4 });
    // Another client or another form has its own counter.
    expect(await hitRateLimit("signup:5.6.7.8", 3, 60, now)).toMatchObject({ ok: true, count: 1 });
    expect(await hitRateLimit("cancel:1.2.3.4", 3, 60, now)).toMatchObject({ ok: true, count: 1 });
    const later = new Date(now.getTime() + 61_000);
    const reset = await hitRateLimit("signup:1.2.3.4", 3, 60, later);
    expect(reset).toMatchObject({ ok: true, count: 1 });
    expect(reset.resetAt.getTime()).toBe(later.getTime() + 60_000);
  });

  it("counts concurrent hits exactly (one atomic statement)", async () => {
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit("burst", 10, 60, now)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect((await t.db.rateLimitBucket.findUniqueOrThrow({ where: { key: "burst" } })).count).toBe(20);
  });

  it("keys by the first x-forwarded-for hop, else local", () => {
    // One trusted proxy: the entry it appended (the rightmost) is the client; the rest may be forged.
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.1" }), 2)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }), 3)).toBe("203.0.113.9");
    expect(clientIp(new Headers())).toBe("local");
    expect(rateLimitKey("signup", new Headers({ "x-real-ip": "198.51.100.2" }))).toBe("signup:198.51.100.2");
  });
});
