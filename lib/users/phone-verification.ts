// Proving that a resident holds the phone they registered with (docs/decisions/0007). Until then
// the number is only the account's `unverifiedPhone` and nothing is matched by it: class sign-ups,
// consents, the household and the data export stay out of the account's view. Proof is a one-time
// code sent to the number through the outbox, or an administrator who checks it in person. Whoever
// proves a number takes it: every other account that typed it without proving it is closed.
import "server-only";
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { notFound, Refusal } from "@/lib/validation/refusal";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import type { Role } from "@/lib/auth/roles";
import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueMessage } from "@/lib/outbox/enqueue";
import { deliverUrgentNow } from "@/lib/outbox/deliver-jobs";
import { hitRateLimit } from "@/lib/security/rate-limit";
import viCore from "@/messages/vi/core.json";

/** Six digits, valid ten minutes, five tries. */
export const PHONE_CODE = { digits: 6, ttlMinutes: 10, maxAttempts: 5 } as const;
/** New codes an account may ask for ("send a new code"). */
export const PHONE_CODE_RESEND_LIMIT = { limit: 3, windowSeconds: 15 * 60 } as const;
/**
 * Messages to one number from the portal's account flows (codes, "you already have an account"),
 * whoever asks: a stranger typing someone's number into /register must not flood it.
 */
export const PHONE_MESSAGE_LIMIT = { limit: 5, windowSeconds: 24 * 3600 } as const;

export const PhoneCodeInputSchema = z.object({
  code: z
    .string({ error: "required" })
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, "required")
        .regex(/^\d{6}$/, "phoneCodeInvalid"),
    ),
});
export type PhoneCodeInput = z.infer<typeof PhoneCodeInputSchema>;

/** Why a number was not proven, or no code sent (keys in the `validation` messages). */
export type PhoneCodeError =
  "phoneCodeWrong" | "phoneCodeExpired" | "phoneCodeTooManyTries" | "phoneTaken" | "phoneAlreadyVerified" | "rateLimited";

type Tx = Prisma.TransactionClient;

const sms = createTranslator({ locale: "vi", messages: viCore, namespace: "phoneSms" });

let devKey: Buffer | undefined;
/**
 * The key of the code's hash: derived from AUTH_SECRET (which every start of the portal has), so a
 * leaked table of hashes cannot be tried against the million six-digit codes without it.
 */
function codeKey(): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (secret) return createHmac("sha256", secret).update("phone-code").digest();
  if (process.env.NODE_ENV === "production") throw new Error("AUTH_SECRET is not set: phone codes cannot be hashed");
  // Tests and a development server without a secret: a key for this process only.
  return (devKey ??= randomBytes(32));
}

/**
 * What a code proves: "verify", that a new account holds the number it typed; "unlock", that the
 * holder of an account's proven number is the one signing in while the account must wait
 * (lib/auth/credentials.ts). One code per account at a time, in `phone_code`.
 */
export type CodePurpose = "verify" | "unlock";
const CODE_MESSAGE_KIND = { verify: "phone_code", unlock: "signin_unlock" } as const satisfies Record<CodePurpose, string>;

/** The code's keyed hash, bound to the account, the number it was sent to and what it is for. */
function hashCode(userId: number, phone: string, code: string, purpose: CodePurpose = "verify"): string {
  const bound = purpose === "verify" ? `${userId}:${phone}:${code}` : `${purpose}:${userId}:${phone}:${code}`;
  return createHmac("sha256", codeKey()).update(bound).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

async function withinMessageLimit(tx: DbClient, phone: string, now: Date): Promise<boolean> {
  const r = await hitRateLimit(`phone-message:${phone}`, PHONE_MESSAGE_LIMIT.limit, PHONE_MESSAGE_LIMIT.windowSeconds, now, tx);
  return r.ok;
}

/**
 * Sends a new code to an account's unverified number (replacing any earlier code), inside the
 * caller's transaction. False when the number has had its share of messages today.
 */
export async function issuePhoneCode(
  tx: Tx,
  account: { id: number; communeId: number; phone: string },
  now: Date = new Date(),
  purpose: CodePurpose = "verify",
): Promise<boolean> {
  if (!(await withinMessageLimit(tx, account.phone, now))) return false;
  const code = String(randomInt(0, 10 ** PHONE_CODE.digits)).padStart(PHONE_CODE.digits, "0");
  const data = {
    communeId: account.communeId,
    codeHash: hashCode(account.id, account.phone, code, purpose),
    attempts: 0,
    expiresAt: new Date(now.getTime() + PHONE_CODE.ttlMinutes * 60_000),
    createdAt: now,
  };
  await tx.phoneCode.upsert({ where: { userId: account.id }, create: { userId: account.id, ...data }, update: data });
  const kind = CODE_MESSAGE_KIND[purpose];
  await enqueueMessage(tx, {
    communeId: account.communeId,
    kind,
    recipient: account.phone,
    body: sms(purpose === "verify" ? "code" : "unlock", { code, minutes: PHONE_CODE.ttlMinutes }),
    // Never the code: the key is visible wherever the outbox is.
    dedupeKey: `${kind}:${account.id}:${randomUUID()}`,
  });
  return true;
}

/**
 * /register with a number that already has a proven account: nothing is created and the form
 * answers as for a new account (it must not tell a stranger which numbers have accounts); the
 * number's owner is told instead.
 */
export async function tellPhoneHolder(tx: Tx, communeId: number, phone: string, now: Date = new Date()): Promise<void> {
  if (!(await withinMessageLimit(tx, phone, now))) return;
  await enqueueMessage(tx, {
    communeId,
    kind: "phone_account_exists",
    recipient: phone,
    body: sms("accountExists"),
    dedupeKey: `phone_account_exists:${randomUUID()}`,
  });
}

/**
 * A code is worth nothing once used or expired, but its message stays in the outbox (the `log`
 * channel shows it to the admin): blank the code in delivered messages past their validity, and
 * in every message to a number as soon as it is proven (a code must not outlive its use).
 */
export async function scrubSpentCodeMessages(tx: DbClient, which: { now: Date } | { recipient: string }): Promise<number> {
  const body = sms("codeSpent");
  const kinds = Object.values(CODE_MESSAGE_KIND);
  if ("recipient" in which) {
    return tx.$executeRaw`UPDATE outbox_message SET body = ${body}
      WHERE kind = ANY(${kinds}) AND recipient = ${which.recipient} AND body <> ${body}`;
  }
  const spentBefore = new Date(which.now.getTime() - PHONE_CODE.ttlMinutes * 60_000);
  return tx.$executeRaw`UPDATE outbox_message SET body = ${body}
    WHERE kind = ANY(${kinds}) AND status <> 'pending' AND created_at <= ${spentBefore} AND body <> ${body}`;
}

/** Whether the signed-in resident still has a number to prove, and until when the last code is valid. */
export async function getMyPhoneVerification(user: CurrentUser) {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  const row = await db.user.findFirst({
    where: { id: user.id, communeId },
    select: { phone: true, unverifiedPhone: true, phoneCode: { select: { expiresAt: true, attempts: true } } },
  });
  if (!row || row.phone || !row.unverifiedPhone) return null;
  return { phone: row.unverifiedPhone, codeExpiresAt: row.phoneCode?.expiresAt ?? null };
}

/** The resident asks for a new code to their unverified number; refused "phoneAlreadyVerified" or "rateLimited". */
export async function sendMyPhoneCode(user: CurrentUser, now: Date = new Date()): Promise<void> {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  const row = await db.user.findFirst({ where: { id: user.id, communeId }, select: { phone: true, unverifiedPhone: true } });
  if (!row || row.phone || !row.unverifiedPhone) throw new Refusal(null, "phoneAlreadyVerified" satisfies PhoneCodeError);
  const own = await hitRateLimit(
    `phone-code:${user.id}`,
    PHONE_CODE_RESEND_LIMIT.limit,
    PHONE_CODE_RESEND_LIMIT.windowSeconds,
    now,
  );
  if (!own.ok) throw new Refusal(null, "rateLimited" satisfies PhoneCodeError);
  const phone = row.unverifiedPhone;
  const sent = await db.$transaction((tx) => issuePhoneCode(tx, { id: user.id, communeId, phone }, now));
  if (!sent) throw new Refusal(null, "rateLimited" satisfies PhoneCodeError);
  await deliverUrgentNow(communeId);
}

/**
 * Gives the proven number to `target` and closes every other account that typed it without
 * proving it (the number is this account's now; theirs never was). Audited without the code.
 * "phoneTaken" when another account holds it already.
 */
export async function claimPhone(
  tx: Tx,
  actor: { id: number; communeId: number | null },
  target: { id: number; communeId: number; phone: string },
  method: "code" | "in_person",
): Promise<PhoneCodeError | null> {
  const holder = await tx.user.findUnique({ where: { phone: target.phone }, select: { id: true } });
  // Only someone who has just proven the number is told that it already has an account.
  if (holder) return "phoneTaken";
  const others = await tx.user.findMany({
    where: { unverifiedPhone: target.phone, id: { not: target.id } },
    select: { id: true, communeId: true, active: true },
  });
  for (const o of others) {
    await tx.user.update({
      where: { id: o.id },
      data: { unverifiedPhone: null, active: false, sessionVersion: { increment: 1 } },
    });
    await tx.phoneCode.deleteMany({ where: { userId: o.id } });
    await audit(
      tx,
      { id: actor.id, communeId: o.communeId },
      "user.close_unverified",
      "user",
      o.id,
      { reason: "phoneClaimed", by: target.id },
      { before: { active: o.active, unverifiedPhone: target.phone }, after: { active: false, unverifiedPhone: null } },
    );
  }
  await tx.user.update({ where: { id: target.id }, data: { phone: target.phone, unverifiedPhone: null } });
  await tx.phoneCode.deleteMany({ where: { userId: target.id } });
  await scrubSpentCodeMessages(tx, { recipient: target.phone });
  await audit(
    tx,
    { id: actor.id, communeId: target.communeId },
    "user.verify_phone",
    "user",
    target.id,
    { method, closed: others.length },
    { before: { phone: null, unverifiedPhone: target.phone }, after: { phone: target.phone, unverifiedPhone: null } },
  );
  return null;
}

/**
 * Runs a proof in one transaction: why it was refused, or null. The reason is returned from the
 * transaction, not thrown in it, so that what it wrote (a wrong try counted) is kept; the caller
 * throws it after. Two proofs of one number at once: the second finds it taken (unique phone).
 */
async function claiming(fn: (tx: Tx) => Promise<PhoneCodeError | null>): Promise<PhoneCodeError | null> {
  try {
    return await db.$transaction(fn);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return "phoneTaken";
    throw err;
  }
}

/**
 * The resident enters the code sent to their number. Each try counts, under a lock on the code,
 * so parallel guesses cannot exceed PHONE_CODE.maxAttempts; a wrong try is kept even though the
 * answer is a refusal (beside the code field).
 */
export async function verifyMyPhone(user: CurrentUser, input: PhoneCodeInput, now: Date = new Date()): Promise<void> {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  const refused = await claiming(async (tx) => {
    const locked = await lockPhoneCode(tx, user.id, communeId);
    const account = await tx.user.findFirst({
      where: { id: user.id, communeId },
      select: { phone: true, unverifiedPhone: true },
    });
    if (!account || account.phone || !account.unverifiedPhone) return "phoneAlreadyVerified";
    const checked = await checkLockedPhoneCode(tx, locked, { id: user.id, phone: account.unverifiedPhone }, input.code, now);
    if (checked !== "ok") return checked;
    return claimPhone(tx, user, { id: user.id, communeId, phone: account.unverifiedPhone }, "code");
  });
  if (refused) throw new Refusal("code", refused);
}

type LockedCode = { code_hash: string; attempts: number; expires_at: Date } | undefined;

/** The account's code, locked until the transaction ends: parallel tries are counted one by one. */
async function lockPhoneCode(tx: Tx, userId: number, communeId: number): Promise<LockedCode> {
  const codes = await tx.$queryRaw<{ code_hash: string; attempts: number; expires_at: Date }[]>`
    SELECT code_hash, attempts, expires_at FROM phone_code WHERE user_id = ${userId} AND commune_id = ${communeId} FOR UPDATE`;
  return codes[0];
}

/** Counts one try of a locked "verify" code sent to `account.phone`, and says whether it was right. */
async function checkLockedPhoneCode(
  tx: Tx,
  code: LockedCode,
  account: { id: number; phone: string },
  typed: string,
  now: Date,
): Promise<"ok" | "phoneCodeExpired" | "phoneCodeTooManyTries" | "phoneCodeWrong"> {
  if (!code || code.expires_at <= now) return "phoneCodeExpired";
  if (code.attempts >= PHONE_CODE.maxAttempts) return "phoneCodeTooManyTries";
  await tx.phoneCode.update({ where: { userId: account.id }, data: { attempts: { increment: 1 } } });
  if (!sameHash(code.code_hash, hashCode(account.id, account.phone, typed))) {
    return code.attempts + 1 >= PHONE_CODE.maxAttempts ? "phoneCodeTooManyTries" : "phoneCodeWrong";
  }
  return "ok";
}

/**
 * Counts one try of the "verify" code last sent to `account.phone` (its own, or the one it has
 * to prove), under a lock on the code, inside the caller's transaction: keep the transaction
 * whatever the answer, so that a wrong try stays counted (lib/users/activation.ts).
 */
export async function checkPhoneCode(
  tx: Tx,
  account: { id: number; communeId: number; phone: string },
  typed: string,
  now: Date = new Date(),
): Promise<"ok" | "phoneCodeExpired" | "phoneCodeTooManyTries" | "phoneCodeWrong"> {
  const locked = await lockPhoneCode(tx, account.id, account.communeId);
  return checkLockedPhoneCode(tx, locked, account, typed, now);
}

/**
 * Accounts whose number an administrator may prove in person: residents, and volunteers and
 * branch leaders (those imported from the youth union's list have only a number to prove).
 */
export const IN_PERSON_ROLES = ["resident", "volunteer", "branch_leader"] as const satisfies readonly Role[];

/** Whether an account of this role may have its number proven in person. */
export function inPersonRole(role: Role): boolean {
  return (IN_PERSON_ROLES as readonly Role[]).includes(role);
}

/**
 * An administrator of the account's commune has seen the person and their phone (e.g. a call or
 * a message to it answered in front of them) and marks the number proven. Another commune's
 * account, an official's, or one with no number to prove, is "not found"; refused "phoneTaken" when
 * another account proved the number first. An imported volunteer still has no password afterwards:
 * they set one on /activate with a code sent to the number.
 */
export async function verifyPhoneInPerson(user: CurrentUser, targetId: number): Promise<void> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const refused = await claiming(async (tx) => {
    const target = await tx.user.findFirst({
      where: { id: targetId, communeId, role: { in: [...IN_PERSON_ROLES] }, phone: null, unverifiedPhone: { not: null } },
      select: { id: true, unverifiedPhone: true },
    });
    if (!target?.unverifiedPhone) notFound();
    return claimPhone(tx, user, { id: target.id, communeId, phone: target.unverifiedPhone }, "in_person");
  });
  if (refused) throw new Refusal(null, refused);
}

/**
 * "Send me an unlock code": while an account must wait after failed sign-ins, the holder of its
 * proven number can have a code sent there, and sign in with it and the password despite the wait
 * (docs/decisions/0008). Sends nothing, and says nothing different, for a login without a proven
 * number, an account not waiting, or past the per-account and per-number message limits.
 */
export async function sendSignInUnlockCode(
  holder: { id: number; communeId: number | null; phone: string | null; active: boolean } | null,
  now: Date = new Date(),
): Promise<void> {
  if (!holder?.phone || holder.communeId === null || !holder.active) return;
  const own = await hitRateLimit(
    `signin-unlock:${holder.id}`,
    PHONE_CODE_RESEND_LIMIT.limit,
    PHONE_CODE_RESEND_LIMIT.windowSeconds,
    now,
  );
  if (!own.ok) return;
  const account = { id: holder.id, communeId: holder.communeId, phone: holder.phone };
  await db.$transaction((tx) => issuePhoneCode(tx, account, now, "unlock"));
  await deliverUrgentNow(account.communeId);
}

/**
 * Whether `code` is the unlock code last sent to the account's proven number, still valid. Each
 * check counts as one of the code's tries, under a lock on the code, as for verification.
 */
export async function checkSignInUnlockCode(
  holder: { id: number; phone: string | null },
  code: string,
  now: Date = new Date(),
): Promise<boolean> {
  const phone = holder.phone;
  if (!phone || !/^\d{6}$/.test(code)) return false;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ code_hash: string; attempts: number; expires_at: Date }[]>`
      SELECT code_hash, attempts, expires_at FROM phone_code WHERE user_id = ${holder.id} FOR UPDATE`;
    const row = rows[0];
    if (!row || row.expires_at <= now || row.attempts >= PHONE_CODE.maxAttempts) return false;
    await tx.phoneCode.update({ where: { userId: holder.id }, data: { attempts: { increment: 1 } } });
    return sameHash(row.code_hash, hashCode(holder.id, phone, code, "unlock"));
  });
}

/** The unlock code has been used to sign in: it is gone, and blanked in the outbox. */
export async function spendSignInUnlockCode(holder: { id: number; phone: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.phoneCode.deleteMany({ where: { userId: holder.id } });
    await scrubSpentCodeMessages(tx, { recipient: holder.phone });
  });
}
