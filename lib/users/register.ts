import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { hashPassword } from "@/lib/auth/password";
import { recordConsent } from "@/lib/consent/consent";
import { consentTextVi } from "@/lib/consent/texts";
import type { RegisterResidentInput } from "@/lib/auth/schemas";
import { Prisma } from "@/lib/generated/prisma/client";

export type RegisterResult = { ok: true; userId: number } | { ok: false; field: "phone" | "communeId"; error: string };

/**
 * A resident creates their own account with their phone number. The account is not linked to a
 * household record: claiming a record by phone alone would expose someone else's data, so an
 * official links it. Consent is recorded with the account, in one transaction: `consentText` is
 * the sentence exactly as the form showed it (in the person's language), with its versioned key.
 */
export async function registerResident(
  input: RegisterResidentInput,
  consentText: string = consentTextVi("register"),
): Promise<RegisterResult> {
  const commune = await db.commune.findFirst({ where: { id: input.communeId, villages: { some: {} } }, select: { id: true } });
  if (!commune) return { ok: false, field: "communeId", error: "communeInvalid" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { communeId: commune.id, phone: input.phone, name: input.name, role: "resident", passwordHash },
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
        after: { name: input.name, phone: input.phone, role: "resident" },
      });
      return created;
    });
    return { ok: true, userId: user.id };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return { ok: false, field: "phone", error: "phoneTaken" };
    }
    throw err;
  }
}
