import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { RegisterResidentInput } from "@/lib/auth/schemas";
import { Prisma } from "@/lib/generated/prisma/client";

export type RegisterResult = { ok: true; userId: number } | { ok: false; field: "phone" | "communeId"; error: string };

/**
 * A resident creates their own account with their phone number. The account is not linked to a
 * household record: claiming a record by phone alone would expose someone else's data, so an
 * official links it. Consent is recorded with the account, in one transaction.
 */
export async function registerResident(input: RegisterResidentInput): Promise<RegisterResult> {
  const commune = await db.commune.findFirst({ where: { id: input.communeId, villages: { some: {} } }, select: { id: true } });
  if (!commune) return { ok: false, field: "communeId", error: "communeInvalid" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { communeId: commune.id, phone: input.phone, name: input.name, role: "resident", passwordHash },
        select: { id: true },
      });
      await tx.consent.create({
        data: { communeId: commune.id, userId: created.id, purpose: "data_processing", granted: true, method: "online" },
      });
      await tx.auditLog.create({
        data: { communeId: commune.id, actorId: created.id, action: "register", entity: "user", entityId: String(created.id) },
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
