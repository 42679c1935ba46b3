// The administrator's user management: list the commune's users, end a user's sessions, close or
// reopen an account. Only users of the admin's own commune are in reach (another commune's id is
// "not found"); every change is audited with the values before and after.
import { notFound, Refusal } from "@/lib/validation/refusal";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { db } from "@/lib/db";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import type { Role } from "@/lib/generated/prisma/enums";

export const USERS_PAGE_SIZE = 25;

export const UserListQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ManagedUser = {
  id: number;
  name: string;
  username: string | null;
  phone: string | null;
  /** A number typed at registration and not yet proven (lib/users/phone-verification.ts). */
  unverifiedPhone: string | null;
  role: Role;
  active: boolean;
  lastLoginAt: Date | null;
};

/**
 * The commune's users, by name, searched by name with or without diacritics (or username, phone);
 * a page at a time, or with `{ all: true }` (server code only: exports) every one, up to EXPORT_MAX_ROWS.
 */
export async function listUsers(
  user: CurrentUser,
  query: Partial<Record<"q" | "page", unknown>>,
  { all = false }: ListRows = {},
) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const parsed = UserListQuerySchema.parse(query);
  const q = all ? { ...parsed, page: 1 } : parsed;
  const size = all ? EXPORT_MAX_ROWS : USERS_PAGE_SIZE;
  const pattern = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<ManagedUser[]>`
      SELECT id, name, username, phone, unverified_phone AS "unverifiedPhone", role::text AS role, active, last_login_at AS "lastLoginAt"
      FROM app_user
      WHERE commune_id = ${communeId}
        AND (${q.q}::text = '' OR f_unaccent(name) LIKE f_unaccent(${pattern}::text) OR username = lower(${q.q}::text) OR phone = ${q.q}::text OR unverified_phone = ${q.q}::text)
      ORDER BY name, id
      LIMIT ${size} OFFSET ${(q.page - 1) * size}`,
    db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM app_user
      WHERE commune_id = ${communeId}
        AND (${q.q}::text = '' OR f_unaccent(name) LIKE f_unaccent(${pattern}::text) OR username = lower(${q.q}::text) OR phone = ${q.q}::text OR unverified_phone = ${q.q}::text)`,
  ]);
  const total = Number(counted[0]?.n ?? 0);
  return { rows, total, page: q.page, pages: Math.max(1, Math.ceil(total / size)), query: q };
}

/** One user of the admin's commune, for the confirmation step; 404 for anyone else. */
export async function getManagedUser(user: CurrentUser, id: number): Promise<ManagedUser> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const u = await db.user.findFirst({
    where: { id, communeId },
    select: {
      id: true,
      name: true,
      username: true,
      phone: true,
      unverifiedPhone: true,
      role: true,
      active: true,
      lastLoginAt: true,
    },
  });
  if (!u) notFound();
  return u;
}

export type UserAction = "revoke" | "deactivate" | "activate";

/**
 * Ends a user's sessions (revoke), or closes (deactivate) or reopens (activate) their account.
 * Revoking and closing bump the session version, so every token issued before is refused by
 * getCurrentUser. Acting on oneself needs `confirmSelf` (an admin could lock themselves out):
 * refused "confirmSelf" without it.
 */
export async function manageUser(
  user: CurrentUser,
  targetId: number,
  action: UserAction,
  opts: { confirmSelf?: boolean } = {},
): Promise<void> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  if (targetId === user.id && !opts.confirmSelf) throw new Refusal(null, "confirmSelf");
  await db.$transaction(async (tx) => {
    const current = await tx.user.findFirst({
      where: { id: targetId, communeId },
      select: { id: true, active: true, sessionVersion: true },
    });
    if (!current) notFound();
    const data =
      action === "revoke"
        ? { sessionVersion: { increment: 1 } }
        : action === "deactivate"
          ? { active: false, sessionVersion: { increment: 1 } }
          : { active: true };
    const after = await tx.user.update({ where: { id: current.id }, data, select: { active: true, sessionVersion: true } });
    await audit(tx, user, `user.${action}`, "user", current.id, undefined, {
      before: { active: current.active, sessionVersion: current.sessionVersion },
      after: { active: after.active, sessionVersion: after.sessionVersion },
    });
  });
}
