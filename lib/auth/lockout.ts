// Sign-in attempts are throttled per account, per client address and for all clients together
// (docs/decisions/0008-sign-in-throttling-and-sign-out.md). Per account, failures make the next attempt wait,
// longer after each one but never long: guessing stays hopeless and no stranger can keep the
// real user out for more than a few minutes. Per address, too many failures lock that address.
// Kept in PostgreSQL so every app server agrees; the keys hold no login or phone, only a keyed
// hash of the account.
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { SIGNIN_ACCOUNT_LIMIT, SIGNIN_ADDRESS_LIMIT } from "@/lib/security/limits";
import {
  ALL_CLIENTS_FACTOR,
  clearRateLimit,
  hitRateLimit,
  hitSlidingCounter,
  peekRateLimit,
  rateLimitSubject,
} from "@/lib/security/rate-limit";
import { normalizePhone, VN_MOBILE } from "@/lib/validation/phone";

export { SIGNIN_ACCOUNT_LIMIT, SIGNIN_ADDRESS_LIMIT };

/** Failed sign-ins from all clients together per window: what no set of addresses gets past. */
export const SIGNIN_ALL_CLIENTS_LIMIT = SIGNIN_ADDRESS_LIMIT.limit * ALL_CLIENTS_FACTOR;

/** The account a sign-in is for: the user found, or the normalised login when there is none. */
export type SignInAccount = { userId: number; communeId: number | null } | { login: string };

/**
 * The login as the lookup reads it: a phone number however it is written (`0390 320 962`,
 * `+84390320962`) becomes one number, anything else a lower-case username.
 */
export function normalizeLogin(login: string): string {
  const trimmed = login.trim();
  const phone = normalizePhone(trimmed);
  return VN_MOBILE.test(phone) ? phone : trimmed.toLowerCase();
}

const accountKey = (account: SignInAccount) =>
  `signin-fail:account:${rateLimitSubject("userId" in account ? `user:${account.userId}` : `login:${account.login}`)}`;
const addressKey = (ip: string) => `signin-fail:address:${ip}`;
const ALL_KEY = "signin-fail:*";

/** How long an account waits after its `failures`-th failure (0 while under the limit). */
export function accountDelaySeconds(failures: number): number {
  const { limit, firstDelaySeconds, maxDelaySeconds } = SIGNIN_ACCOUNT_LIMIT;
  if (failures < limit) return 0;
  return Math.min(maxDelaySeconds, firstDelaySeconds * 2 ** Math.min(failures - limit, 20));
}

/**
 * When sign-in may be tried again for this account from this address, or null when it may now.
 * `unlocked`: the account's holder has given the unlock code sent to its proven number, so the
 * account's own wait is lifted for this attempt (the address's and everyone's stay).
 */
export async function signInLockedUntil(
  account: SignInAccount,
  ip: string,
  now: Date = new Date(),
  opts: { unlocked?: boolean } = {},
): Promise<Date | null> {
  const [acct, address, all] = await Promise.all([
    peekRateLimit(accountKey(account), now),
    peekRateLimit(addressKey(ip), now),
    peekRateLimit(ALL_KEY, now),
  ]);
  const ends: Date[] = [];
  if (acct.resetAt && !opts.unlocked) {
    const lastFailure = acct.resetAt.getTime() - SIGNIN_ACCOUNT_LIMIT.windowSeconds * 1000;
    const until = new Date(lastFailure + accountDelaySeconds(acct.count) * 1000);
    if (until > now) ends.push(until);
  }
  if (address.count >= SIGNIN_ADDRESS_LIMIT.limit && address.resetAt) ends.push(address.resetAt);
  if (all.count >= SIGNIN_ALL_CLIENTS_LIMIT && all.resetAt) ends.push(all.resetAt);
  return ends.length ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
}

/**
 * Counts a failed sign-in against the account, the address and everyone. The failure that starts
 * the account's waiting leaves a notice in its commune's audit trail (`auth.signin_throttled`),
 * once while the failures keep coming, so the admin sees an account under attack.
 */
export async function recordSignInFailure(account: SignInAccount, ip: string, now: Date = new Date()): Promise<void> {
  const [acct] = await Promise.all([
    hitSlidingCounter(accountKey(account), SIGNIN_ACCOUNT_LIMIT.windowSeconds, now),
    hitRateLimit(addressKey(ip), SIGNIN_ADDRESS_LIMIT.limit, SIGNIN_ADDRESS_LIMIT.windowSeconds, now),
    hitRateLimit(ALL_KEY, SIGNIN_ALL_CLIENTS_LIMIT, SIGNIN_ADDRESS_LIMIT.windowSeconds, now),
  ]);
  if ("userId" in account && acct.count === SIGNIN_ACCOUNT_LIMIT.limit) {
    await audit(db, { id: null, communeId: account.communeId }, "auth.signin_throttled", "user", account.userId, {
      failures: acct.count,
    });
  }
}

export async function clearSignInFailures(account: SignInAccount): Promise<void> {
  await clearRateLimit(accountKey(account));
}
