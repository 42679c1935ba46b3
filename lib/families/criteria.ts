// The commune's digital-family criteria and its member skills, edited by the admin. Every change
// recomputes every family of the commune in the same transaction, so no status is ever left
// describing criteria that no longer hold. For a large commune this is the slow part of the
// request (one pass over the commune's families); correctness first.
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { audit } from "@/lib/audit/log";
import { db, type DbClient } from "@/lib/db";
import { recomputeFamilies } from "@/lib/families/recompute";
import { parseInput, Refusal } from "@/lib/validation/refusal";
import {
  CriterionCreateSchema,
  CriterionRemoveSchema,
  CriterionUpdateSchema,
  MemberSkillSchema,
  SkillActiveSchema,
} from "@/lib/families/schemas";
import { Prisma } from "@/lib/generated/prisma/client";

// A whole-commune recompute can take longer than Prisma's default five seconds.
const TX = { maxWait: 10_000, timeout: 120_000 };

/** The criteria page: the commune's criteria and its member skills (active or not). */
export async function getCriteriaSettings(user: CurrentUser) {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const [criteria, skills, families] = await Promise.all([
    db.familyCriterion.findMany({
      where: { communeId },
      orderBy: [{ level: "asc" }, { sortOrder: "asc" }, { id: "asc" }],
      select: {
        id: true,
        level: true,
        rule: true,
        skill: { select: { id: true, key: true, nameVi: true, nameEn: true, active: true } },
      },
    }),
    db.skill.findMany({
      where: { communeId, scope: "member" },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, key: true, nameVi: true, nameEn: true, active: true, builtin: true },
    }),
    db.digitalFamily.groupBy({ by: ["status"], where: { communeId }, _count: { _all: true } }),
  ]);
  return {
    criteria,
    skills,
    familiesByStatus: Object.fromEntries(families.map((f) => [f.status, f._count._all])) as Partial<Record<string, number>>,
  };
}

/**
 * Serialises criteria changes within a commune: two admins saving at once would otherwise each
 * recompute against criteria the other is changing.
 */
async function lockCommune(tx: DbClient, communeId: number) {
  await tx.$queryRaw`SELECT id FROM commune WHERE id = ${communeId} FOR UPDATE`;
}

async function memberSkill(tx: DbClient, communeId: number, skillId: number) {
  return tx.skill.findFirst({
    where: { id: skillId, communeId, scope: "member" },
    select: { id: true, key: true, active: true },
  });
}

function isUniqueViolation(err: unknown) {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/** Adds a criterion: an active member skill at a level, once per level. */
export async function addCriterion(user: CurrentUser, input: Record<string, unknown>): Promise<{ changed: number }> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const { skillId, level, rule } = parseInput(CriterionCreateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      await lockCommune(tx, communeId);
      const skill = await memberSkill(tx, communeId, skillId);
      if (!skill || !skill.active) throw new Refusal("skillId", "skillInvalid");
      const dup = await tx.familyCriterion.count({ where: { communeId, skillId, level } });
      if (dup > 0) throw new Refusal("skillId", "criterionDuplicate");
      const last = await tx.familyCriterion.aggregate({ where: { communeId }, _max: { sortOrder: true } });
      const created = await tx.familyCriterion.create({
        data: { communeId, skillId, level, rule, sortOrder: (last._max.sortOrder ?? 0) + 10 },
        select: { id: true },
      });
      const changed = await recomputeFamilies(tx, communeId);
      await audit(tx, user, "create", "family_criterion", created.id, { skill: skill.key, level, rule, changed });
      return { changed };
    }, TX);
  } catch (err) {
    if (isUniqueViolation(err)) throw new Refusal("skillId", "criterionDuplicate");
    throw err;
  }
}

/** Changes a criterion's level or rule (the skill still appears once per level). */
export async function updateCriterion(user: CurrentUser, input: Record<string, unknown>): Promise<{ changed: number }> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const { id, level, rule } = parseInput(CriterionUpdateSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      await lockCommune(tx, communeId);
      const current = await tx.familyCriterion.findFirst({
        where: { id, communeId },
        select: { skillId: true, level: true, rule: true, skill: { select: { key: true } } },
      });
      if (!current) throw new Refusal(null, "criterionNotFound");
      if (current.level === level && current.rule === rule) return { changed: 0 };
      if (current.level !== level) {
        const dup = await tx.familyCriterion.count({ where: { communeId, skillId: current.skillId, level } });
        if (dup > 0) throw new Refusal("level", "criterionDuplicate");
      }
      await tx.familyCriterion.update({ where: { id }, data: { level, rule } });
      const changed = await recomputeFamilies(tx, communeId);
      await audit(tx, user, "update", "family_criterion", id, {
        skill: current.skill.key,
        from: { level: current.level, rule: current.rule },
        to: { level, rule },
        changed,
      });
      return { changed };
    }, TX);
  } catch (err) {
    if (isUniqueViolation(err)) throw new Refusal("level", "criterionDuplicate");
    throw err;
  }
}

export async function removeCriterion(user: CurrentUser, input: Record<string, unknown>): Promise<{ changed: number }> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const { id } = parseInput(CriterionRemoveSchema, input);
  return db.$transaction(async (tx) => {
    await lockCommune(tx, communeId);
    const removed = await tx.familyCriterion.deleteMany({ where: { id, communeId } });
    if (removed.count === 0) throw new Refusal(null, "criterionNotFound");
    const changed = await recomputeFamilies(tx, communeId);
    await audit(tx, user, "delete", "family_criterion", id, { changed });
    return { changed };
  }, TX);
}

/**
 * Turns a member skill on or off for the commune. An inactive skill's criteria are ignored
 * (lib/families/recompute.ts loads only active skills' criteria), so statuses follow.
 */
export async function setSkillActive(user: CurrentUser, input: Record<string, unknown>): Promise<{ changed: number }> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const { skillId, active } = parseInput(SkillActiveSchema, input);
  return db.$transaction(async (tx) => {
    await lockCommune(tx, communeId);
    const skill = await memberSkill(tx, communeId, skillId);
    if (!skill) throw new Refusal("skillId", "skillInvalid");
    if (skill.active === active) return { changed: 0 };
    await tx.skill.update({ where: { id: skillId }, data: { active } });
    const changed = await recomputeFamilies(tx, communeId);
    await audit(tx, user, active ? "activate" : "deactivate", "skill", skillId, { key: skill.key, changed });
    return { changed };
  }, TX);
}

/** Adds the commune's own member skill (active, not yet in any criterion). */
export async function addMemberSkill(user: CurrentUser, input: Record<string, unknown>): Promise<{ skillId: number }> {
  requireCan(user, "commune:administer");
  const communeId = communeOf(user);
  const { key, nameVi, nameEn } = parseInput(MemberSkillSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.skill.count({ where: { communeId, key } });
      if (taken > 0) throw new Refusal("key", "skillKeyTaken");
      const last = await tx.skill.aggregate({ where: { communeId, scope: "member" }, _max: { sortOrder: true } });
      const skill = await tx.skill.create({
        data: {
          communeId,
          key,
          nameVi,
          nameEn,
          scope: "member",
          builtin: false,
          active: true,
          sortOrder: (last._max.sortOrder ?? 0) + 10,
        },
        select: { id: true },
      });
      await audit(tx, user, "create", "skill", skill.id, { key });
      return { skillId: skill.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new Refusal("key", "skillKeyTaken");
    throw err;
  }
}
