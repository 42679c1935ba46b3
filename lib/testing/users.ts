// Users as lib functions receive them, for tests: built from a real user row the way
// lib/auth/session.ts builds the signed-in user, so a test calls lib functions as that user would.
import type { CurrentUser } from "@/lib/auth/user";
import type { Db } from "@/lib/db";

/** A user row, or the part of one a test selected: a missing memberId, username or phone is null. */
export type UserRowLike = Pick<CurrentUser, "id" | "name" | "role" | "communeId"> &
  Partial<Pick<CurrentUser, "memberId" | "username" | "phone">>;

/** The CurrentUser of this row, and nothing else of it (no password hash, no session version). */
export function currentUserOf(row: UserRowLike): CurrentUser {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    communeId: row.communeId,
    memberId: row.memberId ?? null,
    username: row.username ?? null,
    phone: row.phone ?? null,
  };
}

/** The CurrentUser of the user with this username (e.g. the demo data's "official"). */
export async function currentUserByUsername(db: Db, username: string): Promise<CurrentUser> {
  return currentUserOf(await db.user.findUniqueOrThrow({ where: { username } }));
}
