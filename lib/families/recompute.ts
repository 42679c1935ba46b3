// Keeps each digital family's status equal to what its members' skills and the commune's
// criteria give. Called in the same transaction as any change to a skill, a member, or the
// criteria. The rule is lib/families/status.ts (computeFamilyStatus, which the pages use to show
// what is met); here it is written once more in SQL so that a save recomputes its household in one
// statement (a visit is written on a busy machine: issue 13). recompute.test.ts holds the two
// to the same answer over varied households.
import type { DbClient } from "@/lib/db";
import { ADULT_AGE } from "@/lib/families/status";
import { todayInVietnam } from "@/lib/format/dates";
import { Prisma, type FamilyStatus } from "@/lib/generated/prisma/client";

/** The commune's criteria in the shape computeFamilyStatus takes. */
export async function loadCriteria(tx: DbClient, communeId: number) {
  const rows = await tx.familyCriterion.findMany({
    where: { communeId, skill: { active: true } },
    select: { level: true, rule: true, skill: { select: { key: true } } },
  });
  return rows.map((r) => ({ level: r.level, rule: r.rule, skillKey: r.skill.key }));
}

export type FamilyStatusChange = { householdId: number; before: FamilyStatus; after: FamilyStatus };

/**
 * Recomputes the families of `householdIds` (or of the whole commune) in one statement, and returns
 * each family's status before and after. A level's date is set when it is first reached and
 * cleared if the family falls below it (e.g. after the criteria change); a family whose status and
 * dates are unchanged is not written.
 *
 * The rule, as computeFamilyStatus: adults are members aged 18 or more this year (in Vietnam);
 * `all_adults` holds when there is an adult and every adult has the skill, `any_adult` when one
 * has it; a level holds when it has criteria and all hold; smart needs digital; in progress when
 * any criterion holds.
 */
export async function recomputeFamilyStatuses(
  tx: DbClient,
  communeId: number,
  householdIds?: readonly number[],
  now: Date = new Date(),
): Promise<FamilyStatusChange[]> {
  return recomputeSql(tx, communeId, householdIds, now);
}

/**
 * The statement, for one commune (`communeId`) or for every commune at once (null): each family
 * is held to its own commune's criteria (met joins crit on commune_id; a skill belongs to one
 * commune, so a member's skills only ever match their own commune's criteria).
 */
async function recomputeSql(
  tx: DbClient,
  communeId: number | null,
  householdIds: readonly number[] | undefined,
  now: Date,
): Promise<FamilyStatusChange[]> {
  return tx.$queryRaw<FamilyStatusChange[]>(recomputeStatement(communeId, householdIds, now));
}

function recomputeStatement(communeId: number | null, householdIds: readonly number[] | undefined, now: Date): Prisma.Sql {
  const today = todayInVietnam(now);
  const adultBorn = today.getUTCFullYear() - ADULT_AGE;
  const only = householdIds ? Prisma.sql`AND f.household_id = ANY(${[...householdIds]}::int[])` : Prisma.empty;
  const inCommune = (column: string) =>
    communeId === null ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(column)} = ${communeId}`;
  return Prisma.sql`
    WITH crit AS (
      SELECT c.commune_id, c.skill_id, c.level::text AS level, c.rule::text AS rule
      FROM family_criterion c JOIN skill s ON s.id = c.skill_id
      WHERE ${inCommune("c.commune_id")} AND s.active
    ), fam AS (
      SELECT f.id, f.commune_id, f.household_id, f.status, f.in_progress_on, f.digital_on, f.smart_on
      FROM digital_family f WHERE ${inCommune("f.commune_id")} ${only}
    ), adults AS (
      SELECT m.household_id, count(*) AS n
      FROM member m JOIN fam ON fam.household_id = m.household_id
      WHERE m.birth_year <= ${adultBorn}
      GROUP BY m.household_id
    ), holders AS (
      SELECT m.household_id, ms.skill_id, count(*) AS n
      FROM member m JOIN fam ON fam.household_id = m.household_id
      JOIN member_skill ms ON ms.member_id = m.id
      WHERE m.birth_year <= ${adultBorn} AND ms.skill_id IN (SELECT skill_id FROM crit)
      GROUP BY m.household_id, ms.skill_id
    ), met AS (
      SELECT fam.id, crit.level,
             CASE WHEN crit.rule = 'all_adults' THEN coalesce(a.n, 0) > 0 AND coalesce(h.n, 0) = a.n
                  ELSE coalesce(h.n, 0) > 0 END AS met
      FROM fam JOIN crit ON crit.commune_id = fam.commune_id
      LEFT JOIN adults a ON a.household_id = fam.household_id
      LEFT JOIN holders h ON h.household_id = fam.household_id AND h.skill_id = crit.skill_id
    ), levels AS (
      SELECT fam.id,
             count(met.met) FILTER (WHERE met.level = 'digital') > 0
               AND coalesce(bool_and(met.met) FILTER (WHERE met.level = 'digital'), false) AS digital,
             count(met.met) FILTER (WHERE met.level = 'smart') > 0
               AND coalesce(bool_and(met.met) FILTER (WHERE met.level = 'smart'), false) AS smart,
             coalesce(bool_or(met.met), false) AS any_met
      FROM fam LEFT JOIN met ON met.id = fam.id
      GROUP BY fam.id
    ), computed AS (
      SELECT fam.*, s.status AS new_status,
             CASE WHEN s.rank >= 1 THEN coalesce(fam.in_progress_on, ${today}::date) END AS new_in_progress_on,
             CASE WHEN s.rank >= 2 THEN coalesce(fam.digital_on, ${today}::date) END AS new_digital_on,
             CASE WHEN s.rank >= 3 THEN coalesce(fam.smart_on, ${today}::date) END AS new_smart_on
      FROM fam JOIN levels l ON l.id = fam.id
      CROSS JOIN LATERAL (
        SELECT CASE WHEN l.digital AND l.smart THEN 'smart' WHEN l.digital THEN 'digital'
                    WHEN l.any_met THEN 'in_progress' ELSE 'enrolled' END::"FamilyStatus" AS status,
               CASE WHEN l.digital AND l.smart THEN 3 WHEN l.digital THEN 2 WHEN l.any_met THEN 1 ELSE 0 END AS rank
      ) s
    ), written AS (
      UPDATE digital_family f
      SET status = c.new_status, in_progress_on = c.new_in_progress_on, digital_on = c.new_digital_on,
          smart_on = c.new_smart_on, version = f.version + 1
      FROM computed c
      WHERE f.id = c.id
        AND (c.new_status, c.new_in_progress_on, c.new_digital_on, c.new_smart_on)
            IS DISTINCT FROM (c.status, c.in_progress_on, c.digital_on, c.smart_on)
      RETURNING f.id
    )
    SELECT c.household_id AS "householdId", c.status::text AS before, c.new_status::text AS after
    FROM computed c ORDER BY c.household_id`;
}

/**
 * Recomputes every digital family of every commune, each under its own commune's criteria, in
 * one statement; returns how many families changed status. Unscoped on purpose (no user, every
 * commune): for the seed and maintenance scripts only, which must leave no status that the
 * members' skills do not give (issue 16: the demo wrote other communes' statuses directly).
 */
export async function unsafeRecomputeEveryCommune(tx: DbClient, now: Date = new Date()): Promise<number> {
  const changes = await recomputeSql(tx, null, undefined, now);
  return changes.filter((c) => c.before !== c.after).length;
}

/**
 * The same statement for a plain `pg` client (the city benchmark's loader): its text with $n
 * parameters and their values, the day as an ISO date (pg would send a Date as a time stamp).
 */
export function unsafeEveryCommuneRecomputeQuery(now: Date = new Date()): { text: string; values: unknown[] } {
  const sql = recomputeStatement(null, undefined, now);
  return { text: sql.text, values: sql.values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)) };
}

/**
 * Recomputes the families of `householdIds` (or of the whole commune). Returns how many families
 * changed status.
 */
export async function recomputeFamilies(
  tx: DbClient,
  communeId: number,
  householdIds?: readonly number[],
  now: Date = new Date(),
): Promise<number> {
  const changes = await recomputeFamilyStatuses(tx, communeId, householdIds, now);
  return changes.filter((c) => c.before !== c.after).length;
}
