import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { CurrentUser } from "@/lib/auth/user";
import type { DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPersonal } from "@/lib/audit/personal";
import { clientIp } from "@/lib/security/rate-limit";

/** A record's values as the audit trail keeps them: plain JSON, dates as ISO strings. */
export type AuditValues = Record<string, unknown>;

/** Values before and after a write. For an update, only the fields that changed (see `changes`). */
export type AuditChange = { before?: AuditValues | null; after?: AuditValues | null };

// Never written to the audit trail, whatever a caller passes (a hash is still a secret).
const SECRET_KEYS = new Set(["passwordHash", "password_hash", "password", "confirm", "token", "secret"]);

/** Secrets dropped, dates as ISO strings, personal values as keyed hashes (lib/audit/personal.ts). */
function clean(values: AuditValues | null | undefined): Prisma.InputJsonValue | undefined {
  if (!values) return undefined;
  const out: Record<string, Prisma.InputJsonValue | null> = {};
  for (const [k, v] of Object.entries(values)) {
    if (SECRET_KEYS.has(k) || v === undefined) continue;
    out[k] = (v instanceof Date ? v.toISOString() : v) as Prisma.InputJsonValue | null;
  }
  return hashPersonal(out) as Prisma.InputJsonValue;
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? new Date(a as Date).getTime() === new Date(b as Date).getTime()
    : JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of `keys` that differ between `before` and `after`, as the audit trail's before and
 * after: an update records what changed, not the whole row.
 */
export function changes<T extends AuditValues, K extends keyof T & string>(
  before: T,
  after: Partial<T>,
  keys: readonly K[],
): { before: AuditValues; after: AuditValues; changed: K[] } {
  const changed = keys.filter((k) => k in after && !same(before[k], after[k]));
  return {
    before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(changed.map((k) => [k, after[k] ?? null])),
    changed,
  };
}

/**
 * Where the request came from: the client address (as the rate limits see it) and the browser's
 * user agent. Null outside a request (a script, a job, a test).
 */
async function origin(): Promise<{ ip: string | null; userAgent: string | null }> {
  try {
    const h = await headers();
    return { ip: clientIp(h), userAgent: h.get("user-agent")?.slice(0, 300) ?? null };
  } catch (err) {
    // Next's own signals (e.g. a prerender bailing out to dynamic rendering) must pass through.
    unstable_rethrow(err);
    return { ip: null, userAgent: null };
  }
}

/**
 * Records who did what to which record, when and from where, with the values before and after
 * (Law 91/2025: log who read or changed personal data). Call it inside the same transaction as
 * the write it records. The table is append-only (a trigger refuses UPDATE, DELETE, TRUNCATE), so
 * personal values in `details` and in before/after are kept only as keyed hashes.
 */
export async function audit(
  tx: DbClient,
  // The acting user; `id: null` for an anonymous visitor (a public class sign-up or cancellation).
  user: { id: number | null; communeId: CurrentUser["communeId"] },
  action: string,
  entity: string,
  entityId: string | number | null,
  details?: Prisma.InputJsonValue,
  change?: AuditChange,
): Promise<void> {
  const { ip, userAgent } = await origin();
  await tx.auditLog.create({
    data: {
      communeId: user.communeId,
      actorId: user.id,
      action,
      entity,
      entityId: entityId === null ? null : String(entityId),
      details: details === undefined ? undefined : (hashPersonal(details) as Prisma.InputJsonValue),
      before: clean(change?.before),
      after: clean(change?.after),
      ip,
      userAgent,
    },
  });
}
