import { LRUCache } from "lru-cache";
import { readDb } from "@/lib/db/reads";
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
  const contest = await readDb.contest.findFirst({
    orderBy: { startsOn: "desc" },
    select: { id: true, name: true, startsOn: true, endsOn: true },
  });
  if (!contest) return null;
  const rows = await readDb.$queryRaw<{ commune_id: number; name: string; participants: bigint; visits: bigint; rank: bigint }[]>`
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
  /**
   * Each indicator's value (a rate in 0..1; null: no data — no household registered, no adults, no
   * contest figures) and rank (1 = best; null without a value: a commune without data is not ranked).
   */
  values: Record<ComparisonKey, number | null>;
  ranks: Record<ComparisonKey, number | null>;
  /** Adults with VNeID level 2 (the rate's numerator). */
  vneidAdults: number;
};

export function parseComparisonSort(sort: string | undefined | null): ComparisonKey | null {
  return COMPARISON_KEYS.find((k) => k === sort) ?? null;
}

// Per indicator: the value (null: no data), the rank (null: no value) and how many communes have a value.
type ComparisonRow = {
  commune_id: number;
  name: string;
  vneid: bigint;
  n_all: bigint;
} & { [K in SqlKey]: bigint | number | null } & { [K in SqlKey as `r_${K}`]: bigint | null } & {
  [K in SqlKey as `n_${K}`]: bigint;
};

/** Each comparison indicator's column in the ranked table. */
const SQL_KEYS = {
  households: "households",
  reached: "reached",
  reachRate: "reach_rate",
  adults: "adults",
  vneidRate: "vneid_rate",
  certified: "certified",
  recentVisits: "recent_visits",
  participants: "participants",
} as const satisfies Record<ComparisonKey, string>;
type SqlKey = (typeof SQL_KEYS)[ComparisonKey];

/**
 * The comparison as SQL: every commune of the city with its aggregates and its rank (RANK(), the
 * highest first) on each indicator, and how many communes have a value for it. A commune without
 * data for an indicator has no value (null) and no rank, and is not counted among the ranked: the
 * household figures need a registered household (a commune that has not started is not "0, last"),
 * the rates a denominator, the contest figure a result sent in.
 * Each CTE groups one table by commune_id (the leading column of the indexes it reads). Shared by
 * the city's table and an official's own rank, so both read the same numbers.
 */
function rankedCommunesSql(today: Date): Prisma.Sql {
  const d = isoOf(today);
  // Same rule as the official's indicators: an adult from the year one turns 18.
  const cutoff = today.getUTCFullYear() - ADULT_AGE;
  return Prisma.sql`
    WITH h AS (
      SELECT commune_id, count(*) AS n, count(*) FILTER (WHERE first_reached_on <= ${d}::date) AS reached
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
             h.n AS households, h.reached,
             h.reached::float8 / h.n AS reach_rate,
             CASE WHEN h.n > 0 THEN coalesce(a.n, 0) END AS adults, coalesce(s.n, 0) AS vneid,
             CASE WHEN a.n > 0 THEN coalesce(s.n, 0)::float8 / a.n END AS vneid_rate,
             CASE WHEN h.n > 0 THEN coalesce(f.n, 0) END AS certified,
             CASE WHEN h.n > 0 THEN coalesce(v.recent, 0) END AS recent_visits,
             k.n AS participants
      FROM commune c
      LEFT JOIN h ON h.commune_id = c.id LEFT JOIN v ON v.commune_id = c.id LEFT JOIN a ON a.commune_id = c.id
      LEFT JOIN s ON s.commune_id = c.id LEFT JOIN f ON f.commune_id = c.id LEFT JOIN k ON k.commune_id = c.id)
    SELECT base.*, count(*) OVER () AS n_all,
           ${Prisma.join(
             Object.values(SQL_KEYS).map(
               (k) => Prisma.sql`
           CASE WHEN ${Prisma.raw(k)} IS NOT NULL THEN rank() OVER (ORDER BY ${Prisma.raw(k)} DESC NULLS LAST) END AS ${Prisma.raw(`r_${k}`)},
           count(${Prisma.raw(k)}) OVER () AS ${Prisma.raw(`n_${k}`)}`,
             ),
             ",",
           )}
    FROM base`;
}

/**
 * How long the city's ranked table is served before it is counted again. Counting it reads every
 * commune's households, members and visits (seconds at the size of the whole city, DESIGN.md), so
 * the official's home, which shows the commune's rank, must not wait for it on every load; a new
 * visit still reaches the ranks within a minute. Stale-while-revalidate: lru-cache serves the last
 * table while a fresh one is counted in the background (the first request after a minute still
 * gets the last table and starts the count; nobody waits for it), and counts it once however many
 * requests ask at the same time. The table carries when it was counted, and the screens say so
 * ("as of 10:07 05/12/2026").
 */
export const CITY_RANKS_TTL_MS = 60_000;

type RankedTable = { rows: ComparisonRow[]; countedAt: Date };

const cityRanks = new LRUCache<string, RankedTable, { now: Date }>({
  max: 4,
  ttl: CITY_RANKS_TTL_MS,
  allowStale: true,
  noDeleteOnStaleGet: true,
  allowStaleOnFetchRejection: true,
  fetchMethod: async (day, _stale, { context }) => ({
    rows: await readDb.$queryRaw<ComparisonRow[]>`
      SELECT * FROM (${rankedCommunesSql(new Date(`${day}T00:00:00Z`))}) ranked ORDER BY ranked.name, ranked.commune_id`,
    countedAt: context.now,
  }),
});

/** The ranked table for `today` (Vietnam's date), from the cache above; `now` is when a count starts. */
async function rankedCommunes(today: Date, now: Date): Promise<RankedTable> {
  return (await cityRanks.fetch(isoOf(today), { context: { now } })) ?? { rows: [], countedAt: now };
}

/** Drops the cached tables, so the next call counts again (tests that change the figures). */
export function forgetCityRanks(): void {
  cityRanks.clear();
}

const num = (x: bigint | number | null): number | null => (x === null ? null : Number(x));

/** The city's comparison of communes, and when its figures were counted. */
export type CityComparison = { communes: CommuneComparison[]; countedAt: Date };

/**
 * Every commune of the city side by side, aggregates only (no personal data), with its rank on
 * each indicator, and when the figures were counted. One statement; JavaScript only orders the
 * ~hundred result rows by the chosen indicator.
 */
export async function getCityComparison(
  user: CurrentUser,
  sort: ComparisonKey | null = null,
  today: Date = todayInVietnam(),
  now: Date = new Date(),
): Promise<CityComparison> {
  requireCan(user, "city:compare");
  const { rows, countedAt } = await rankedCommunes(today, now);
  const communes: CommuneComparison[] = rows.map((r) => ({
    communeId: r.commune_id,
    name: r.name,
    vneidAdults: Number(r.vneid),
    values: mapKeys((k) => num(r[SQL_KEYS[k]])),
    ranks: mapKeys((k) => num(r[`r_${SQL_KEYS[k]}`])),
  }));
  // Rows come sorted by name; a stable sort by rank keeps names in order within ties, and the
  // communes without data for the indicator (no rank) come last.
  const key = sort ?? "participants";
  const order = (c: CommuneComparison) => c.ranks[key] ?? Number.POSITIVE_INFINITY;
  communes.sort((x, y) => order(x) - order(y));
  return { communes, countedAt };
}

/** The communes of getCityComparison, without when they were counted (the export). */
export async function getCommuneComparison(
  user: CurrentUser,
  sort: ComparisonKey | null = null,
  today: Date = todayInVietnam(),
): Promise<CommuneComparison[]> {
  return (await getCityComparison(user, sort, today)).communes;
}

function mapKeys<T>(f: (key: ComparisonKey) => T): Record<ComparisonKey, T> {
  return Object.fromEntries(COMPARISON_KEYS.map((k) => [k, f(k)])) as Record<ComparisonKey, T>;
}

/** An official's own commune among the city's: on each comparison indicator, its value, rank and out of how many. */
export type MyCommuneRank = {
  /** Communes of the city (the city's comparison table has a row for each). */
  communes: number;
  /**
   * Rank (1 = best; tied communes share a rank) among the communes with data for the indicator
   * (`of`: how many have a value); rank null: no value of our own, so not ranked.
   */
  ranks: Record<ComparisonKey, { value: number | null; rank: number | null; of: number }>;
  /** When the city's figures were counted (the table is served up to a minute). */
  countedAt: Date;
};

/**
 * The user's own commune's rank among the city's communes on each comparison indicator (the
 * city's own table: the same statement), or null when no other commune has figures (no household
 * registered) to be compared with. Only the commune's own figures and ranks leave the database:
 * the filter on the user's commune is applied after the ranks are computed over every commune.
 */
export async function getMyCommuneRank(
  user: CurrentUser,
  today: Date = todayInVietnam(),
  now: Date = new Date(),
): Promise<MyCommuneRank | null> {
  requireCan(user, "indicators:read");
  const c = communeOf(user);
  const { rows, countedAt } = await rankedCommunes(today, now);
  const r = rows.find((row) => row.commune_id === c);
  if (!r) return null;
  const others = Number(r.n_households) - (r.households === null ? 0 : 1);
  if (others === 0) return null;
  return {
    communes: Number(r.n_all),
    ranks: mapKeys((k) => {
      const col = SQL_KEYS[k];
      return { value: num(r[col]), rank: num(r[`r_${col}`]), of: Number(r[`n_${col}`]) };
    }),
    countedAt,
  };
}

const RATE_KEYS: readonly ComparisonKey[] = ["reachRate", "vneidRate"];

/** Whether a comparison indicator is a rate (0..1) rather than a count. */
export function isComparisonRate(key: ComparisonKey): boolean {
  return RATE_KEYS.includes(key);
}
