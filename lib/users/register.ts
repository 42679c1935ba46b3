import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { recordConsent } from "@/lib/consent/consent";
import { consentTextVi } from "@/lib/consent/texts";
import type { RegisterResidentInput } from "@/lib/auth/schemas";
import { issuePhoneCode, tellPhoneHolder } from "@/lib/users/phone-verification";
import { deliverUrgentNow } from "@/lib/outbox/deliver-jobs";
import { Refusal } from "@/lib/validation/refusal";

/**
 * A resident creates their own account with their phone number. The number is unverified until a
 * code sent to it is entered (lib/users/phone-verification.ts; the first code goes out now):
 * typing a number proves nothing, so nothing is linked by it before then, and several unverified
 * accounts may name the same number. A number that already has a proven account gets no new
 * account, and the form answers exactly as for a new one: it must not tell a stranger which
 * numbers have accounts; the number's owner is told by message instead. The account is not linked
 * to a household record (an official links it). Consent is recorded with the account, in one
 * transaction: `consentText` is the sentence exactly as the form showed it, with its versioned key.
 * `userId` is null when the number already had a proven account (nothing was created). A commune
 * that takes no registrations (no villages) is refused beside its field ("communeInvalid").
 */
export async function registerResident(
  input: RegisterResidentInput,
  consentText: string = consentTextVi("register"),
  now: Date = new Date(),
): Promise<{ userId: number | null }> {
  const commune = await db.commune.findFirst({ where: { id: input.communeId, villages: { some: {} } }, select: { id: true } });
  if (!commune) throw new Refusal("communeId", "communeInvalid");
  // Hashed in both cases below, so that the answer takes as long whether the number has an account.
  const passwordHash = await hashPassword(input.password);
  const registered = await db.$transaction(async (tx) => {
    const holder = await tx.user.findUnique({ where: { phone: input.phone }, select: { id: true } });
    if (holder) {
      await tellPhoneHolder(tx, commune.id, input.phone, now);
      return { userId: null };
    }
    const created = await tx.user.create({
      data: { communeId: commune.id, unverifiedPhone: input.phone, name: input.name, role: "resident", passwordHash },
      select: { id: true },
    });
    await recordConsent(tx, {
      communeId: commune.id,
      kind: "register",
      text: consentText,
      method: "online",
      userId: created.id,
      recordedById: created.id,
    });
    await audit(tx, { id: created.id, communeId: commune.id }, "register", "user", created.id, undefined, {
      after: { name: input.name, unverifiedPhone: input.phone, role: "resident" },
    });
    await issuePhoneCode(tx, { id: created.id, communeId: commune.id, phone: input.phone }, now);
    return { userId: created.id };
  });
  await deliverUrgentNow(commune.id);
  return registered;
}
