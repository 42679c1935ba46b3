// Personal values never reach the audit trail in clear. The trail is append-only, so a value
// written there could never be erased (Law 91/2025: a resident's erasure must leave nothing that
// names them). What it keeps instead is a keyed hash: equal values give equal codes, so an
// administrator can still see that a field changed, and match one phone across rows, but nobody
// without the server's secret can test a guess (a phone number has only a billion values).
import "server-only";
import { createHmac } from "node:crypto";

/**
 * Field names whose values identify a person: names, phones, addresses, free text, birth years,
 * and `q`, the search text of an export (typed to find a person by name or phone). The migration
 * `*_audit_personal_values` hid these fields' clear values in rows written before.
 */
export const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  "name",
  "fullName",
  "headName",
  "username",
  "phone",
  "unverifiedPhone",
  "recipient",
  "address",
  "notes",
  "reason",
  "birthYear",
  "headBirthYear",
  "q",
]);

/** How a hashed value starts, so the audit view and its readers can tell it from a clear one. */
export const HASH_PREFIX = "hmac:";

function auditKey(): string {
  const secret = process.env.AUTH_SECRET;
  if (secret) return secret;
  // `npm start` refuses to run without AUTH_SECRET; tests and development share a fixed key.
  if (process.env.NODE_ENV === "production")
    throw new Error("AUTH_SECRET is not set: the audit trail cannot hash personal values");
  return "development-only audit key";
}

/** The keyed hash (HMAC-SHA256 with AUTH_SECRET) the audit trail keeps for a personal value. */
export function personalHash(value: unknown): string {
  const digest = createHmac("sha256", auditKey())
    .update(`audit\u0000${JSON.stringify(value)}`)
    .digest("hex");
  return HASH_PREFIX + digest.slice(0, 16);
}

/**
 * A copy of `value` with every personal field's value, at any depth, replaced by its keyed hash.
 * Empty values (null, "") stay as they are: that a field was empty names nobody.
 */
export function hashPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hashPersonal);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      PERSONAL_KEYS.has(k) && v !== null && v !== undefined && v !== ""
        ? personalHash(v instanceof Date ? v.toISOString() : v)
        : hashPersonal(v),
    ]),
  );
}
