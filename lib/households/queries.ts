// Reading one household: its page (with the audit record Law 91/2025 asks for), and what the edit
// forms need. Every function scopes by the user's commune; an id from elsewhere reads as "not found".
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { can, requireCan } from "@/lib/auth/capabilities";
import { db } from "@/lib/db";
import { loadCriteria } from "@/lib/families/recompute";
import { computeFamilyStatus } from "@/lib/families/status";
import { todayInVietnam } from "@/lib/format/dates";
import { householdScope, maySeeContactDetails } from "@/lib/households/scope";
import { isDbId } from "@/lib/validation/db-id";

export type SkillName = { key: string; nameVi: string; nameEn: string };

const SKILL_SELECT = { key: true, nameVi: true, nameEn: true } as const;

/** The villages of the user's commune, for filters and forms. */
export async function listVillages(user: CurrentUser) {
  const scope = householdScope(user);
  return db.village.findMany({
    where: { communeId: scope.communeId as number },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** The commune's active member skills, in the program's order. */
export async function listMemberSkills(user: CurrentUser): Promise<SkillName[]> {
  const scope = householdScope(user);
  return db.skill.findMany({
    where: { communeId: scope.communeId as number, scope: "member", active: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: SKILL_SELECT,
  });
}

/**
 * A household's page: address, members and their skills, visits, digital-family criteria and
 * business. Phone numbers, birth years and visit notes are left out unless the user may see
 * contact details (scope.ts). Every view is written to the audit log. Null when the household is
 * not in the user's commune.
 */
export async function getHouseholdDetail(user: CurrentUser, id: number) {
  const scope = householdScope(user);
  const communeId = scope.communeId as number;
  if (!isDbId(id)) return null;
  const h = await db.household.findFirst({
    where: { ...scope, id },
    select: {
      id: true,
      headName: true,
      address: true,
      phone: true,
      lastVisitOn: true,
      followUpOn: true,
      version: true,
      village: { select: { id: true, name: true } },
      members: {
        orderBy: [{ isHead: "desc" }, { birthYear: "asc" }, { id: "asc" }],
        select: {
          id: true,
          fullName: true,
          birthYear: true,
          gender: true,
          phone: true,
          isHead: true,
          skills: { orderBy: { skill: { sortOrder: "asc" } }, select: { acquiredOn: true, skill: { select: SKILL_SELECT } } },
        },
      },
      family: {
        select: {
          status: true,
          enrolledOn: true,
          inProgressOn: true,
          digitalOn: true,
          smartOn: true,
          branch: { select: { name: true } },
        },
      },
      business: {
        select: {
          name: true,
          sector: true,
          skills: { orderBy: { skill: { sortOrder: "asc" } }, select: { acquiredOn: true, skill: { select: SKILL_SELECT } } },
        },
      },
      visits: {
        orderBy: [{ visitedOn: "desc" }, { id: "desc" }],
        take: 50,
        select: {
          id: true,
          visitedOn: true,
          outcome: true,
          notes: true,
          followUpOn: true,
          volunteer: { select: { name: true } },
          items: {
            orderBy: { id: "asc" },
            select: { id: true, skill: { select: SKILL_SELECT }, member: { select: { fullName: true } } },
          },
        },
      },
      _count: { select: { visits: true } },
    },
  });
  if (!h) return null;

  const contact = await maySeeContactDetails(user, id);
  const [criteria, skillNames] = await Promise.all([
    loadCriteria(db, communeId),
    db.skill.findMany({ where: { communeId }, select: SKILL_SELECT }),
  ]);
  const names = new Map(skillNames.map((s) => [s.key, s]));
  const computed = computeFamilyStatus({
    year: todayInVietnam().getUTCFullYear(),
    criteria,
    members: h.members.map((m) => ({ birthYear: m.birthYear, skillKeys: m.skills.map((s) => s.skill.key) })),
  });
  await audit(db, user, "household.view", "household", id, { contactDetails: contact });

  return {
    id: h.id,
    headName: h.headName,
    address: h.address,
    phone: contact ? h.phone : null,
    lastVisitOn: h.lastVisitOn,
    followUpOn: h.followUpOn,
    village: h.village,
    contactDetails: contact,
    mayEdit: can(user, "registry:edit"),
    mayEditBusiness: can(user, "business:edit"),
    members: h.members.map((m) => ({
      id: m.id,
      fullName: m.fullName,
      gender: m.gender,
      isHead: m.isHead,
      birthYear: contact ? m.birthYear : null,
      phone: contact ? m.phone : null,
      skills: m.skills.map((s) => s.skill),
    })),
    family: h.family
      ? {
          ...h.family,
          branchName: h.family.branch?.name ?? null,
          // The status as the criteria give it now (recomputed in the same transaction as any change).
          criteria: computed.met.map((c) => ({
            ...c,
            nameVi: names.get(c.skillKey)?.nameVi ?? c.skillKey,
            nameEn: names.get(c.skillKey)?.nameEn ?? c.skillKey,
          })),
        }
      : null,
    business: h.business ? { ...h.business, skills: h.business.skills.map((s) => s.skill) } : null,
    visits: h.visits.map((v) => ({
      id: v.id,
      visitedOn: v.visitedOn,
      outcome: v.outcome,
      followUpOn: v.followUpOn,
      notes: contact ? v.notes : null,
      volunteerName: v.volunteer.name,
      items: v.items.map((i) => ({ id: i.id, skill: i.skill, memberName: i.member?.fullName ?? null })),
    })),
    visitCount: h._count.visits,
  };
}

export type HouseholdDetail = NonNullable<Awaited<ReturnType<typeof getHouseholdDetail>>>;

/** The household's editable fields and version; registry roles only. Null outside the commune. */
export async function getHouseholdForEdit(user: CurrentUser, id: number) {
  requireCan(user, "registry:edit");
  const communeId = communeOf(user);
  if (!isDbId(id)) return null;
  const h = await db.household.findFirst({
    where: { id, communeId },
    select: { id: true, villageId: true, headName: true, address: true, phone: true, version: true },
  });
  if (h) await audit(db, user, "household.view", "household", id, { form: "edit" });
  return h;
}

/** A member's editable fields, skills and version; registry roles only. Null outside the commune. */
export async function getMemberForEdit(user: CurrentUser, householdId: number, memberId: number) {
  requireCan(user, "registry:edit");
  const communeId = communeOf(user);
  if (!isDbId(householdId) || !isDbId(memberId)) return null;
  const m = await db.member.findFirst({
    where: { id: memberId, householdId, communeId },
    select: {
      id: true,
      householdId: true,
      fullName: true,
      birthYear: true,
      gender: true,
      phone: true,
      isHead: true,
      version: true,
      household: { select: { headName: true } },
      skills: { select: { skill: { select: { key: true } } } },
    },
  });
  if (!m) return null;
  await audit(db, user, "member.view", "member", memberId, { form: "edit" });
  const { skills, household, ...rest } = m;
  return { ...rest, householdHeadName: household.headName, skillKeys: skills.map((s) => s.skill.key) };
}

/** The household's name for a page title (e.g. "add a member"); registry roles only. */
export async function getHouseholdHeading(user: CurrentUser, id: number) {
  requireCan(user, "registry:edit");
  const communeId = communeOf(user);
  if (!isDbId(id)) return null;
  return db.household.findFirst({ where: { id, communeId }, select: { id: true, headName: true } });
}

/** Whether the household exists in the user's commune (for a 404 before the page streams). */
export async function householdInScope(user: CurrentUser, id: number): Promise<boolean> {
  const scope = householdScope(user);
  if (!isDbId(id)) return false;
  return (await db.household.count({ where: { ...scope, id } })) > 0;
}
