// What the visit screens read. Each function takes the acting user and scopes by their commune.
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan, rolesWith } from "@/lib/auth/capabilities";
import { db } from "@/lib/db";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import { addDays, todayInVietnam } from "@/lib/format/dates";
import type { CampaignKind, FamilyStatus, SkillScope, VisitOutcome } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maySeeContactDetails } from "@/lib/households/scope";
import { EDIT_WINDOW_HOURS, MAX_BACKDATE_DAYS, mayCorrectVisit } from "@/lib/visits/rules";

const iso = (d: Date) => d.toISOString().slice(0, 10);

export type VisitFormSkill = { id: number; key: string; scope: SkillScope; nameVi: string; nameEn: string };
export type VisitFormMember = { id: number; fullName: string; isHead: boolean; birthYear: number | null; skillIds: number[] };
export type VisitFormCampaign = { id: number; name: string; kind: CampaignKind; startsOn: string; endsOn: string };
export type VisitFormData = {
  household: {
    id: number;
    headName: string;
    address: string;
    villageName: string;
    version: number;
    lastVisitOn: Date | null;
    followUpOn: Date | null;
    familyStatus: FamilyStatus | null;
    businessName: string | null;
    businessSkillIds: number[];
  };
  members: VisitFormMember[];
  skills: VisitFormSkill[];
  coVolunteers: { id: number; name: string }[];
  campaigns: VisitFormCampaign[];
  today: string;
  minDate: string;
};

/**
 * The visit form's choices, the same on the page and in the phone's offline copy: the commune's
 * active skills (only those for people when `memberSkillsOnly`), the campaigns a visit may be dated
 * in, and the co-volunteers offered (the user's own branch, plus `extraCoVolunteerIds`: anyone
 * already on the visit being corrected).
 */
export async function visitFormChoices(
  communeId: number,
  userId: number,
  today: Date,
  { memberSkillsOnly = false, extraCoVolunteerIds = [] }: { memberSkillsOnly?: boolean; extraCoVolunteerIds?: number[] } = {},
) {
  const minDate = addDays(today, -MAX_BACKDATE_DAYS);
  const [skills, profile, campaigns] = await Promise.all([
    db.skill.findMany({
      where: { communeId, active: true, scope: memberSkillsOnly ? "member" : undefined },
      orderBy: [{ scope: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, key: true, scope: true, nameVi: true, nameEn: true },
    }),
    db.volunteerProfile.findUnique({ where: { userId }, select: { branchId: true } }),
    db.campaign.findMany({
      where: { communeId, startsOn: { lte: today }, endsOn: { gte: minDate } },
      orderBy: [{ startsOn: "desc" }, { id: "desc" }],
      take: 20,
      select: { id: true, name: true, kind: true, startsOn: true, endsOn: true },
    }),
  ]);
  const coVolunteers = await db.user.findMany({
    where: {
      communeId,
      active: true,
      id: { not: userId },
      role: { in: [...rolesWith("field:work")] },
      OR: [...(profile ? [{ volunteer: { branchId: profile.branchId } }] : []), { id: { in: extraCoVolunteerIds } }],
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 40,
    select: { id: true, name: true },
  });
  return { skills, campaigns, coVolunteers };
}

/** What the visit form shows of a household: the same on the page and in the phone's offline copy. */
export const VISIT_FORM_HOUSEHOLD = {
  id: true,
  headName: true,
  address: true,
  version: true,
  lastVisitOn: true,
  followUpOn: true,
  village: { select: { name: true } },
  family: { select: { status: true } },
  business: { select: { name: true, skills: { select: { skillId: true } } } },
  members: {
    orderBy: [{ isHead: "desc" }, { birthYear: "asc" }, { id: "asc" }],
    select: { id: true, fullName: true, isHead: true, birthYear: true, skills: { select: { skillId: true } } },
  },
} satisfies Prisma.HouseholdSelect;

/**
 * Everything the visit form needs for one household of the user's commune, or null if there is
 * no such household there. Birth years only where the user may see contact details; the view of
 * the household's members is audited.
 */
export async function getVisitForm(
  user: CurrentUser,
  householdId: number,
  { now = new Date(), extraCoVolunteerIds = [] }: { now?: Date; extraCoVolunteerIds?: number[] } = {},
): Promise<VisitFormData | null> {
  requireCan(user, "visit:record");
  const communeId = communeOf(user);
  const h = await db.household.findFirst({
    where: { id: householdId, communeId },
    select: VISIT_FORM_HOUSEHOLD,
  });
  if (!h) return null;
  const contact = await maySeeContactDetails(user, h.id);
  const today = todayInVietnam(now);
  const minDate = addDays(today, -MAX_BACKDATE_DAYS);
  const { skills, campaigns, coVolunteers } = await visitFormChoices(communeId, user.id, today, {
    memberSkillsOnly: !h.business,
    extraCoVolunteerIds,
  });
  await audit(db, user, "household.view", "Household", h.id, { via: "visit.form", contactDetails: contact });
  return {
    household: {
      id: h.id,
      headName: h.headName,
      address: h.address,
      villageName: h.village.name,
      version: h.version,
      lastVisitOn: h.lastVisitOn,
      followUpOn: h.followUpOn,
      familyStatus: h.family?.status ?? null,
      businessName: h.business?.name ?? null,
      businessSkillIds: h.business?.skills.map((s) => s.skillId) ?? [],
    },
    members: h.members.map((m) => ({
      id: m.id,
      fullName: m.fullName,
      isHead: m.isHead,
      birthYear: contact ? m.birthYear : null,
      skillIds: m.skills.map((s) => s.skillId),
    })),
    skills,
    coVolunteers,
    campaigns: campaigns.map((c) => ({ ...c, startsOn: iso(c.startsOn), endsOn: iso(c.endsOn) })),
    today: iso(today),
    minDate: iso(minDate),
  };
}

export type VisitValues = {
  visitedOn: string;
  outcome: VisitOutcome;
  notes: string;
  campaignId: number | null;
  coVolunteerIds: number[];
  items: { skillId: number; memberIds: number[] }[];
};

/**
 * The visits a user may open: volunteers those they took part in, leaders and admins any of the
 * commune's. The visit page and its correction form share it, so neither shows what the other hides.
 */
function visibleVisit(user: CurrentUser, communeId: number, visitId: number): Prisma.VisitWhereInput {
  return {
    id: visitId,
    communeId,
    ...(user.role === "volunteer" ? { OR: [{ volunteerId: user.id }, { coVolunteers: { some: { userId: user.id } } }] } : {}),
  };
}

/** A visit as its correction form shows it, if the user may open it (see visibleVisit); null if not. */
export async function getVisitEdit(
  user: CurrentUser,
  visitId: number,
  now: Date = new Date(),
): Promise<{ form: VisitFormData; values: VisitValues; visitId: number; mayCorrect: boolean } | null> {
  requireCan(user, "visit:record");
  const communeId = communeOf(user);
  const v = await db.visit.findFirst({
    where: visibleVisit(user, communeId, visitId),
    select: {
      id: true,
      householdId: true,
      volunteerId: true,
      createdAt: true,
      visitedOn: true,
      outcome: true,
      notes: true,
      campaignId: true,
      items: { select: { skillId: true, memberId: true } },
      coVolunteers: { select: { userId: true } },
    },
  });
  if (!v) return null;
  const mayCorrect = mayCorrectVisit(user, v, now);
  const coVolunteerIds = v.coVolunteers.map((c) => c.userId);
  const form = await getVisitForm(user, v.householdId, { now, extraCoVolunteerIds: coVolunteerIds });
  if (!form) return null;
  const bySkill = new Map<number, number[]>();
  for (const i of v.items) {
    const list = bySkill.get(i.skillId) ?? [];
    if (i.memberId !== null) list.push(i.memberId);
    bySkill.set(i.skillId, list);
  }
  return {
    visitId: v.id,
    mayCorrect,
    form,
    values: {
      visitedOn: iso(v.visitedOn),
      outcome: v.outcome,
      notes: v.notes ?? "",
      campaignId: v.campaignId,
      coVolunteerIds,
      items: [...bySkill].map(([skillId, memberIds]) => ({ skillId, memberIds })),
    },
  };
}

export type VisitSummary = Awaited<ReturnType<typeof getVisitSummary>>;

/**
 * One visit and what it changed: the skills members gained on it, and the family's status before
 * and after it was recorded (or last corrected). Volunteers see the visits they took part in;
 * leaders and admins any visit of the commune.
 */
export async function getVisitSummary(user: CurrentUser, visitId: number, now: Date = new Date()) {
  requireCan(user, "visit:record");
  const communeId = communeOf(user);
  const v = await db.visit.findFirst({
    where: visibleVisit(user, communeId, visitId),
    select: {
      id: true,
      visitedOn: true,
      outcome: true,
      notes: true,
      followUpOn: true,
      createdAt: true,
      volunteerId: true,
      volunteer: { select: { name: true } },
      campaign: { select: { name: true } },
      coVolunteers: { select: { user: { select: { name: true } } } },
      household: {
        select: {
          id: true,
          headName: true,
          address: true,
          village: { select: { name: true } },
          family: { select: { status: true } },
        },
      },
      items: {
        orderBy: [{ skill: { scope: "asc" } }, { skill: { sortOrder: "asc" } }, { id: "asc" }],
        select: {
          skill: { select: { id: true, scope: true, nameVi: true, nameEn: true } },
          member: { select: { id: true, fullName: true } },
        },
      },
      memberSkills: {
        select: { skill: { select: { id: true, nameVi: true, nameEn: true } }, member: { select: { id: true, fullName: true } } },
      },
    },
  });
  if (!v) return null;
  // Names, address and notes of a household: every view is recorded (Law 91/2025).
  await audit(db, user, "visit.view", "visit", v.id);
  const change = await db.auditLog.findFirst({
    where: { communeId, entity: "Visit", entityId: String(v.id), action: { in: ["visit.record", "visit.update"] } },
    orderBy: { id: "desc" },
    select: { details: true },
  });
  const details = (change?.details ?? {}) as { familyBefore?: FamilyStatus | null; familyAfter?: FamilyStatus | null };
  const familyAfter = v.household.family?.status ?? null;
  const mayCorrect = mayCorrectVisit(user, v, now);
  return {
    id: v.id,
    visitedOn: v.visitedOn,
    outcome: v.outcome,
    notes: v.notes,
    followUpOn: v.followUpOn,
    volunteerName: v.volunteer.name,
    campaignName: v.campaign?.name ?? null,
    coVolunteers: v.coVolunteers.map((c) => c.user.name),
    household: {
      id: v.household.id,
      headName: v.household.headName,
      address: v.household.address,
      villageName: v.household.village.name,
    },
    items: v.items.map((i) => ({ ...i.skill, memberName: i.member?.fullName ?? null })),
    gained: v.memberSkills.map((s) => ({ memberName: s.member.fullName, ...s.skill })),
    family:
      familyAfter === null
        ? null
        : { before: details.familyBefore ?? familyAfter, after: details.familyAfter ?? familyAfter, now: familyAfter },
    mayCorrect,
    editUntil:
      v.volunteerId === user.id && user.role === "volunteer"
        ? new Date(v.createdAt.getTime() + EDIT_WINDOW_HOURS * 3_600_000)
        : null,
  };
}

export type MyVisitRow = {
  id: number;
  visitedOn: Date;
  outcome: VisitOutcome;
  householdId: number;
  headName: string;
  items: number;
  mayCorrect: boolean;
};

/**
 * The user's own visits, newest first, optionally to one household; paginated, or with
 * `{ all: true }` (server code only: exports) every one in one query, up to EXPORT_MAX_ROWS.
 */
export async function listMyVisits(
  user: CurrentUser,
  {
    householdId,
    page: askedPage = 1,
    size: askedSize = 20,
    now = new Date(),
  }: { householdId?: number; page?: number; size?: number; now?: Date } = {},
  { all = false }: ListRows = {},
): Promise<{ rows: MyVisitRow[]; total: number; page: number; pages: number }> {
  const page = all ? 1 : askedPage;
  const size = all ? EXPORT_MAX_ROWS : askedSize;
  requireCan(user, "visit:record");
  const communeId = communeOf(user);
  const where = { communeId, volunteerId: user.id, ...(householdId ? { householdId } : {}) };
  const [total, rows] = await Promise.all([
    db.visit.count({ where }),
    db.visit.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * size,
      take: size,
      select: {
        id: true,
        visitedOn: true,
        outcome: true,
        createdAt: true,
        volunteerId: true,
        household: { select: { id: true, headName: true } },
        _count: { select: { items: true } },
      },
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / size)),
    rows: rows.map((r) => ({
      id: r.id,
      visitedOn: r.visitedOn,
      outcome: r.outcome,
      householdId: r.household.id,
      headName: r.household.headName,
      items: r._count.items,
      mayCorrect: mayCorrectVisit(user, r, now),
    })),
  };
}
