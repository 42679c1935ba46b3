// A household's business (hộ kinh doanh): the commune's staff register it and edit its name, trade
// and digital adoption (the commune's active business skills). Every id is re-checked against the
// user's commune (elsewhere reads as "not found"); every write is audited in its own transaction,
// without personal values in clear (the name is hashed by lib/audit); a stale version is refused,
// never overwritten; a retry of a save whose answer was lost finds it done.
//
// Which skills the form may take away (docs/decisions/0016-household-business.md): business skills
// carry no visit id, so a skill is taken to be a visit's when a successful visit of the household
// recorded it on the day the skill is dated (the rule a visit's correction already uses to take
// back what the visit gave, lib/visits/mutations.ts). Those stay, ticked or not: correcting the
// visit is the way to undo them. Every other skill (ticked on this form, or from the seed) the
// form adds with today's date and takes away when unticked.
//
// Refusals are keys in `households.errors`: "skillInvalid" beside the skills, "businessExists" and
// "staleBusiness" above the form.
import { notFound, Refusal } from "@/lib/validation/refusal";
import { audit, changes } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { db, WRITE_TRANSACTION, type DbClient } from "@/lib/db";
import { todayInVietnam } from "@/lib/format/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BusinessCreateInput, BusinessField, BusinessUpdateInput } from "@/lib/households/schemas";
import { isDbId } from "@/lib/validation/db-id";

type Tx = Prisma.TransactionClient;

type SkillRef = { id: number; key: string };
type HeldSkill = { skillId: number; acquiredOn: Date };

/** Refuses roles that may not edit businesses; the commune they act in. */
function editor(user: CurrentUser): number {
  requireCan(user, "business:edit");
  return communeOf(user);
}

/** The commune's active business skills, in the program's order: the form's checkboxes. */
function activeBusinessSkills(tx: DbClient | Tx, communeId: number) {
  return tx.skill.findMany({
    where: { communeId, scope: "business", active: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, key: true, nameVi: true, nameEn: true },
  });
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The held skills a successful visit of the household gave: one that a "done" visit recorded (as a
 * business item) on the day the skill is dated. Keyed by skill id, with that day.
 */
async function visitGiven(
  tx: DbClient | Tx,
  communeId: number,
  householdId: number,
  held: readonly HeldSkill[],
): Promise<Map<number, Date>> {
  if (held.length === 0) return new Map();
  const items = await tx.visitItem.findMany({
    where: {
      communeId,
      memberId: null,
      skillId: { in: held.map((s) => s.skillId) },
      visit: { householdId, communeId, outcome: "done" },
    },
    select: { skillId: true, visit: { select: { visitedOn: true } } },
  });
  const days = new Set(items.map((i) => `${i.skillId}:${ymd(i.visit.visitedOn)}`));
  return new Map(held.filter((s) => days.has(`${s.skillId}:${ymd(s.acquiredOn)}`)).map((s) => [s.skillId, s.acquiredOn]));
}

/** The ids of ticked keys; refused when one is not an active business skill (a tampered form). */
function tickedIds(skills: readonly SkillRef[], keys: readonly string[]): Set<number> {
  const byKey = new Map(skills.map((s) => [s.key, s.id]));
  if (keys.some((k) => !byKey.has(k))) throw new Refusal("skills" satisfies BusinessField, "skillInvalid");
  return new Set(keys.map((k) => byKey.get(k)!));
}

/**
 * What the business's skills become: the ticked ones, plus those a visit gave (kept whether
 * ticked or not). Inactive skills are not on the form and are left alone.
 */
async function plan(
  tx: Tx,
  communeId: number,
  householdId: number,
  businessId: number | null,
  skills: SkillRef[],
  ticked: Set<number>,
) {
  const held: HeldSkill[] = businessId
    ? await tx.businessSkill.findMany({
        where: { businessId, skillId: { in: skills.map((s) => s.id) } },
        select: { skillId: true, acquiredOn: true },
      })
    : [];
  const fromVisit = await visitGiven(tx, communeId, householdId, held);
  const current = new Set(held.map((s) => s.skillId));
  const add = [...ticked].filter((id) => !current.has(id));
  const remove = [...current].filter((id) => !ticked.has(id) && !fromVisit.has(id));
  return { add, remove, same: add.length === 0 && remove.length === 0 };
}

async function applySkills(tx: Tx, communeId: number, businessId: number, add: number[], remove: number[]) {
  if (remove.length) await tx.businessSkill.deleteMany({ where: { businessId, communeId, skillId: { in: remove } } });
  if (add.length) {
    const acquiredOn = todayInVietnam();
    await tx.businessSkill.createMany({ data: add.map((skillId) => ({ communeId, businessId, skillId, acquiredOn })) });
  }
}

const keysOf = (skills: readonly SkillRef[], ids: readonly number[]) =>
  skills.filter((s) => ids.includes(s.id)).map((s) => s.key);

async function householdInCommune(communeId: number, householdId: number) {
  if (!isDbId(householdId)) notFound();
  const h = await db.household.findFirst({ where: { id: householdId, communeId }, select: { id: true } });
  if (!h) notFound();
}

/** Whether the stored business already is what the form asks for (a retry whose answer was lost). */
async function alreadySaved(
  tx: Tx,
  communeId: number,
  householdId: number,
  skills: SkillRef[],
  ticked: Set<number>,
  input: { name: string; sector: string },
): Promise<number | null> {
  const stored = await tx.householdBusiness.findFirst({
    where: { householdId, communeId },
    select: { id: true, name: true, sector: true },
  });
  if (!stored || stored.name !== input.name || stored.sector !== input.sector) return null;
  return (await plan(tx, communeId, householdId, stored.id, skills, ticked)).same ? stored.id : null;
}

/**
 * Registers the household's business. A household has at most one: when it has one already, a
 * retry of this very form (same name, trade and skills) is done; anything else is refused with
 * "businessExists" (someone registered it meanwhile: reload and edit theirs).
 */
export async function registerBusiness(
  user: CurrentUser,
  householdId: number,
  input: BusinessCreateInput,
): Promise<{ id: number }> {
  const communeId = editor(user);
  await householdInCommune(communeId, householdId);
  const skills = await activeBusinessSkills(db, communeId);
  const ticked = tickedIds(skills, input.skills);
  const attempt = () =>
    db.$transaction(async (tx) => {
      if (await tx.householdBusiness.count({ where: { householdId } })) {
        const done = await alreadySaved(tx, communeId, householdId, skills, ticked, input);
        if (!done) throw new Refusal(null, "businessExists");
        return { id: done };
      }
      const b = await tx.householdBusiness.create({
        data: { communeId, householdId, name: input.name, sector: input.sector },
        select: { id: true },
      });
      const added = [...ticked];
      await applySkills(tx, communeId, b.id, added, []);
      await audit(
        tx,
        user,
        "business.create",
        "household_business",
        b.id,
        { householdId, skillsAdded: keysOf(skills, added) },
        { after: { name: input.name, sector: input.sector } },
      );
      return { id: b.id };
    }, WRITE_TRANSACTION);
  try {
    return await attempt();
  } catch (err) {
    // Two submits racing: the loser's insert hits the one-business-per-household key; its second
    // try finds the winner's business (done if it is the same form, refused otherwise).
    if ((err as { code?: unknown } | null)?.code === "P2002") return attempt();
    throw err;
  }
}

/**
 * Edits the household's business: name, trade, and the ticked skills (added with today's date;
 * unticked ones removed unless a visit gave them). Refused as "staleBusiness" when the business
 * changed since the form was shown, unless it already is what the form asks (a retry).
 */
export async function updateBusiness(
  user: CurrentUser,
  householdId: number,
  input: BusinessUpdateInput,
): Promise<{ id: number }> {
  const communeId = editor(user);
  if (!isDbId(householdId)) notFound();
  const current = await db.householdBusiness.findFirst({
    where: { householdId, communeId },
    select: { id: true, name: true, sector: true },
  });
  if (!current) notFound();
  const skills = await activeBusinessSkills(db, communeId);
  const ticked = tickedIds(skills, input.skills);
  return db.$transaction(async (tx) => {
    const { count } = await tx.householdBusiness.updateMany({
      where: { id: current.id, communeId, version: input.version },
      data: { name: input.name, sector: input.sector, version: { increment: 1 } },
    });
    if (count === 0) {
      const done = await alreadySaved(tx, communeId, householdId, skills, ticked, input);
      if (!done) throw new Refusal(null, "staleBusiness");
      return { id: done };
    }
    const { add, remove } = await plan(tx, communeId, householdId, current.id, skills, ticked);
    await applySkills(tx, communeId, current.id, add, remove);
    const { changed, ...diff } = changes(current, input, ["name", "sector"]);
    await audit(
      tx,
      user,
      "business.update",
      "household_business",
      current.id,
      { householdId, changed, skillsAdded: keysOf(skills, add), skillsRemoved: keysOf(skills, remove) },
      diff,
    );
    return { id: current.id };
  }, WRITE_TRANSACTION);
}

/**
 * What the business form needs: the household's heading, its business (null when it has none), the
 * commune's active business skills with which are held and which a visit gave (with its day), and
 * the trades already used in the commune (suggestions). Staff only; null outside the commune.
 */
export async function getBusinessForm(user: CurrentUser, householdId: number) {
  const communeId = editor(user);
  if (!isDbId(householdId)) return null;
  const household = await db.household.findFirst({
    where: { id: householdId, communeId },
    select: {
      id: true,
      headName: true,
      business: {
        select: { id: true, name: true, sector: true, version: true, skills: { select: { skillId: true, acquiredOn: true } } },
      },
    },
  });
  if (!household) return null;
  const [skills, sectors] = await Promise.all([
    activeBusinessSkills(db, communeId),
    db.householdBusiness.findMany({
      where: { communeId },
      distinct: ["sector"],
      orderBy: { sector: "asc" },
      take: 50,
      select: { sector: true },
    }),
  ]);
  const held = household.business?.skills ?? [];
  const fromVisit = await visitGiven(db, communeId, householdId, held);
  const heldIds = new Set(held.map((s) => s.skillId));
  await audit(db, user, "household.view", "household", householdId, { form: "business" });
  const { business } = household;
  return {
    householdId: household.id,
    headName: household.headName,
    business: business ? { name: business.name, sector: business.sector, version: business.version } : null,
    skills: skills.map((s) => ({
      key: s.key,
      nameVi: s.nameVi,
      nameEn: s.nameEn,
      held: heldIds.has(s.id),
      fromVisitOn: fromVisit.get(s.id) ?? null,
    })),
    sectors: sectors.map((s) => s.sector),
  };
}

export type BusinessForm = NonNullable<Awaited<ReturnType<typeof getBusinessForm>>>;
