// The right to erasure (Law 91/2025/QH15): a resident asks, the commune's admin carries it out by
// anonymising. Names become "Đã xoá"; phone numbers, the address (of a household the person heads)
// and visit notes are removed; the account is closed. Rows stay, so households, members, skills,
// visits and attendance are still counted and every dashboard figure is unchanged.
import { notFound, parseFields } from "@/lib/validation/refusal";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { db } from "@/lib/db";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ErasureStatus } from "@/lib/generated/prisma/enums";
import { plainText } from "@/lib/validation/text";
import { dbId } from "@/lib/validation/db-id";

/** What an erased name reads as everywhere. */
export const ERASED = "Đã xoá";

export const ErasureRequestSchema = z.object({
  reason: plainText({ error: "reasonLong" }).max(500, "reasonLong").default(""),
  confirm: z.literal("yes", { error: "confirmRequired" }),
});
export type ErasureRequestInput = z.infer<typeof ErasureRequestSchema>;

/** The admin refuses a request: the reason is required, and the resident reads it. */
export const ErasureRejectSchema = z.object({
  id: dbId("notFound"),
  reason: plainText({ error: "rejectReasonRequired" })
    .min(1, { message: "rejectReasonRequired", abort: true })
    .min(5, "rejectReasonShort")
    .max(500, "rejectReasonLong"),
});
/** The reject form as sent: parsed by rejectErasure. */
export type ErasureRejectInput = Partial<Record<keyof z.infer<typeof ErasureRejectSchema>, unknown>>;

/** The resident's latest erasure request, if any. */
export async function getMyErasureRequest(user: CurrentUser) {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  return db.erasureRequest.findFirst({
    where: { communeId, userId: user.id },
    orderBy: { requestedAt: "desc" },
    select: { id: true, status: true, requestedAt: true, handledAt: true, rejectionReason: true },
  });
}

/**
 * A resident asks for their data to be erased. One pending request at a time: asking again (a
 * double submit) returns the one already waiting.
 */
export async function requestErasure(user: CurrentUser, input: ErasureRequestInput): Promise<{ id: number }> {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  return db.$transaction(async (tx) => {
    // Serialises a double submit on the user's row.
    await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${user.id} FOR UPDATE`;
    const pending = await tx.erasureRequest.findFirst({
      where: { communeId, userId: user.id, status: "pending" },
      select: { id: true },
    });
    if (pending) return pending;
    const created = await tx.erasureRequest.create({
      data: { communeId, userId: user.id, memberId: user.memberId, reason: input.reason },
      select: { id: true },
    });
    await audit(tx, user, "erasure.request", "erasure_request", created.id, undefined, {
      after: { status: "pending", reason: input.reason },
    });
    return created;
  });
}

const STATUSES: readonly ErasureStatus[] = ["pending", "done", "rejected"];

/**
 * The commune's erasure requests for its admin, pending first by default: the newest 200 (oldest
 * 200 pending), or with `{ all: true }` (server code only: exports) every one, up to EXPORT_MAX_ROWS.
 */
export async function listErasureRequests(user: CurrentUser, status: unknown = "pending", { all = false }: ListRows = {}) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const s = STATUSES.includes(status as ErasureStatus) ? (status as ErasureStatus) : "pending";
  const rows = await db.erasureRequest.findMany({
    where: { communeId, status: s },
    orderBy: { requestedAt: s === "pending" ? "asc" : "desc" },
    take: all ? EXPORT_MAX_ROWS : 200,
    select: {
      id: true,
      status: true,
      reason: true,
      rejectionReason: true,
      requestedAt: true,
      handledAt: true,
      user: { select: { id: true, name: true, phone: true } },
      handledBy: { select: { name: true } },
    },
  });
  return { status: s, rows };
}

/** One request of the admin's commune, for the confirmation step; 404 otherwise. */
export async function getErasureRequest(user: CurrentUser, id: number) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const r = await db.erasureRequest.findFirst({
    where: { id, communeId },
    select: {
      id: true,
      status: true,
      reason: true,
      rejectionReason: true,
      requestedAt: true,
      handledAt: true,
      handledBy: { select: { name: true } },
      user: { select: { id: true, name: true, phone: true, member: { select: { fullName: true, isHead: true } } } },
    },
  });
  if (!r) notFound();
  return r;
}

/**
 * Refuses a pending request, with the reason the resident will read. Only a pending request can be
 * refused: one already carried out or refused (a double click, a second admin) changes nothing and
 * answers `changed: false`. Audited with the reason. The form is parsed here, once: a Refusal
 * names each field that does not parse (keys in `validation`).
 */
export async function rejectErasure(user: CurrentUser, input: ErasureRejectInput): Promise<{ changed: boolean }> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const { id, reason } = parseFields(ErasureRejectSchema, input);
  return db.$transaction(async (tx) => {
    const request = await tx.erasureRequest.findFirst({ where: { id, communeId }, select: { id: true, userId: true } });
    if (!request) notFound();
    const now = new Date();
    const { count } = await tx.erasureRequest.updateMany({
      where: { id: request.id, communeId, status: "pending" },
      data: { status: "rejected", rejectionReason: reason, handledById: user.id, handledAt: now },
    });
    if (count === 0) return { changed: false };
    await audit(
      tx,
      user,
      "erasure.reject",
      "erasure_request",
      request.id,
      { userId: request.userId },
      { before: { status: "pending" }, after: { status: "rejected", rejectionReason: reason } },
    );
    return { changed: true };
  });
}

/**
 * Carries out a pending request by anonymising, in one transaction. Carrying it out twice changes
 * nothing. The audit row records who did it and how many rows were touched, never the erased
 * values (the audit trail cannot be edited later).
 */
export async function carryOutErasure(user: CurrentUser, requestId: number): Promise<{ erased: boolean }> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const request = await tx.erasureRequest.findFirst({
      where: { id: requestId, communeId },
      select: { id: true, status: true, userId: true, memberId: true },
    });
    if (!request) notFound();
    const { count } = await tx.erasureRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: { status: "done", handledById: user.id, handledAt: now },
    });
    if (count === 0) return { erased: false };

    const account = request.userId
      ? await tx.user.findFirst({ where: { id: request.userId, communeId }, select: { id: true, phone: true, memberId: true } })
      : null;
    const memberId = account?.memberId ?? request.memberId;
    const member = memberId
      ? await tx.member.findFirst({
          where: { id: memberId, communeId },
          select: { id: true, phone: true, isHead: true, householdId: true },
        })
      : null;
    const phones = [account?.phone, member?.phone].filter((p): p is string => Boolean(p));

    const registrations = await tx.registration.findMany({
      where: {
        communeId,
        OR: [
          ...(account ? [{ userId: account.id }] : []),
          ...(member ? [{ memberId: member.id }] : []),
          ...(phones.length ? [{ phone: { in: phones } }] : []),
        ],
      },
      select: { id: true },
    });
    const registrationIds = registrations.map((r) => r.id);
    if (registrationIds.length) {
      await tx.attendance.updateMany({
        where: { communeId, registrationId: { in: registrationIds } },
        data: { fullName: ERASED },
      });
      // The phone column is required and unique per class: a placeholder per row keeps both.
      await tx.$executeRaw`
        UPDATE registration SET full_name = ${ERASED}, phone = 'xoa-' || id
        WHERE commune_id = ${communeId} AND id = ANY(${registrationIds}::int[])`;
    }
    if (phones.length) {
      // Messages not yet sent are not sent; sent ones lose the number and the text.
      await tx.outboxMessage.updateMany({
        where: { communeId, recipient: { in: phones }, status: "pending" },
        data: { status: "failed", lastError: "erased" },
      });
      await tx.outboxMessage.updateMany({
        where: { communeId, recipient: { in: phones } },
        data: { recipient: ERASED, body: "", payload: Prisma.DbNull },
      });
      // Its wish for no reminders goes too: nothing is left to remind it of.
      await tx.reminderOptOut.deleteMany({ where: { phone: { in: phones } } });
    }
    if (member) {
      await tx.member.update({
        where: { id: member.id },
        data: { fullName: ERASED, phone: null, version: { increment: 1 } },
      });
      if (member.isHead) {
        await tx.household.update({
          where: { id: member.householdId },
          data: { headName: ERASED, phone: null, address: ERASED, version: { increment: 1 } },
        });
      }
      // Notes are free text and may name anyone in the house.
      await tx.visit.updateMany({
        where: { communeId, householdId: member.householdId, notes: { not: null } },
        data: { notes: null },
      });
    }
    if (account) {
      await tx.user.update({
        where: { id: account.id },
        data: {
          name: ERASED,
          phone: null,
          unverifiedPhone: null,
          username: null,
          active: false,
          sessionVersion: { increment: 1 },
        },
      });
    }
    // The consents end with the data they covered; the rows stay as the record of what was agreed.
    await tx.consent.updateMany({
      where: {
        communeId,
        withdrawnAt: null,
        OR: [
          ...(account ? [{ userId: account.id }] : []),
          ...(member ? [{ memberId: member.id }] : []),
          ...(registrationIds.length ? [{ registrationId: { in: registrationIds } }] : []),
        ],
      },
      data: { withdrawnAt: now, withdrawnById: user.id },
    });
    await audit(
      tx,
      user,
      "erasure.carry_out",
      "erasure_request",
      request.id,
      {
        userId: account?.id ?? null,
        memberId: member?.id ?? null,
        householdHead: member?.isHead ?? false,
        registrations: registrationIds.length,
      },
      { before: { status: "pending" }, after: { status: "done" } },
    );
    return { erased: true };
  });
}
