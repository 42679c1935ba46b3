import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import {
  ALL_CLIENTS_FACTOR,
  clientIp,
  hitFormLimit,
  hitRateLimit,
  hitSlidingCounter,
  rateLimitKey,
  rateLimitSubject,
  trustedProxyHops,
} from "@/lib/security/rate-limit";
import { stampSocketAddresses } from "@/lib/security/socket-address";

/** Runs `fn` as a deployment that left TRUSTED_PROXY_HOPS unset (the test setup sets it to 1). */
async function withoutHopsSetting(fn: () => unknown): Promise<void> {
  const saved = process.env.TRUSTED_PROXY_HOPS;
  delete process.env.TRUSTED_PROXY_HOPS;
  try {
    await fn();
  } finally {
    if (saved === undefined) delete process.env.TRUSTED_PROXY_HOPS;
    else process.env.TRUSTED_PROXY_HOPS = saved;
  }
}

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

  it("keys by the entry the trusted proxies wrote, else local", () => {
    // One trusted proxy: the entry it appended (the rightmost) is the client; the rest may be forged.
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.1" }), 2)).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }), 3)).toBe("203.0.113.9");
    expect(clientIp(new Headers(), 1)).toBe("local");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.2" }), 1)).toBe("198.51.100.2");
  });

  it("without a proxy (the default) keys by the socket's address over HTTP, whatever X-Forwarded-For says", async () => {
    stampSocketAddresses();
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      withoutHopsSetting(() => {
        expect(trustedProxyHops()).toBe(0);
        seen.push(clientIp(headers), rateLimitKey("signup", headers));
      }).then(() => res.end("ok"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      // A forged address, in every header a client can write.
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7", "x-portal-socket-address": "6.6.6.8" },
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1", "signup:127.0.0.1"]);
    // Outside a stamped request (a script, a test) there is no address to trust.
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.7, 203.0.113.3" }), 0)).toBe("local");
    expect(clientIp(new Headers(), 0)).toBe("local");
  });

  it("keeps phone numbers out of keys: a keyed hash, stable for one secret", () => {
    const a = rateLimitSubject("0390320962", "secret-1");
    expect(a).toBe(rateLimitSubject("0390320962", "secret-1"));
    expect(a).not.toContain("0390320962");
    expect(a).not.toBe(rateLimitSubject("0390320962", "secret-2"));
    expect(a).not.toBe(rateLimitSubject("0390320963", "secret-1"));
  });

  it("a sliding counter is forgotten a window after the last hit, not the first", async () => {
    const t0 = new Date("2026-03-01T02:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect(await hitSlidingCounter("slide", 60, t0)).toMatchObject({ count: 1, resetAt: at(60) });
    expect(await hitSlidingCounter("slide", 60, at(50))).toMatchObject({ count: 2, resetAt: at(110) });
    expect(await hitSlidingCounter("slide", 60, at(100))).toMatchObject({ count: 3, resetAt: at(160) });
    expect(await hitSlidingCounter("slide", 60, at(161))).toMatchObject({ count: 1, resetAt: at(221) });
  });

  it("reads TRUSTED_PROXY_HOPS as a small whole number, anything else as 0", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "" })).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "1" })).toBe(1);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "2" })).toBe(2);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "-1" })).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "1.5" })).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "yes" })).toBe(0);
  });

  it("many addresses (a botnet) get a count each but not past the ceiling for all clients", async () => {
    const now = new Date();
    const form = `forge-${now.getTime()}`;
    const limit = { limit: 2, windowSeconds: 60 };
    const ceiling = limit.limit * ALL_CLIENTS_FACTOR;
    const results: boolean[] = [];
    for (let i = 0; i < ceiling + 5; i++) {
      const h = new Headers({ "x-forwarded-for": `10.${Math.floor(i / 250)}.${i % 250}.1` });
      results.push((await hitFormLimit(form, h, limit, now)).ok);
    }
    expect(results.filter(Boolean)).toHaveLength(ceiling);
    expect(results.slice(ceiling)).toEqual([false, false, false, false, false]);
  });

  it("one client's own limit trips first and does not use up everyone's", async () => {
    const now = new Date();
    const form = `own-${now.getTime()}`;
    const limit = { limit: 3, windowSeconds: 60 };
    const me = new Headers({ "x-forwarded-for": "203.0.113.50" });
    const mine: boolean[] = [];
    for (let i = 0; i < 10; i++) mine.push((await hitFormLimit(form, me, limit, now)).ok);
    expect(mine).toEqual([true, true, true, false, false, false, false, false, false, false]);
    // Only the 3 accepted uses counted against all clients: another client is unaffected.
    const other = await hitFormLimit(form, new Headers({ "x-forwarded-for": "203.0.113.51" }), limit, now);
    expect(other.ok).toBe(true);
    expect((await hitRateLimit(`${form}:*`, 1_000, 60, now)).count).toBe(5);
  });
});
