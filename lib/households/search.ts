import { can } from "@/lib/auth/capabilities";
// The household registry's list: one query, filtered, sorted and paginated in PostgreSQL. Names
// and addresses match with or without diacritics and tolerate a typo, through the trigram
// indexes on f_unaccent(...) (migration *_search); exact matches with the right tone marks rank
// first, since "dương" and "đường" differ.
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
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

  // Names are matched in two steps: first as an unaccented substring (every trigram of the query
  // must be present, which the trigram index answers quickly even for common names such as
  // "nguyen"); only when that finds nothing, by word similarity, which tolerates a typo or a
  // different word order but must weigh every row sharing any trigram.
  const conditions = (mode: "substring" | "similar"): Prisma.Sql[] => {
    const where: Prisma.Sql[] = [Prisma.sql`h.commune_id = ${communeId}`];
    if (p.village) where.push(Prisma.sql`h.village_id = ${p.village}`);
    if (p.family === "none") where.push(Prisma.sql`f.id IS NULL`);
    else if (p.family) where.push(Prisma.sql`f.status = ${p.family}::"FamilyStatus"`);
    if (p.visit === "never") where.push(Prisma.sql`h.last_visit_on IS NULL`);
    if (p.visit === "stale60") where.push(Prisma.sql`h.last_visit_on < ${since60}::date`);
    if (q) {
      // Each way of matching is its own subquery, so that each uses its own index (trigram GIN on
      // f_unaccent(...), the village index, the phone index) and only the matching ids are joined.
      // The query goes in as a constant expression (not a column of a CTE): the planner folds
      // f_unaccent('…') and can then use the trigram indexes; a correlated reference would be
      // re-evaluated per household and per member (a scan of every member for every household).
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
      where.push(Prisma.sql`h.id IN (${Prisma.join(ids, " UNION ")})`);
    }
    return where;
  };

  // Relevance: the exact spelling (tone marks included) first, then the closest unaccented match.
  const relevance = q
    ? Prisma.sql`(CASE WHEN lower(h.head_name) = s.lq THEN 2 WHEN strpos(lower(h.head_name), s.lq) > 0 THEN 1 ELSE 0 END)
        + word_similarity(s.uq, f_unaccent(h.head_name))`
    : Prisma.sql`0`;
  const dir = p.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  // Names sort in Vietnamese order by their columns' collation (docs/decisions/0021-vietnamese-collation.md).
  const head = Prisma.sql`h.head_name`;
  const order = {
    relevance: q ? Prisma.sql`score DESC, ${head} ASC, h.id ASC` : Prisma.sql`${head} ASC, h.id ASC`,
    head: Prisma.sql`${head} ${dir}, h.id ASC`,
    village: Prisma.sql`v.name ${dir}, ${head} ASC, h.id ASC`,
    lastVisit:
      p.dir === "desc"
        ? Prisma.sql`h.last_visit_on DESC NULLS LAST, h.id ASC`
        : Prisma.sql`h.last_visit_on ASC NULLS FIRST, h.id ASC`,
  }[p.sort];
  const headPage = Prisma.sql`"headName"`;
  const pageOrder = {
    relevance: q ? Prisma.sql`score DESC, ${headPage} ASC, id ASC` : Prisma.sql`${headPage} ASC, id ASC`,
    head: Prisma.sql`${headPage} ${dir}, id ASC`,
    village: Prisma.sql`"villageName" ${dir}, ${headPage} ASC, id ASC`,
    lastVisit:
      p.dir === "desc" ? Prisma.sql`"lastVisitOn" DESC NULLS LAST, id ASC` : Prisma.sql`"lastVisitOn" ASC NULLS FIRST, id ASC`,
  }[p.sort];

  const offset = (p.page - 1) * p.size;
  type Row = Omit<HouseholdRow, "members"> & { members: bigint; total: bigint; score: number };
  // The page is cut first; the member counts are looked up for its rows only.
  const run = (where: Prisma.Sql[], offset: number) => db.$queryRaw<Row[]>`
    WITH s AS (SELECT f_unaccent(${q}) AS uq, lower(${q}) AS lq),
    page AS (
      SELECT h.id, h.head_name AS "headName", h.address, h.village_id AS "villageId", v.name AS "villageName",
             h.last_visit_on AS "lastVisitOn", h.follow_up_on AS "followUpOn", f.status::text AS "familyStatus",
             ${relevance} AS score,
             count(*) OVER () AS total
      FROM household h
      CROSS JOIN s
      JOIN village v ON v.id = h.village_id
      LEFT JOIN digital_family f ON f.household_id = h.id
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY ${order}
      LIMIT ${p.size} OFFSET ${offset}
    )
    SELECT page.*, (SELECT count(*) FROM member m WHERE m.household_id = page.id) AS members
    FROM page
    ORDER BY ${pageOrder}`;
  let rows = await run(conditions("substring"), offset);
  if (q && rows.length === 0) {
    // Nothing on this page: similarity only if the substring step found nothing at all (not
    // merely a page past its end).
    const substringFound = p.page > 1 && (await run(conditions("substring"), 0)).length > 0;
    if (!substringFound) rows = await run(conditions("similar"), offset);
  }

  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && p.page > 1) {
    // Past the last page: report the real total so the pager can offer a way back.
    total = (await searchHouseholds(user, { ...p, page: 1 })).total;
  }
  return {
    rows: rows.map(({ total: _t, score: _s, members, ...r }) => ({ ...r, members: Number(members) })),
    total,
    page: p.page,
    size: p.size,
    pages: Math.max(1, Math.ceil(total / p.size)),
  };
}
