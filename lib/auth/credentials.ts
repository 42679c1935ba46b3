import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  clearSignInFailures,
  normalizeLogin,
  recordSignInFailure,
  signInLockedUntil,
  type SignInAccount,
} from "@/lib/auth/lockout";
import type { Role } from "@/lib/auth/roles";
import { checkSignInUnlockCode, sendSignInUnlockCode, spendSignInUnlockCode } from "@/lib/users/phone-verification";
import { normalizePhone } from "@/lib/validation/phone";

export type SessionClaims = { id: number; name: string; role: Role; communeId: number | null; sessionVersion: number };

// Compared against when the login is unknown, so that a wrong username costs the same time as a
// wrong password and does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

// Accounts whose password is tried for one login: the proven one and the newest unverified ones.
// Someone who piles accounts onto a stranger's number pushes only unverified accounts out of
// reach; the owner registers again, or is verified in person, and every other one is closed.
const MAX_CANDIDATES = 5;

const SIGN_IN_SELECT = {
  id: true,
  name: true,
  role: true,
  communeId: true,
  sessionVersion: true,
  active: true,
  phone: true,
  passwordHash: true,
} as const;

/** The account holding a login: its username, or its proven phone however it is written. */
async function findSignInUser(login: string) {
  const trimmed = login.trim();
  return db.user.findFirst({
    where: { OR: [{ username: trimmed.toLowerCase() }, { phone: normalizePhone(trimmed) }] },
    select: SIGN_IN_SELECT,
  });
}

/**
 * The account a login names, for counting failed sign-ins: the user, however the login is
 * written (username in any case, phone with spaces, dots or +84), or the normalised login when no
 * user has it. One account, one count.
 */
export async function signInAccount(login: string): Promise<SignInAccount> {
  return accountOf(await findSignInUser(login), login);
}

const accountOf = (user: { id: number; communeId: number | null } | null, login: string): SignInAccount =>
  user ? { userId: user.id, communeId: user.communeId } : { login: normalizeLogin(login) };

/**
 * Checks a login (username or phone number) and password; the claims for the session, or null.
 * While the account or address must wait (lib/auth/lockout.ts), the attempt is refused without
 * checking the password.
 */
export async function authenticate(
  login: string,
  password: string,
  ip = "local",
  now: Date = new Date(),
  unlockCode?: string,
): Promise<SessionClaims | null> {
  const trimmed = login.trim();
  if (!trimmed || !password) return null;
  // Failures count against the account the login names (its proven holder), or the normalised
  // login: an unverified number shared by several accounts is one count, however it is written.
  const holder = await findSignInUser(trimmed);
  const account = accountOf(holder, trimmed);
  // The code sent to the holder's proven number lifts the account's wait (decision 0008).
  const unlocked = Boolean(unlockCode && holder && (await checkSignInUnlockCode(holder, unlockCode, now)));
  if (await signInLockedUntil(account, ip, now, { unlocked })) return null;
  const phone = normalizePhone(trimmed);
  // A number not yet proven may be named by several accounts (docs/decisions/0007): the password
  // tells them apart. The proven holder first, then the newest few unverified ones.
  const candidates = await db.user.findMany({
    where: { OR: [{ username: trimmed.toLowerCase() }, { phone }, { unverifiedPhone: phone, active: true }] },
    orderBy: [{ unverifiedPhone: { sort: "asc", nulls: "first" } }, { id: "desc" }],
    take: MAX_CANDIDATES,
    select: SIGN_IN_SELECT,
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
    await recordSignInFailure(account, ip, now);
    return null;
  }
  await clearSignInFailures(account);
  if (unlocked && holder?.phone && user.id === holder.id) await spendSignInUnlockCode({ id: holder.id, phone: holder.phone });
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, name: user.name, role: user.role, communeId: user.communeId, sessionVersion: user.sessionVersion };
}

/**
 * "Send me an unlock code" on the sign-in form: sent only to the proven number of the account the
 * login names, and only while that account must wait; the form's answer is the same whatever
 * happens, so it tells nobody which logins exist or have a number.
 */
export async function requestSignInUnlock(login: string, ip = "local", now: Date = new Date()): Promise<void> {
  const trimmed = login.trim();
  if (!trimmed) return;
  const holder = await findSignInUser(trimmed);
  if (!holder || !(await signInLockedUntil(accountOf(holder, trimmed), ip, now))) return;
  await sendSignInUnlockCode(holder, now);
}
