import { can } from "@/lib/auth/capabilities";
// The household registry's list: one query, filtered, sorted and paginated in PostgreSQL. Names
// and addresses match with or without diacritics and tolerate a typo, through the trigram
// indexes on f_unaccent(...) (migration *_search); exact matches with the right tone marks rank
// first, since "dương" and "đường" differ.
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/user";
import { readDb } from "@/lib/db/reads";
import { Prisma } from "@/lib/generated/prisma/client";
import { todayInVietnam } from "@/lib/format/dates";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import { householdScope } from "@/lib/households/scope";
import { normalizePhone } from "@/lib/validation/phone";
import { dbId } from "@/lib/validation/db-id";
import { STALE_DAYS } from "@/lib/visits/rules";

export const HOUSEHOLD_SORTS = ["relevance", "head", "village", "lastVisit"] as const;
export const FAMILY_FILTERS = ["none", "enrolled", "in_progress", "digital", "smart"] as const;
export const VISIT_FILTERS = ["never", "stale60"] as const;

/** The list's query string, parsed leniently: anything unknown falls back to the default. */
export const HouseholdQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  village: dbId().optional().catch(undefined),
  family: z.enum(FAMILY_FILTERS).optional().catch(undefined),
  visit: z.enum(VISIT_FILTERS).optional().catch(undefined),
  sort: z.enum(HOUSEHOLD_SORTS).catch("relevance").default("relevance"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  size: z.coerce.number().int().min(5).max(100).catch(25).default(25),
});
export type HouseholdQuery = z.infer<typeof HouseholdQuerySchema>;

export type HouseholdRow = {
  id: number;
  headName: string;
  address: string;
  villageId: number;
  villageName: string;
  lastVisitOn: Date | null;
  followUpOn: Date | null;
  familyStatus: string | null;
  members: number;
};

export type HouseholdPage = { rows: HouseholdRow[]; total: number; page: number; size: number; pages: number };

/**
 * Whether the registry's search matches phone numbers for this user. Volunteers may not see the
 * phone numbers of households not assigned to them, so they may not look a household up by one
 * either: phone search is for those who hold the full registry ("registry:edit"). The search
 * box's wording follows this (it must not promise what the search won't do).
 */
export function searchesByPhone(user: Pick<CurrentUser, "role">): boolean {
  return can(user, "registry:edit");
}

/** One page of the registry's list; `{ all: true }` (server code only: exports) every row in one query, up to EXPORT_MAX_ROWS. */
export async function searchHouseholds(
  user: CurrentUser,
  query: Partial<HouseholdQuery>,
  { all = false }: ListRows = {},
): Promise<HouseholdPage> {
  const scope = householdScope(user); // refuses roles without registry access
  const communeId = scope.communeId as number;
  const parsed = HouseholdQuerySchema.parse(query);
  const p = all ? { ...parsed, page: 1, size: EXPORT_MAX_ROWS } : parsed;
  const q = p.q;
  const digits = normalizePhone(q).replace(/\D/g, "");
  const since60 = new Date(todayInVietnam().getTime() - STALE_DAYS * 86_400_000);

  // Filters on the household (and its digital family): the same for browsing and for searching.
  const where: Prisma.Sql[] = [Prisma.sql`h.commune_id = ${communeId}`];
  if (p.village) where.push(Prisma.sql`h.village_id = ${p.village}`);
  if (p.family === "none") where.push(Prisma.sql`f.id IS NULL`);
  else if (p.family) where.push(Prisma.sql`f.status = ${p.family}::"FamilyStatus"`);
  if (p.visit === "never") where.push(Prisma.sql`h.last_visit_on IS NULL`);
  if (p.visit === "stale60") where.push(Prisma.sql`h.last_visit_on < ${since60}::date`);
  const family = p.family ? Prisma.sql`LEFT JOIN digital_family f ON f.household_id = h.id` : Prisma.empty;
  const filtered = Prisma.sql`SELECT h.id, h.head_name, h.village_id, h.last_visit_on
    FROM household h ${family} WHERE ${Prisma.join(where, " AND ")}`;

  // Names are matched in two steps: first as an unaccented substring (every trigram of the query
  // must be present, which the trigram index answers quickly even for common names such as
  // "nguyen"); only when that finds nothing, by word similarity, which tolerates a typo or a
  // different word order but must weigh every row sharing any trigram.
  // Each way of matching is its own subquery, so that each uses its own index (trigram GIN on
  // f_unaccent(...), the village index, the phone index) and only the matching ids are joined.
  // The query goes in as a constant expression (not a column of a CTE): the planner folds
  // f_unaccent('…') and can then use the trigram indexes; a correlated reference would be
  // re-evaluated per household and per member (a scan of every member for every household).
  const matching = (mode: "substring" | "similar"): Prisma.Sql => {
    const uq = Prisma.sql`f_unaccent(${q})`;
    const like = Prisma.sql`('%' || f_unaccent(${q.replace(/[\\%_]/g, "\\$&")}) || '%')`;
    const ids: Prisma.Sql[] =
      mode === "similar"
        ? [
            Prisma.sql`SELECT id FROM household WHERE commune_id = ${communeId} AND ${uq} <% f_unaccent(head_name)`,
            Prisma.sql`SELECT household_id FROM member WHERE commune_id = ${communeId} AND ${uq} <% f_unaccent(full_name)`,
          ]
        : [
            Prisma.sql`SELECT id FROM household WHERE commune_id = ${communeId} AND f_unaccent(head_name) LIKE ${like}`,
            Prisma.sql`SELECT id FROM household WHERE commune_id = ${communeId} AND f_unaccent(address) LIKE ${like}`,
            Prisma.sql`SELECT household_id FROM member WHERE commune_id = ${communeId} AND f_unaccent(full_name) LIKE ${like}`,
            Prisma.sql`SELECT id FROM household WHERE commune_id = ${communeId} AND village_id IN
            (SELECT id FROM village WHERE commune_id = ${communeId} AND f_unaccent(name) LIKE ${like})`,
          ];
    if (digits.length >= 4 && mode === "substring" && searchesByPhone(user)) {
      // A prefix as a range, so that the (commune_id, phone) b-tree serves it whatever the collation.
      const upper = /^9+$/.test(digits) ? null : (BigInt(digits) + 1n).toString().padStart(digits.length, "0");
      const range = (col: Prisma.Sql) =>
        upper
          ? Prisma.sql`${col} >= ${digits} AND ${col} < ${upper} AND ${col} LIKE ${digits + "%"}`
          : Prisma.sql`${col} >= ${digits} AND ${col} LIKE ${digits + "%"}`;
      ids.push(Prisma.sql`SELECT id FROM household WHERE commune_id = ${communeId} AND ${range(Prisma.sql`phone`)}`);
      ids.push(Prisma.sql`SELECT household_id FROM member WHERE commune_id = ${communeId} AND ${range(Prisma.sql`phone`)}`);
    }
    return Prisma.sql`h.id IN (${Prisma.join(ids, " UNION ")})`;
  };
  // `m`: the households that match, with the columns the order needs. Browsing, it is left inline
  // (NOT MATERIALIZED), so that the count and the page each get their own plan: the count one
  // plain scan of the commune's households, the page an index scan in the list's order that stops
  // after the page (indexes (commune_id, head_name, id) and (commune_id, last_visit_on NULLS
  // FIRST, id); docs/decisions/0023-household-search-paging.md). Searching, the matches are computed once. The
  // similarity step runs in the same statement, and only when the substring step found nothing at
  // all (`NOT EXISTS (SELECT FROM sub)` is a one-time filter: its scans are never started
  // otherwise); a substring search that cannot match is answered by the trigram index at once,
  // since a trigram of the query that no name has empties the whole index scan.
  const matches = q
    ? Prisma.sql`sub AS MATERIALIZED (${filtered} AND ${matching("substring")}),
      sim AS MATERIALIZED (${filtered} AND NOT EXISTS (SELECT FROM sub) AND ${matching("similar")}),
      m AS MATERIALIZED (SELECT * FROM sub UNION ALL SELECT * FROM sim)`
    : Prisma.sql`m AS NOT MATERIALIZED (${filtered})`;

  // Relevance: the exact spelling (tone marks included) first, then the closest unaccented match.
  const relevance =
    q && p.sort === "relevance"
      ? Prisma.sql`(CASE WHEN strpos(lower(m.head_name), s.lq) = 0 THEN 0 WHEN lower(m.head_name) = s.lq THEN 2 ELSE 1 END)
        + word_similarity(s.uq, f_unaccent(m.head_name))`
      : Prisma.sql`0`;
  // Names sort in Vietnamese order by their columns' collation (docs/decisions/0021-vietnamese-collation.md).
  // Descending reverses the whole order, ties included, so that one index serves both directions.
  const dir = p.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const order = {
    relevance: q ? Prisma.sql`score DESC, m.head_name ASC, m.id ASC` : Prisma.sql`m.head_name ASC, m.id ASC`,
    head: Prisma.sql`m.head_name ${dir}, m.id ${dir}`,
    village: Prisma.sql`v.name ${dir}, m.head_name ASC, m.id ASC`,
    lastVisit:
      p.dir === "desc"
        ? Prisma.sql`m.last_visit_on DESC NULLS LAST, m.id DESC`
        : Prisma.sql`m.last_visit_on ASC NULLS FIRST, m.id ASC`,
  }[p.sort];
  const headPage = Prisma.sql`"headName"`;
  const pageOrder = {
    relevance: q ? Prisma.sql`score DESC, ${headPage} ASC, id ASC` : Prisma.sql`${headPage} ASC, id ASC`,
    head: Prisma.sql`${headPage} ${dir}, id ${dir}`,
    village: Prisma.sql`"villageName" ${dir}, ${headPage} ASC, id ASC`,
    lastVisit:
      p.dir === "desc" ? Prisma.sql`"lastVisitOn" DESC NULLS LAST, id DESC` : Prisma.sql`"lastVisitOn" ASC NULLS FIRST, id ASC`,
  }[p.sort];

  const offset = (p.page - 1) * p.size;
  type Row = Omit<HouseholdRow, "id" | "members"> & { id: number | null; members: bigint; total: bigint; score: number };
  // One statement: the count, and the page cut first, its rows' village, family and member counts
  // looked up for those rows only. Past the last page it still returns one row, with the total
  // (and no household), so that the pager can offer a way back.
  const rows = await readDb.$queryRaw<Row[]>`/* searchHouseholds */
    WITH s AS (SELECT f_unaccent(${q}) AS uq, lower(${q}) AS lq),
    ${matches},
    page AS (
      SELECT m.id, ${relevance} AS score
      FROM m CROSS JOIN s ${p.sort === "village" ? Prisma.sql`JOIN village v ON v.id = m.village_id` : Prisma.empty}
      ORDER BY ${order}
      LIMIT ${p.size} OFFSET ${offset}
    )
    SELECT c.total, p.*, (SELECT count(*) FROM member mm WHERE mm.household_id = p.id) AS members
    FROM (SELECT count(*) AS total FROM m) c
    LEFT JOIN (
      SELECT h.id, h.head_name AS "headName", h.address, h.village_id AS "villageId", v.name AS "villageName",
             h.last_visit_on AS "lastVisitOn", h.follow_up_on AS "followUpOn", f.status::text AS "familyStatus",
             page.score
      FROM page
      JOIN household h ON h.id = page.id
      JOIN village v ON v.id = h.village_id
      LEFT JOIN digital_family f ON f.household_id = h.id
    ) p ON true
    ORDER BY ${pageOrder}`;

  const total = Number(rows[0]?.total ?? 0);
  return {
    rows: rows
      .filter((r): r is Row & { id: number } => r.id !== null)
      .map(({ total: _t, score: _s, members, ...r }) => ({ ...r, members: Number(members) })),
    total,
    page: p.page,
    size: p.size,
    pages: Math.max(1, Math.ceil(total / p.size)),
  };
}
