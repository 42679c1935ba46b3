import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { normalizePhone } from "@/lib/validation/phone";
import { clearSignInFailures, recordSignInFailure, signInLockedUntil } from "@/lib/auth/lockout";
import type { Role } from "@/lib/auth/roles";

export type SessionClaims = { id: number; name: string; role: Role; communeId: number | null; sessionVersion: number };

// Compared against when the login is unknown, so that a wrong username costs the same time as a
// wrong password and does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

// Accounts whose password is tried for one login: the proven one and the newest unverified ones.
// Someone who piles accounts onto a stranger's number pushes only unverified accounts out of
// reach; the owner registers again, or is verified in person, and every other one is closed.
const MAX_CANDIDATES = 5;

/**
 * Checks a login (username or phone number) and password; the claims for the session, or null.
 * A locked login or address is refused without checking the password (lib/auth/lockout.ts).
 */
export async function authenticate(
  login: string,
  password: string,
  ip = "local",
  now: Date = new Date(),
): Promise<SessionClaims | null> {
  const trimmed = login.trim();
  if (!trimmed || !password) return null;
  if (await signInLockedUntil(trimmed, ip, now)) return null;
  const phone = normalizePhone(trimmed);
  // A number not yet proven may be named by several accounts (docs/decisions/0007): the password
  // tells them apart. The proven holder first, then the newest few unverified ones.
  const candidates = await db.user.findMany({
    where: { OR: [{ username: trimmed.toLowerCase() }, { phone }, { unverifiedPhone: phone, active: true }] },
    orderBy: [{ unverifiedPhone: { sort: "asc", nulls: "first" } }, { id: "desc" }],
    take: MAX_CANDIDATES,
    select: { id: true, name: true, role: true, communeId: true, sessionVersion: true, active: true, passwordHash: true },
  });
  let user: (typeof candidates)[number] | undefined;
  for (const c of candidates) {
    if (await verifyPassword(password, c.passwordHash)) {
      user = c;
      break;
    }
  }
  if (candidates.length === 0) await verifyPassword(password, await (dummyHash ??= hashPassword("unused")));
  if (!user || !user.active) {
    await recordSignInFailure(trimmed, ip, now);
    return null;
  }
  await clearSignInFailures(trimmed);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, name: user.name, role: user.role, communeId: user.communeId, sessionVersion: user.sessionVersion };
}
