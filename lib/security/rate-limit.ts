import "server-only";
import { createHmac } from "node:crypto";
import { db, type DbClient } from "@/lib/db";
import { socketAddressHeader } from "@/lib/security/socket-address";

export type RateLimitResult = { ok: boolean; count: number; resetAt: Date };

/**
 * Counts one hit on a fixed-window counter kept in PostgreSQL (so every app server shares it) and
 * says whether the caller is still within `limit` hits per `windowSeconds`. One atomic statement:
 * two requests at once cannot both read the old count. A window that has ended starts over.
 * Generic: the key names what is limited, e.g. `signup:<ip>` or `login:<ip>`.
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date = new Date(),
  client: DbClient = db,
): Promise<RateLimitResult> {
  const resetAt = new Date(now.getTime() + windowSeconds * 1000);
  const rows = await (client as typeof db).$queryRaw<{ count: number; reset_at: Date }[]>`
    INSERT INTO rate_limit_bucket (key, count, reset_at) VALUES (${key}, 1, ${resetAt})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_bucket.reset_at <= ${now} THEN 1 ELSE rate_limit_bucket.count + 1 END,
      reset_at = CASE WHEN rate_limit_bucket.reset_at <= ${now} THEN EXCLUDED.reset_at ELSE rate_limit_bucket.reset_at END
    RETURNING count, reset_at`;
  const row = rows[0];
  return { ok: row.count <= limit, count: row.count, resetAt: row.reset_at };
}

/**
 * Counts one event on a counter that is forgotten `windowSeconds` after the LAST event (a fixed
 * window, as in hitRateLimit, is forgotten that long after the first): for failures that should
 * be remembered for as long as they keep coming. `resetAt - windowSeconds` is the last event.
 */
export async function hitSlidingCounter(
  key: string,
  windowSeconds: number,
  now: Date = new Date(),
  client: DbClient = db,
): Promise<{ count: number; resetAt: Date }> {
  const resetAt = new Date(now.getTime() + windowSeconds * 1000);
  const rows = await (client as typeof db).$queryRaw<{ count: number; reset_at: Date }[]>`
    INSERT INTO rate_limit_bucket (key, count, reset_at) VALUES (${key}, 1, ${resetAt})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_bucket.reset_at <= ${now} THEN 1 ELSE rate_limit_bucket.count + 1 END,
      reset_at = GREATEST(rate_limit_bucket.reset_at, EXCLUDED.reset_at)
    RETURNING count, reset_at`;
  return { count: rows[0].count, resetAt: rows[0].reset_at };
}

/** Reverse proxies in front of the portal (TRUSTED_PROXY_HOPS): 0 unless configured. */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS;
  const n = Number(raw ?? "");
  return raw !== undefined && raw.trim() !== "" && Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/**
 * The client's address, for rate-limit keys and the audit trail. With no proxy in front
 * (TRUSTED_PROXY_HOPS=0, the default) it is the socket's peer (lib/security/socket-address.ts),
 * and X-Forwarded-For and X-Real-IP are ignored entirely: the client writes them and can put
 * anything there ("local" outside an HTTP request, or before the server stamps addresses). A reverse
 * proxy appends the address it received the request from to X-Forwarded-For; entries to the left
 * of what our own proxies wrote come from the client and can be forged. So with
 * TRUSTED_PROXY_HOPS proxies in front (nginx before `npm start` is 1), the client is the entry
 * that many places from the right.
 */
export function clientIp(headers: Headers, hops: number = trustedProxyHops()): string {
  if (hops === 0) {
    const name = socketAddressHeader();
    return (name && headers.get(name)?.trim().slice(0, 64)) || "local";
  }
  const list = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length > 0) return list[Math.max(0, list.length - hops)].slice(0, 64);
  const real = headers.get("x-real-ip")?.trim();
  return real ? real.slice(0, 64) : "local";
}

/** A rate-limit key for one form from one client. */
export function rateLimitKey(form: string, headers: Headers): string {
  return `${form}:${clientIp(headers)}`;
}

/**
 * A value that must not sit in a rate-limit key as itself (a phone number, a login), as a keyed
 * hash: the counters table then holds no personal data, and without AUTH_SECRET a key cannot be
 * matched to a phone number by hashing all of them (there are only a billion).
 */
export function rateLimitSubject(value: string, secret: string = process.env.AUTH_SECRET ?? "portal-without-secret"): string {
  return createHmac("sha256", secret).update(value).digest("base64url").slice(0, 32);
}

/** How many times one client's limit all clients together may use a public form per window. */
export const ALL_CLIENTS_FACTOR = 50;

/**
 * Counts one use of a public form: against the client's own limit, then against the ceiling for
 * all clients together (ALL_CLIENTS_FACTOR × the limit), which a forged address cannot dodge.
 * A use refused by the client's own limit does not count against everyone's.
 */
export async function hitFormLimit(
  form: string,
  headers: Headers,
  limit: { limit: number; windowSeconds: number },
  now: Date = new Date(),
  client: DbClient = db,
): Promise<{ ok: boolean; count: number; resetAt: Date }> {
  const own = await hitRateLimit(rateLimitKey(form, headers), limit.limit, limit.windowSeconds, now, client);
  if (!own.ok) return own;
  const all = await hitRateLimit(`${form}:*`, limit.limit * ALL_CLIENTS_FACTOR, limit.windowSeconds, now, client);
  return all.ok ? own : all;
}

export { CANCEL_LIMIT, REGISTER_LIMIT, SIGNUP_LIMIT } from "@/lib/security/limits";

/** The current count of a window without counting a hit (0 when none or ended). */
export async function peekRateLimit(
  key: string,
  now: Date = new Date(),
  client: DbClient = db,
): Promise<{ count: number; resetAt: Date | null }> {
  const row = await (client as typeof db).rateLimitBucket.findUnique({ where: { key } });
  if (!row || row.resetAt <= now) return { count: 0, resetAt: null };
  return { count: row.count, resetAt: row.resetAt };
}

export async function clearRateLimit(key: string, client: DbClient = db): Promise<void> {
  await (client as typeof db).rateLimitBucket.deleteMany({ where: { key } });
}
