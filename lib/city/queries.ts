import { LRUCache } from "lru-cache";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { todayInVietnam } from "@/lib/format/dates";
import { ADULT_AGE } from "@/lib/families/status";
import { isoOf } from "@/lib/indicators/period";

export type CommuneRank = { communeId: number; name: string; participants: number; visits: number; rank: number };

/** The city's comparison of communes in a contest: aggregates only, never personal data. */
export async function getContestRanking(user: CurrentUser) {
  requireCan(user, "city:compare");
  const contest = await db.contest.findFirst({
    orderBy: { startsOn: "desc" },
    select: { id: true, name: true, startsOn: true, endsOn: true },
  });
  if (!contest) return null;
  const rows = await db.$queryRaw<{ commune_id: number; name: string; participants: bigint; visits: bigint; rank: bigint }[]>`
    SELECT c.id AS commune_id, c.name, sum(r.participants) AS participants, sum(r.visits) AS visits,
           rank() OVER (ORDER BY sum(r.participants) DESC) AS rank
    FROM contest_result r JOIN commune c ON c.id = r.commune_id
    WHERE r.contest_id = ${contest.id}
    GROUP BY c.id, c.name
    ORDER BY participants DESC, c.name`;
  const ranking: CommuneRank[] = rows.map((r) => ({
    communeId: r.commune_id,
    name: r.name,
    participants: Number(r.participants),
    visits: Number(r.visits),
    rank: Number(r.rank),
  }));
  return { contest, ranking };
}

/** The indicators the city compares communes on; each is ranked with the highest first. */
export const COMPARISON_KEYS = [
  "households",
  "reached",
  "reachRate",
  "adults",
  "vneidRate",
  "certified",
  "recentVisits",
  "participants",
] as const;
export type ComparisonKey = (typeof COMPARISON_KEYS)[number];

/** The skill whose adoption among adults the city compares: VNeID identification level 2. */
export const VNEID_SKILL_KEY = "vneid_l2";
/** "Recent visits" count the visits of the last 30 days, today included (Vietnam time). */
export const RECENT_VISIT_DAYS = 30;

export type CommuneComparison = {
  communeId: number;
  name: string;
  /** Each indicator's value (a rate in 0..1; null: no households or no adults) and rank (1 = best, no data last). */
  values: Record<ComparisonKey, number | null>;
  ranks: Record<ComparisonKey, number>;
  /** Adults with VNeID level 2 (the rate's numerator). */
  vneidAdults: number;
};

export function parseComparisonSort(sort: string | undefined | null): ComparisonKey | null {
  return COMPARISON_KEYS.find((k) => k === sort) ?? null;
}

type ComparisonRow = {
  commune_id: number;
  name: string;
  households: bigint;
  reached: bigint;
  reach_rate: number | null;
  adults: bigint;
  vneid: bigint;
  vneid_rate: number | null;
  certified: bigint;
  recent_visits: bigint;
  participants: bigint;
  r_households: bigint;
  r_reached: bigint;
  r_reach_rate: bigint;
  r_adults: bigint;
  r_vneid_rate: bigint;
  r_certified: bigint;
  r_recent_visits: bigint;
  r_participants: bigint;
  n_all: bigint;
  n_reach_rate: bigint;
  n_vneid_rate: bigint;
  n_with_households: bigint;
};

/**
 * The comparison as SQL: every commune of the city with its aggregates and its rank (RANK(), the
 * highest first, no data last) on each indicator, and how many communes have a value for it.
 * Each CTE groups one table by commune_id (the leading column of the indexes it reads). Shared by
 * the city's table and an official's own rank, so both read the same numbers.
 */
function rankedCommunesSql(today: Date): Prisma.Sql {
  const d = isoOf(today);
  // Same rule as the official's indicators: an adult from the year one turns 18.
  const cutoff = today.getUTCFullYear() - ADULT_AGE;
  return Prisma.sql`
    WITH h AS (
      SELECT commune_id, count(*) AS n, count(*) FILTER (WHERE first_visit_on <= ${d}::date) AS reached
      FROM household GROUP BY commune_id),
    v AS (
      SELECT commune_id, count(*) AS recent
      FROM visit WHERE visited_on > ${d}::date - ${RECENT_VISIT_DAYS}::int AND visited_on <= ${d}::date GROUP BY commune_id),
    a AS (SELECT commune_id, count(*) AS n FROM member WHERE birth_year <= ${cutoff} GROUP BY commune_id),
    s AS (
      SELECT ms.commune_id, count(*) AS n
      FROM member_skill ms
      JOIN skill sk ON sk.id = ms.skill_id AND sk.key = ${VNEID_SKILL_KEY} AND sk.active
      WHERE ms.acquired_on <= ${d}::date AND ms.birth_year <= ${cutoff}
      GROUP BY ms.commune_id),
    f AS (SELECT commune_id, count(*) AS n FROM digital_family WHERE digital_on <= ${d}::date GROUP BY commune_id),
    k AS (
      SELECT commune_id, sum(participants) AS n FROM contest_result
      WHERE contest_id = (SELECT id FROM contest ORDER BY starts_on DESC, id DESC LIMIT 1)
      GROUP BY commune_id),
    base AS (
      SELECT c.id AS commune_id, c.name,
             coalesce(h.n, 0) AS households, coalesce(h.reached, 0) AS reached,
             CASE WHEN h.n > 0 THEN h.reached::float8 / h.n END AS reach_rate,
             coalesce(a.n, 0) AS adults, coalesce(s.n, 0) AS vneid,
             CASE WHEN a.n > 0 THEN coalesce(s.n, 0)::float8 / a.n END AS vneid_rate,
             coalesce(f.n, 0) AS certified, coalesce(v.recent, 0) AS recent_visits,
             coalesce(k.n, 0) AS participants
      FROM commune c
      LEFT JOIN h ON h.commune_id = c.id LEFT JOIN v ON v.commune_id = c.id LEFT JOIN a ON a.commune_id = c.id
      LEFT JOIN s ON s.commune_id = c.id LEFT JOIN f ON f.commune_id = c.id LEFT JOIN k ON k.commune_id = c.id)
    SELECT base.*,
           rank() OVER (ORDER BY households DESC) AS r_households,
           rank() OVER (ORDER BY reached DESC) AS r_reached,
           rank() OVER (ORDER BY reach_rate DESC NULLS LAST) AS r_reach_rate,
           rank() OVER (ORDER BY adults DESC) AS r_adults,
           rank() OVER (ORDER BY vneid_rate DESC NULLS LAST) AS r_vneid_rate,
           rank() OVER (ORDER BY certified DESC) AS r_certified,
           rank() OVER (ORDER BY recent_visits DESC) AS r_recent_visits,
           rank() OVER (ORDER BY participants DESC) AS r_participants,
           count(*) OVER () AS n_all,
           count(reach_rate) OVER () AS n_reach_rate,
           count(vneid_rate) OVER () AS n_vneid_rate,
           count(*) FILTER (WHERE households > 0) OVER () AS n_with_households
    FROM base`;
}

/**
 * How long the city's ranked table is served before it is counted again. Counting it reads every
 * commune's households, members and visits (seconds at the size of the whole city, DESIGN.md), so
 * the official's home, which shows the commune's rank, must not wait for it on every load; a new
 * visit still reaches the ranks within a minute. lru-cache serves the last table while a fresh one
 * is counted in the background (stale-while-revalidate), and counts it once however many requests
 * ask at the same time.
 */
export const CITY_RANKS_TTL_MS = 60_000;

const cityRanks = new LRUCache<string, ComparisonRow[]>({
  max: 4,
  ttl: CITY_RANKS_TTL_MS,
  allowStale: true,
  noDeleteOnStaleGet: true,
  allowStaleOnFetchRejection: true,
  fetchMethod: (day) =>
    db.$queryRaw<ComparisonRow[]>`
      SELECT * FROM (${rankedCommunesSql(new Date(`${day}T00:00:00Z`))}) ranked ORDER BY ranked.name, ranked.commune_id`,
});

/** Every commune's row of the ranked table for `today` (Vietnam's date), from the cache above. */
async function rankedCommunes(today: Date): Promise<ComparisonRow[]> {
  return (await cityRanks.fetch(isoOf(today))) ?? [];
}

/** Drops the cached tables, so the next call counts again (tests that change the figures). */
export function forgetCityRanks(): void {
  cityRanks.clear();
}

/**
 * Every commune of the city side by side, aggregates only (no personal data), with its rank on
 * each indicator. One statement; JavaScript only orders the ~hundred result rows by the chosen
 * indicator.
 */
export async function getCommuneComparison(
  user: CurrentUser,
  sort: ComparisonKey | null = null,
  today: Date = todayInVietnam(),
): Promise<CommuneComparison[]> {
  requireCan(user, "city:compare");
  const rows = await rankedCommunes(today);
  const n = (x: bigint) => Number(x);
  const list: CommuneComparison[] = rows.map((r) => ({
    communeId: r.commune_id,
    name: r.name,
    vneidAdults: n(r.vneid),
    values: {
      households: n(r.households),
      reached: n(r.reached),
      reachRate: r.reach_rate,
      adults: n(r.adults),
      vneidRate: r.vneid_rate,
      certified: n(r.certified),
      recentVisits: n(r.recent_visits),
      participants: n(r.participants),
    },
    ranks: {
      households: n(r.r_households),
      reached: n(r.r_reached),
      reachRate: n(r.r_reach_rate),
      adults: n(r.r_adults),
      vneidRate: n(r.r_vneid_rate),
      certified: n(r.r_certified),
      recentVisits: n(r.r_recent_visits),
      participants: n(r.r_participants),
    },
  }));
  // Rows come sorted by name; a stable sort by rank keeps names in order within ties.
  const key = sort ?? "participants";
  return list.sort((x, y) => x.ranks[key] - y.ranks[key]);
}

/** An official's own commune among the city's: on each comparison indicator, its value, rank and out of how many. */
export type MyCommuneRank = {
  /** Communes of the city (the city's comparison table has a row for each). */
  communes: number;
  /** Rank (1 = best; tied communes share a rank) and the communes with a value for the indicator; rank null: no value of our own. */
  ranks: Record<ComparisonKey, { value: number | null; rank: number | null; of: number }>;
};

const RATE_KEYS: readonly ComparisonKey[] = ["reachRate", "vneidRate"];

/**
 * The user's own commune's rank among the city's communes on each comparison indicator (the
 * city's own table: the same statement), or null when no other commune has figures (no household
 * registered) to be compared with. Only the commune's own figures and ranks leave the database:
 * the filter on the user's commune is applied after the ranks are computed over every commune.
 */
export async function getMyCommuneRank(user: CurrentUser, today: Date = todayInVietnam()): Promise<MyCommuneRank | null> {
  requireCan(user, "indicators:read");
  const c = communeOf(user);
  const r = (await rankedCommunes(today)).find((row) => row.commune_id === c);
  if (!r) return null;
  const n = (x: bigint) => Number(x);
  const others = n(r.n_with_households) - (n(r.households) > 0 ? 1 : 0);
  if (others === 0) return null;
  const all = n(r.n_all);
  const entry = (value: number | null, rank: bigint, of: number) => ({ value, rank: value === null ? null : n(rank), of });
  return {
    communes: all,
    ranks: {
      households: entry(n(r.households), r.r_households, all),
      reached: entry(n(r.reached), r.r_reached, all),
      reachRate: entry(r.reach_rate, r.r_reach_rate, n(r.n_reach_rate)),
      adults: entry(n(r.adults), r.r_adults, all),
      vneidRate: entry(r.vneid_rate, r.r_vneid_rate, n(r.n_vneid_rate)),
      certified: entry(n(r.certified), r.r_certified, all),
      recentVisits: entry(n(r.recent_visits), r.r_recent_visits, all),
      participants: entry(n(r.participants), r.r_participants, all),
    },
  };
}

/** Whether a comparison indicator is a rate (0..1) rather than a count. */
export function isComparisonRate(key: ComparisonKey): boolean {
  return RATE_KEYS.includes(key);
}
