// The officials' drill-downs: villages → a village's households, branches against their targets,
// households not visited for 60 days. Every figure is counted in PostgreSQL; each function takes
// the acting user first, refuses every role but official and admin, and reads their commune only.
//
// Stock figures (households, reach, adoption, families, last visit) are as of today; flows
// (visits) are counted in the period asked for. The same functions feed the screens and the
// exports (app/api/exports), so a file always holds the numbers the screen shows.
import { EXPORT_MAX_ROWS } from "@/lib/exports/rows";
import { z } from "zod";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { readDb } from "@/lib/db/reads";
import { todayInVietnam } from "@/lib/format/dates";
import { ADULT_AGE } from "@/lib/families/status";
import { Prisma } from "@/lib/generated/prisma/client";
import type { FamilyStatus } from "@/lib/generated/prisma/enums";
import type { DateRange } from "@/lib/indicators/period";
import { dbId, isDbId } from "@/lib/validation/db-id";
import { STALE_DAYS } from "@/lib/visits/rules";

export const DRILLDOWN_PAGE_SIZE = 25;
/** The skill whose adoption the villages table shows on its own. */
export const VNEID_SKILL_KEY = "vneid_l2";

export type SortDir = "asc" | "desc";

const sortQuery = <const S extends readonly [string, ...string[]]>(sorts: S, fallback: S[number], dir: SortDir = "asc") =>
  z.object({
    sort: z.enum(sorts).catch(fallback).default(fallback),
    dir: z.enum(["asc", "desc"]).catch(dir).default(dir),
  });

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

export const VILLAGE_SORTS = [
  "name",
  "households",
  "reach",
  "vneid",
  "allSkills",
  "enrolled",
  "certified",
  "visits",
  "lastVisit",
] as const;
export const VillageQuerySchema = sortQuery(VILLAGE_SORTS, "name");
export type VillageQuery = z.infer<typeof VillageQuerySchema>;

export const VILLAGE_HOUSEHOLD_SORTS = ["head", "members", "status", "visits", "lastVisit"] as const;
export const VillageHouseholdQuerySchema = sortQuery(VILLAGE_HOUSEHOLD_SORTS, "head").extend({ page: PageSchema });
export type VillageHouseholdQuery = z.infer<typeof VillageHouseholdQuerySchema>;

export const BRANCH_SORTS = ["name", "adopted", "certified", "target", "met", "volunteers", "visits"] as const;
export const BranchQuerySchema = sortQuery(BRANCH_SORTS, "name");
export type BranchQuery = z.infer<typeof BranchQuerySchema>;

export const UNVISITED_SORTS = ["lastVisit", "head", "village", "members"] as const;
export const UnvisitedQuerySchema = sortQuery(UNVISITED_SORTS, "lastVisit").extend({
  page: PageSchema,
  village: dbId().optional().catch(undefined),
});
export type UnvisitedQuery = z.infer<typeof UnvisitedQuerySchema>;

/** Which rows: one page (screens) or all of them (exports). */
export type Paging = { page: number; size: number } | "all";

export type PageOf<T> = { rows: T[]; total: number; page: number; pages: number; size: number };

function staff(user: CurrentUser): number {
  requireCan(user, "indicators:read");
  return communeOf(user);
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

const order = (dir: SortDir) => (dir === "desc" ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS FIRST`);

function window(paging: Paging, total: number): { limit: number; offset: number; page: number; pages: number; size: number } {
  if (paging === "all") return { limit: EXPORT_MAX_ROWS, offset: 0, page: 1, pages: 1, size: EXPORT_MAX_ROWS };
  const pages = Math.max(1, Math.ceil(total / paging.size));
  const page = Math.min(Math.max(1, paging.page), pages);
  return { limit: paging.size, offset: (page - 1) * paging.size, page, pages, size: paging.size };
}

// ——— Villages ———

export type VillageStats = {
  id: number;
  name: string;
  households: number;
  /** Households met and helped by the period's last day (as the indicator households_reached). */
  reached: number;
  reach: number | null;
  /** Members aged 18 or more this year. */
  adults: number;
  vneid: number;
  vneidShare: number | null;
  /** Adults holding every skill the commune tracks (its active member skills). */
  allSkills: number;
  allSkillsShare: number | null;
  /** Digital families enrolled (any status), and those certified (digital or smart). */
  enrolled: number;
  certified: number;
  /** Visits in the period. */
  visits: number;
  lastVisitOn: Date | null;
};

export type VillageTable = { rows: VillageStats[]; period: DateRange; skillsTracked: number; vneidTracked: boolean };

export async function listVillageStats(
  user: CurrentUser,
  { period, sort = "name", dir = "asc" }: { period: DateRange } & Partial<VillageQuery>,
  now: Date = new Date(),
): Promise<VillageTable> {
  const communeId = staff(user);
  const adultYear = todayInVietnam(now).getUTCFullYear() - ADULT_AGE;
  const col: Record<VillageQuery["sort"], string> = {
    name: "x.name",
    households: "x.households",
    reach: "x.reach",
    vneid: "x.vneid_share",
    allSkills: "x.all_share",
    enrolled: "x.enrolled",
    certified: "x.certified",
    visits: "x.visits",
    lastVisit: "x.last_visit",
  };
  const key = Prisma.raw(col[sort]);
  type Row = Omit<VillageStats, "reach" | "vneidShare" | "allSkillsShare"> & { skills: number; vneid_tracked: boolean };
  const rows = await readDb.$queryRaw<Row[]>`
    WITH sk AS (
      SELECT id, key FROM skill WHERE commune_id = ${communeId} AND scope = 'member' AND active
    ), nsk AS (
      SELECT count(*)::int AS n, bool_or(key = ${VNEID_SKILL_KEY}) AS vneid FROM sk
    ), ms AS (
      SELECT ms.member_id, count(*)::int AS n, bool_or(sk.key = ${VNEID_SKILL_KEY}) AS vneid
      FROM member_skill ms JOIN sk ON sk.id = ms.skill_id
      WHERE ms.commune_id = ${communeId}
      GROUP BY ms.member_id
    ), ad AS (
      SELECT h.village_id, count(*)::int AS adults,
             count(*) FILTER (WHERE ms.vneid)::int AS vneid,
             count(*) FILTER (WHERE nsk.n > 0 AND ms.n = nsk.n)::int AS all_skills
      FROM member m
      JOIN household h ON h.id = m.household_id
      CROSS JOIN nsk
      LEFT JOIN ms ON ms.member_id = m.id
      WHERE m.commune_id = ${communeId} AND m.birth_year <= ${adultYear}
      GROUP BY h.village_id
    ), hh AS (
      SELECT village_id, count(*)::int AS households,
             count(*) FILTER (WHERE first_reached_on <= ${period.to}::date)::int AS reached, max(last_visit_on) AS last_visit
      FROM household WHERE commune_id = ${communeId}
      GROUP BY village_id
    ), fam AS (
      SELECT h.village_id, count(*)::int AS enrolled,
             count(*) FILTER (WHERE f.status IN ('digital', 'smart'))::int AS certified
      FROM digital_family f JOIN household h ON h.id = f.household_id
      WHERE f.commune_id = ${communeId}
      GROUP BY h.village_id
    ), vis AS (
      SELECT h.village_id, count(*)::int AS visits
      FROM visit v JOIN household h ON h.id = v.household_id
      WHERE v.commune_id = ${communeId} AND v.visited_on >= ${period.from}::date AND v.visited_on <= ${period.to}::date
      GROUP BY h.village_id
    )
    SELECT x.id, x.name, x.households, x.reached, x.adults, x.vneid, x.all_skills AS "allSkills", x.enrolled,
           x.certified, x.visits, x.last_visit AS "lastVisitOn", x.skills, x.vneid_tracked
    FROM (
      SELECT v.id, v.name,
             coalesce(hh.households, 0) AS households, coalesce(hh.reached, 0) AS reached,
             coalesce(ad.adults, 0) AS adults, coalesce(ad.vneid, 0) AS vneid, coalesce(ad.all_skills, 0) AS all_skills,
             coalesce(fam.enrolled, 0) AS enrolled, coalesce(fam.certified, 0) AS certified,
             coalesce(vis.visits, 0) AS visits, hh.last_visit,
             hh.reached::float8 / nullif(hh.households, 0) AS reach,
             CASE WHEN nsk.vneid THEN ad.vneid::float8 / nullif(ad.adults, 0) END AS vneid_share,
             CASE WHEN nsk.n > 0 THEN ad.all_skills::float8 / nullif(ad.adults, 0) END AS all_share,
             nsk.n AS skills, coalesce(nsk.vneid, false) AS vneid_tracked
      FROM village v
      CROSS JOIN nsk
      LEFT JOIN hh ON hh.village_id = v.id
      LEFT JOIN ad ON ad.village_id = v.id
      LEFT JOIN fam ON fam.village_id = v.id
      LEFT JOIN vis ON vis.village_id = v.id
      WHERE v.commune_id = ${communeId}
    ) x
    ORDER BY ${key} ${order(dir)}, x.name ASC, x.id ASC`;
  const skillsTracked = rows[0]?.skills ?? 0;
  const vneidTracked = rows[0]?.vneid_tracked ?? false;
  return {
    period,
    skillsTracked,
    vneidTracked,
    rows: rows.map(({ skills: _s, vneid_tracked: _v, ...r }) => ({
      ...r,
      reach: ratio(r.reached, r.households),
      vneidShare: vneidTracked ? ratio(r.vneid, r.adults) : null,
      allSkillsShare: skillsTracked > 0 ? ratio(r.allSkills, r.adults) : null,
    })),
  };
}

// ——— Households (of a village, or not visited for 60 days) ———

export type HouseholdStats = {
  id: number;
  headName: string;
  address: string;
  villageName: string;
  members: number;
  familyStatus: FamilyStatus | null;
  /** Visits in the period. */
  visits: number;
  lastVisitOn: Date | null;
};

type HouseholdSort = VillageHouseholdQuery["sort"] | UnvisitedQuery["sort"];

async function householdPage(
  communeId: number,
  where: Prisma.Sql,
  { period, sort, dir, paging }: { period: DateRange; sort: HouseholdSort; dir: SortDir; paging: Paging },
): Promise<PageOf<HouseholdStats>> {
  const [{ total }] = await readDb.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM household h WHERE h.commune_id = ${communeId} AND ${where}`;
  const w = window(paging, total);
  const key = {
    head: Prisma.raw("x.head_name"),
    village: Prisma.raw("x.village_name"),
    members: Prisma.raw("x.members"),
    status: Prisma.raw("x.status"),
    visits: Prisma.raw("x.visits"),
    lastVisit: Prisma.raw("x.last_visit_on"),
  }[sort];
  // The order is computed over the matching households (a village, or the unvisited of one
  // commune); member and visit counts come from the (household_id) indexes.
  const rows = await readDb.$queryRaw<(Omit<HouseholdStats, "familyStatus"> & { familyStatus: FamilyStatus | null })[]>`
    SELECT x.id, x.head_name AS "headName", x.address, x.village_name AS "villageName", x.members,
           x.status::text AS "familyStatus", x.visits, x.last_visit_on AS "lastVisitOn"
    FROM (
      SELECT h.id, h.head_name, h.address, v.name AS village_name, h.last_visit_on, f.status,
             (SELECT count(*)::int FROM member m WHERE m.household_id = h.id) AS members,
             (SELECT count(*)::int FROM visit vi WHERE vi.household_id = h.id
                AND vi.visited_on >= ${period.from}::date AND vi.visited_on <= ${period.to}::date) AS visits
      FROM household h
      JOIN village v ON v.id = h.village_id
      LEFT JOIN digital_family f ON f.household_id = h.id
      WHERE h.commune_id = ${communeId} AND ${where}
    ) x
    ORDER BY ${key} ${order(dir)}, x.head_name ASC, x.id ASC
    LIMIT ${w.limit} OFFSET ${w.offset}`;
  return { rows, total, page: w.page, pages: w.pages, size: w.size };
}

export type VillageHouseholds = PageOf<HouseholdStats> & { village: { id: number; name: string }; period: DateRange };

/** A village's households, or null when the village is not in the user's commune (→ 404). */
export async function listVillageHouseholds(
  user: CurrentUser,
  villageId: number,
  {
    period,
    sort = "head",
    dir = "asc",
    paging = { page: 1, size: DRILLDOWN_PAGE_SIZE },
  }: { period: DateRange; paging?: Paging } & Partial<Omit<VillageHouseholdQuery, "page">>,
): Promise<VillageHouseholds | null> {
  const communeId = staff(user);
  if (!isDbId(villageId)) return null;
  const village = await readDb.village.findFirst({ where: { id: villageId, communeId }, select: { id: true, name: true } });
  if (!village) return null;
  const page = await householdPage(communeId, Prisma.sql`h.village_id = ${village.id}`, { period, sort, dir, paging });
  return { ...page, village, period };
}

/** The day before which a last visit counts as stale: today (Vietnam) minus 60 days. */
export function staleBefore(now: Date = new Date()): Date {
  return new Date(todayInVietnam(now).getTime() - STALE_DAYS * 86_400_000);
}

export type UnvisitedHouseholds = PageOf<HouseholdStats> & {
  village: { id: number; name: string } | null;
  period: DateRange;
  staleBefore: Date;
};

/**
 * Households never visited, or whose last visit is more than 60 days old (a visit exactly 60
 * days ago still counts), optionally of one village; null when that village is not the user's.
 */
export async function listUnvisitedHouseholds(
  user: CurrentUser,
  {
    period,
    village: villageId,
    sort = "lastVisit",
    dir = "asc",
    paging = { page: 1, size: DRILLDOWN_PAGE_SIZE },
  }: { period: DateRange; paging?: Paging } & Partial<Omit<UnvisitedQuery, "page">>,
  now: Date = new Date(),
): Promise<UnvisitedHouseholds | null> {
  const communeId = staff(user);
  let village: { id: number; name: string } | null = null;
  if (villageId !== undefined) {
    if (!isDbId(villageId)) return null;
    village = await readDb.village.findFirst({ where: { id: villageId, communeId }, select: { id: true, name: true } });
    if (!village) return null;
  }
  const before = staleBefore(now);
  const stale = Prisma.sql`(h.last_visit_on IS NULL OR h.last_visit_on < ${before}::date)`;
  const where = village ? Prisma.sql`h.village_id = ${village.id} AND ${stale}` : stale;
  const page = await householdPage(communeId, where, { period, sort, dir, paging });
  return { ...page, village, period, staleBefore: before };
}

/** The commune's villages (for the unvisited list's filter). */
export async function listDrilldownVillages(user: CurrentUser): Promise<{ id: number; name: string }[]> {
  const communeId = staff(user);
  return readDb.$queryRaw<{ id: number; name: string }[]>`
    SELECT id, name FROM village WHERE commune_id = ${communeId} ORDER BY name, id`;
}

// ——— Branches ———

export type BranchStats = {
  id: number;
  name: string;
  villageName: string | null;
  target: number;
  /** Digital families the branch adopted (any status), and those certified. */
  adopted: number;
  certified: number;
  met: boolean;
  volunteers: number;
  /** Visits recorded in the period by the branch's volunteers. */
  visits: number;
};

export async function listBranchStats(
  user: CurrentUser,
  { period, sort = "name", dir = "asc" }: { period: DateRange } & Partial<BranchQuery>,
): Promise<{ rows: BranchStats[]; period: DateRange }> {
  const communeId = staff(user);
  const key = Prisma.raw(
    {
      name: "x.name",
      adopted: "x.adopted",
      certified: "x.certified",
      target: "x.target",
      met: "x.met",
      volunteers: "x.volunteers",
      visits: "x.visits",
    }[sort],
  );
  const rows = await readDb.$queryRaw<BranchStats[]>`
    SELECT x.* FROM (
      SELECT b.id, b.name, vl.name AS "villageName", b.target_families AS target,
             coalesce(f.adopted, 0) AS adopted, coalesce(f.certified, 0) AS certified,
             coalesce(f.adopted, 0) >= b.target_families AS met,
             coalesce(p.volunteers, 0) AS volunteers, coalesce(vs.visits, 0) AS visits
      FROM youth_branch b
      LEFT JOIN village vl ON vl.id = b.village_id
      LEFT JOIN (
        SELECT branch_id, count(*)::int AS adopted,
               count(*) FILTER (WHERE status IN ('digital', 'smart'))::int AS certified
        FROM digital_family WHERE commune_id = ${communeId} AND branch_id IS NOT NULL
        GROUP BY branch_id
      ) f ON f.branch_id = b.id
      LEFT JOIN (
        SELECT branch_id, count(*)::int AS volunteers FROM volunteer_profile WHERE commune_id = ${communeId} GROUP BY branch_id
      ) p ON p.branch_id = b.id
      LEFT JOIN (
        SELECT p.branch_id, count(*)::int AS visits
        FROM visit v JOIN volunteer_profile p ON p.user_id = v.volunteer_id AND p.commune_id = ${communeId}
        WHERE v.commune_id = ${communeId} AND v.visited_on >= ${period.from}::date AND v.visited_on <= ${period.to}::date
        GROUP BY p.branch_id
      ) vs ON vs.branch_id = b.id
      WHERE b.commune_id = ${communeId}
    ) x
    ORDER BY ${key} ${order(dir)}, x.name ASC, x.id ASC`;
  return { rows, period };
}
