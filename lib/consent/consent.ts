import { notFound } from "@/lib/validation/refusal";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { CONSENT_KINDS, type ConsentKind } from "@/lib/consent/texts";
import { db, type DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Who a consent is about, and who wrote it down (the person themselves, or an official). */
export type ConsentRecord = {
  communeId: number;
  kind: ConsentKind;
  /** The sentence exactly as the person was shown or read it. */
  text: string;
  method: "online" | "in_person";
  userId?: number | null;
  memberId?: number | null;
  recordedById: number | null;
};

/** Records a consent given; call it in the transaction that collects the data it covers. */
export async function recordConsent(tx: DbClient, c: ConsentRecord): Promise<number> {
  const row = await tx.consent.create({
    data: {
      communeId: c.communeId,
      userId: c.userId ?? null,
      memberId: c.memberId ?? null,
      purpose: CONSENT_KINDS[c.kind].purpose,
      granted: true,
      text: c.text,
      textKey: CONSENT_KINDS[c.kind].key,
      method: c.method,
      recordedById: c.recordedById,
    },
    select: { id: true },
  });
  return row.id;
}

const CONSENT_SELECT = {
  id: true,
  purpose: true,
  granted: true,
  text: true,
  textKey: true,
  method: true,
  recordedAt: true,
  withdrawnAt: true,
  recordedBy: { select: { name: true } },
  withdrawnBy: { select: { name: true } },
} satisfies Prisma.ConsentSelect;

/** A resident's consents: with their account, their member record, or class sign-ups with their phone (as the export). */
function myConsentsOr(user: CurrentUser): Prisma.ConsentWhereInput[] {
  return [
    { userId: user.id },
    ...(user.memberId ? [{ memberId: user.memberId }] : []),
    ...(user.phone ? [{ registration: { phone: user.phone } }] : []),
  ];
}

/** The resident's own consents: given with their account, their class sign-ups or their member record. */
export async function listMyConsents(user: CurrentUser) {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  return db.consent.findMany({
    where: { communeId, OR: myConsentsOr(user) },
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    take: 100,
    select: CONSENT_SELECT,
  });
}

/** A member's consents, for the registry roles of the member's commune. */
export async function listMemberConsents(user: CurrentUser, memberId: number) {
  requireCan(user, "registry:edit");
  const communeId = communeOf(user);
  return db.consent.findMany({
    where: { communeId, memberId },
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    take: 100,
    select: CONSENT_SELECT,
  });
}

/**
 * Withdraws a consent: the resident their own; a registry role (official, admin, branch leader)
 * a member's of their commune. Recorded on the row (when, by whom), never deleted. Withdrawing
 * twice changes nothing. An id out of reach is "not found".
 */
export async function withdrawConsent(user: CurrentUser, consentId: number): Promise<{ changed: boolean }> {
  const communeId = communeOf(user);
  let where: Prisma.ConsentWhereInput;
  if (user.role === "resident") {
    where = { id: consentId, communeId, OR: myConsentsOr(user) };
  } else {
    requireCan(user, "registry:edit");
    where = { id: consentId, communeId, memberId: { not: null } };
  }
  return db.$transaction(async (tx) => {
    const current = await tx.consent.findFirst({ where, select: { id: true, purpose: true, withdrawnAt: true, memberId: true } });
    if (!current) notFound();
    if (current.withdrawnAt) return { changed: false };
    const now = new Date();
    const { count } = await tx.consent.updateMany({
      where: { id: current.id, withdrawnAt: null },
      data: { withdrawnAt: now, withdrawnById: user.id },
    });
    if (count === 0) return { changed: false };
    await audit(
      tx,
      user,
      "consent.withdraw",
      "consent",
      current.id,
      { purpose: current.purpose, memberId: current.memberId },
      { before: { withdrawnAt: null }, after: { withdrawnAt: now, withdrawnById: user.id } },
    );
    return { changed: true };
  });
}
