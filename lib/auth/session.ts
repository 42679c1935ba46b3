import { cache } from "react";
import { redirect } from "next/navigation";
import { forbidden } from "@/lib/validation/refusal";
import { auth } from "@/lib/auth/config";
import { db } from "@/lib/db";
import { mayEnter, type Area } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";

export type { CurrentUser };

/**
 * The signed-in user, re-read from the database (once per request): a deactivated user, one
 * whose role changed since signing in (session version bumped), and a session that was signed
 * out (its id in ended_session: the cookie may have been copied before) have no session. A token
 * without a session id (issued before sign-out ended sessions) is refused too.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await auth()) as { uid?: unknown; sv?: unknown; sid?: unknown } | null;
  const id = Number(session?.uid);
  const sid = session?.sid;
  if (!Number.isInteger(id) || id <= 0 || typeof sid !== "string" || !sid) return null;
  const user = await findSessionUser(id, sid);
  if (!user || user.ended || !user.active || user.sessionVersion !== Number(session?.sv)) return null;
  const { active: _active, sessionVersion: _sv, ended: _ended, unverifiedPhone, ...current } = user;
  // `phone` is only ever a proven number. An account still proving its number is linked to no
  // household member: linking follows verification, never precedes it (docs/decisions/0007).
  return unverifiedPhone && !current.phone ? { ...current, memberId: null } : current;
});

type SessionUserRow = CurrentUser & {
  unverifiedPhone: string | null;
  active: boolean;
  sessionVersion: number;
  ended: boolean;
};

/**
 * The user and whether this session was signed out (lib/auth/ended-session.ts), in one statement:
 * every page and every action starts here, so it costs one round trip, not two.
 */
async function findSessionUser(id: number, sid: string): Promise<SessionUserRow | null> {
  const [row] = await db.$queryRaw<SessionUserRow[]>`
    SELECT u.id, u.name, u.role::text AS role, u.commune_id AS "communeId", u.member_id AS "memberId",
      u.username, u.phone, u.unverified_phone AS "unverifiedPhone", u.active, u.session_version AS "sessionVersion",
      EXISTS (SELECT 1 FROM ended_session e WHERE e.id = ${sid}) AS ended
    FROM app_user u WHERE u.id = ${id}`;
  return row ?? null;
}

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** The signed-in user if their role may enter `area`; otherwise 403 (app/forbidden.tsx says why). */
export async function requireArea(area: Area): Promise<CurrentUser> {
  const user = await requireUser();
  if (!mayEnter(user.role, area)) forbidden();
  return user;
}
