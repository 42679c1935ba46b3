import { db } from "@/lib/db";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { audit } from "@/lib/audit/log";
import { csvFromLines } from "@/lib/exports/table";

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Everything the portal holds about the signed-in resident (Law 91/2025: the right to see and
 * export one's data): their account (never the password hash), consents, class registrations and
 * attendance, and, when the account is linked to a member, that member and their household. Scoped
 * to the resident's commune; every export is written to the audit log.
 */
export async function exportMyData(user: CurrentUser) {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  const account = await db.user.findFirst({
    where: { id: user.id, communeId },
    select: {
      id: true,
      name: true,
      username: true,
      phone: true,
      unverifiedPhone: true,
      role: true,
      createdAt: true,
      lastLoginAt: true,
      commune: { select: { name: true } },
    },
  });
  const memberId = user.memberId;
  const consents = await db.consent.findMany({
    where: {
      communeId,
      OR: [
        { userId: user.id },
        ...(memberId ? [{ memberId }] : []),
        // Class sign-ups made with the resident's phone before (or without) signing in.
        ...(user.phone ? [{ registration: { phone: user.phone } }] : []),
      ],
    },
    orderBy: { recordedAt: "asc" },
    select: { purpose: true, granted: true, text: true, textKey: true, method: true, recordedAt: true, withdrawnAt: true },
  });
  const registrations = await db.registration.findMany({
    where: {
      communeId,
      OR: [{ userId: user.id }, ...(memberId ? [{ memberId }] : []), ...(user.phone ? [{ phone: user.phone }] : [])],
    },
    orderBy: { createdAt: "asc" },
    select: {
      fullName: true,
      phone: true,
      status: true,
      code: true,
      createdAt: true,
      cancelledAt: true,
      event: { select: { title: true, startsAt: true, place: true } },
      attendance: { select: { attended: true, markedAt: true } },
    },
  });
  const member = memberId
    ? await db.member.findFirst({
        where: { id: memberId, communeId },
        select: {
          fullName: true,
          birthYear: true,
          gender: true,
          phone: true,
          isHead: true,
          skills: {
            orderBy: { acquiredOn: "asc" },
            select: { acquiredOn: true, skill: { select: { key: true, nameVi: true } } },
          },
          household: {
            select: {
              id: true,
              headName: true,
              address: true,
              phone: true,
              village: { select: { name: true } },
              family: { select: { status: true, enrolledOn: true, digitalOn: true, smartOn: true } },
              members: {
                orderBy: [{ isHead: "desc" }, { birthYear: "asc" }],
                select: { fullName: true, skills: { select: { skill: { select: { key: true } } } } },
              },
              visits: {
                orderBy: { visitedOn: "asc" },
                select: { visitedOn: true, outcome: true, items: { select: { skill: { select: { key: true } } } } },
              },
            },
          },
        },
      })
    : null;

  const h = member?.household;
  const data = {
    exportedAt: new Date().toISOString(),
    user: account
      ? {
          id: account.id,
          name: account.name,
          username: account.username,
          phone: account.phone,
          // Typed at registration and not yet proven: nothing is matched by it (docs/decisions/0007).
          unverifiedPhone: account.unverifiedPhone,
          role: account.role,
          commune: account.commune?.name ?? null,
          createdAt: account.createdAt.toISOString(),
          lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
        }
      : null,
    consents: consents.map((c) => ({
      purpose: c.purpose,
      granted: c.granted,
      text: c.text,
      textKey: c.textKey,
      method: c.method,
      recordedAt: c.recordedAt.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    })),
    registrations: registrations.map((r) => ({
      class: r.event.title,
      startsAt: r.event.startsAt.toISOString(),
      place: r.event.place,
      fullName: r.fullName,
      phone: r.phone,
      status: r.status,
      code: r.code,
      registeredAt: r.createdAt.toISOString(),
      cancelledAt: r.cancelledAt?.toISOString() ?? null,
      attended: r.attendance ? r.attendance.attended : null,
    })),
    member: member
      ? {
          fullName: member.fullName,
          birthYear: member.birthYear,
          gender: member.gender,
          phone: member.phone,
          isHead: member.isHead,
          skills: member.skills.map((s) => ({ skill: s.skill.key, name: s.skill.nameVi, acquiredOn: day(s.acquiredOn) })),
        }
      : null,
    household: h
      ? {
          headName: h.headName,
          address: h.address,
          village: h.village.name,
          phone: h.phone,
          digitalFamily: h.family
            ? {
                status: h.family.status,
                enrolledOn: day(h.family.enrolledOn),
                digitalOn: day(h.family.digitalOn),
                smartOn: day(h.family.smartOn),
              }
            : null,
          members: h.members.map((m) => ({ fullName: m.fullName, skills: m.skills.map((s) => s.skill.key) })),
          visits: h.visits.map((v) => ({ date: day(v.visitedOn), outcome: v.outcome, items: v.items.map((i) => i.skill.key) })),
        }
      : null,
  };
  await audit(db, user, "export", "user", user.id, h ? { householdId: h.id } : undefined);
  return data;
}

export type MyDataExport = Awaited<ReturnType<typeof exportMyData>>;

/** Flattens nested data into `section,field,value` rows: `household.members.0.fullName` → ("household", "members.0.fullName", …). */
function flatten(value: unknown, path: string[], out: [string, string, string][]): void {
  if (value === null || value === undefined || typeof value !== "object") {
    const [section = "", ...rest] = path;
    out.push([section, rest.join("."), value === null || value === undefined ? "" : String(value)]);
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) {
    const [section = "", ...rest] = path;
    out.push([section, rest.join("."), ""]);
    return;
  }
  for (const [k, v] of entries) flatten(v, [...path, k], out);
}

/** One flat CSV of `section,field,value` rows, UTF-8 with a BOM so spreadsheet programs read the diacritics. */
export function exportToCsv(data: MyDataExport): string {
  const rows: [string, string, string][] = [];
  flatten(data, [], rows);
  return csvFromLines([["section", "field", "value"], ...rows]);
}
