// Activating an account the commune made: a volunteer or branch leader imported from the youth
// union's list (lib/onboarding/volunteers.ts) has a phone number and no password. Whoever holds
// the number proves it with a code sent there and sets the password; the number is then the
// account's proven phone, and every other account that typed it without proving it is closed, as
// for a resident (docs/decisions/0007, 0019). The public form answers the same whether or not the
// number names such an account: it must not tell a stranger who is on the commune's list.
import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { hashPassword, NO_PASSWORD } from "@/lib/auth/password";
import { withNewPassword } from "@/lib/auth/schemas";
import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { deliverUrgentNow } from "@/lib/outbox/deliver-jobs";
import {
  checkPhoneCode,
  claimPhone,
  issuePhoneCode,
  PHONE_CODE_RESEND_LIMIT,
  PhoneCodeInputSchema,
  scrubSpentCodeMessages,
} from "@/lib/users/phone-verification";
import { Refusal } from "@/lib/validation/refusal";
import { PhoneSchema } from "@/lib/validation/phone";

/** Step 1: the number the commune's list gave. Errors are `validation` keys. */
export const ActivationPhoneSchema = z.object({ phone: PhoneSchema });
export type ActivationPhoneInput = z.infer<typeof ActivationPhoneSchema>;

/**
 * Step 2: the code sent to the number and the new password, under /register's rules (the policy
 * of lib/auth/password.ts, not like the phone number, typed twice). Password errors are
 * `passwordPolicy` keys, the others `validation` keys.
 */
export const ActivationSchema = withNewPassword({ phone: PhoneSchema, code: PhoneCodeInputSchema.shape.code });
export type ActivationInput = z.infer<typeof ActivationSchema>;
export type ActivationField = Extract<keyof ActivationInput, string>;

/**
 * The account waiting to be activated that names `phone`: open, without a password, the number
 * either still to prove or proven by an administrator in person (who then sent them here).
 */
async function waitingAccount(client: DbClient, phone: string) {
  return client.user.findFirst({
    where: { active: true, passwordHash: NO_PASSWORD, communeId: { not: null }, OR: [{ phone }, { unverifiedPhone: phone }] },
    // The one an administrator proved first; then the newest.
    orderBy: [{ phone: { sort: "asc", nulls: "last" } }, { id: "desc" }],
    select: { id: true, communeId: true, phone: true },
  });
}

/**
 * "Send me a code": sends one to `phone` when it names an account waiting to be activated, within
 * the per-account resend limit and the per-number message limit (lib/users/phone-verification.ts);
 * otherwise nothing. Says nothing either way.
 */
export async function requestActivationCode(phone: string, now: Date = new Date()): Promise<void> {
  const account = await waitingAccount(db, phone);
  if (!account?.communeId) return;
  const own = await hitRateLimit(
    `activate-code:${account.id}`,
    PHONE_CODE_RESEND_LIMIT.limit,
    PHONE_CODE_RESEND_LIMIT.windowSeconds,
    now,
  );
  if (!own.ok) return;
  const communeId = account.communeId;
  await db.$transaction((tx) => issuePhoneCode(tx, { id: account.id, communeId, phone }, now));
  await deliverUrgentNow(communeId);
}

type Outcome = "ok" | "codeInvalid" | "phoneTaken";

/**
 * The code sent to the number and a new password: the number becomes the account's proven phone
 * (unless an administrator already proved it) and the password is set; the person then signs in
 * with the number. A wrong, expired or used-up code, and a number that names no account waiting,
 * are one refusal (`activationCodeInvalid` beside the code), so the form tells nobody which
 * numbers are on a list; only someone who has just proven the number learns that it already has
 * another account (`phoneTaken`). Each try counts against the code's tries even when refused.
 */
export async function activateAccount(input: ActivationInput, now: Date = new Date()): Promise<{ userId: number }> {
  // Hashed before anything is looked up, so that the answer takes as long for any number.
  const passwordHash = await hashPassword(input.password);
  let outcome: Outcome;
  let userId = 0;
  try {
    outcome = await db.$transaction(async (tx): Promise<Outcome> => {
      const account = await waitingAccount(tx, input.phone);
      if (!account?.communeId) return "codeInvalid";
      const communeId = account.communeId;
      const target = { id: account.id, communeId, phone: input.phone };
      if ((await checkPhoneCode(tx, target, input.code, now)) !== "ok") return "codeInvalid";
      if (account.phone === null) {
        if ((await claimPhone(tx, { id: account.id, communeId }, target, "code")) !== null) return "phoneTaken";
      } else {
        // Proven in person already: the code only shows that the one setting the password holds it.
        await tx.phoneCode.deleteMany({ where: { userId: account.id } });
        await scrubSpentCodeMessages(tx, { recipient: input.phone });
      }
      await tx.user.update({ where: { id: account.id }, data: { passwordHash } });
      await audit(tx, { id: account.id, communeId }, "user.activate", "user", account.id, {
        proof: account.phone === null ? "code" : "in_person",
      });
      userId = account.id;
      return "ok";
    });
  } catch (err) {
    // Two proofs of one number at once: the second finds it taken (unique phone).
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
    outcome = "phoneTaken";
  }
  // Thrown after the transaction, which keeps the try counted.
  if (outcome === "codeInvalid") throw new Refusal("code", "activationCodeInvalid");
  if (outcome === "phoneTaken") throw new Refusal("phone", "phoneTaken");
  return { userId };
}
