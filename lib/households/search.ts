// The household registry's list: one query, filtered, sorted and paginated in PostgreSQL. Names
// and addresses match with or without diacritics and tolerate a typo, through the trigram
// indexes on f_unaccent(...) (migration *_search); exact matches with the right tone marks rank
// first, since "dương" and "đường" differ.
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { todayInVietnam } from "@/lib/format/dates";
import { householdScope } from "@/lib/households/scope";
import { normalizePhone } from "@/lib/validation/phone";

export const HOUSEHOLD_SORTS = ["relevance", "head", "village", "lastVisit"] as const;
export const FAMILY_FILTERS = ["none", "enrolled", "in_progress", "digital", "smart"] as const;
export const VISIT_FILTERS = ["never", "stale60"] as const;

/** The list's query string, parsed leniently: anything unknown falls back to the default. */
export const HouseholdQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  village: z.coerce.number().int().positive().optional().catch(undefined),
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

export async function searchHouseholds(user: CurrentUser, query: Partial<HouseholdQuery>): Promise<HouseholdPage> {
  const scope = householdScope(user); // refuses roles without registry access
  const communeId = scope.communeId as number;
  const p = HouseholdQuerySchema.parse(query);
  const q = p.q;
  const digits = normalizePhone(q).replace(/\D/g, "");
  const since60 = new Date(todayInVietnam().getTime() - 60 * 86_400_000);

  const where: Prisma.Sql[] = [Prisma.sql`h.commune_id = ${communeId}`];
  if (p.village) where.push(Prisma.sql`h.village_id = ${p.village}`);
  if (p.family === "none") where.push(Prisma.sql`f.id IS NULL`);
  else if (p.family) where.push(Prisma.sql`f.status = ${p.family}::"FamilyStatus"`);
  if (p.visit === "never") where.push(Prisma.sql`h.last_visit_on IS NULL`);
  if (p.visit === "stale60") where.push(Prisma.sql`h.last_visit_on < ${since60}::date`);
  if (q) {
    const text = Prisma.sql`(
      s.uq <% f_unaccent(h.head_name)
      OR f_unaccent(h.address) LIKE '%' || s.uq || '%'
      OR h.id IN (SELECT m.household_id FROM member m WHERE m.commune_id = ${communeId} AND s.uq <% f_unaccent(m.full_name))
      OR h.village_id IN (SELECT v.id FROM village v WHERE v.commune_id = ${communeId} AND f_unaccent(v.name) LIKE '%' || s.uq || '%')
    )`;
    where.push(
      digits.length >= 4
        ? Prisma.sql`(${text} OR h.phone LIKE ${digits + "%"} OR h.id IN (SELECT m.household_id FROM member m WHERE m.commune_id = ${communeId} AND m.phone LIKE ${digits + "%"}))`
        : text,
    );
  }

  // Relevance: the exact spelling (tone marks included) first, then the closest unaccented match.
  const relevance = q
    ? Prisma.sql`(CASE WHEN lower(h.head_name) = s.lq THEN 2 WHEN strpos(lower(h.head_name), s.lq) > 0 THEN 1 ELSE 0 END)
        + word_similarity(s.uq, f_unaccent(h.head_name))`
    : Prisma.sql`0`;
  const dir = p.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const order = {
    relevance: q ? Prisma.sql`score DESC, h.head_name ASC, h.id ASC` : Prisma.sql`h.head_name ASC, h.id ASC`,
    head: Prisma.sql`h.head_name ${dir}, h.id ASC`,
    village: Prisma.sql`v.name ${dir}, h.head_name ASC, h.id ASC`,
    lastVisit:
      p.dir === "desc"
        ? Prisma.sql`h.last_visit_on DESC NULLS LAST, h.id ASC`
        : Prisma.sql`h.last_visit_on ASC NULLS FIRST, h.id ASC`,
  }[p.sort];

  const offset = (p.page - 1) * p.size;
  const rows = await db.$queryRaw<(Omit<HouseholdRow, "members"> & { members: bigint; total: bigint; score: number })[]>`
    WITH s AS (SELECT f_unaccent(${q}) AS uq, lower(${q}) AS lq)
    SELECT h.id, h.head_name AS "headName", h.address, h.village_id AS "villageId", v.name AS "villageName",
           h.last_visit_on AS "lastVisitOn", h.follow_up_on AS "followUpOn", f.status::text AS "familyStatus",
           (SELECT count(*) FROM member m WHERE m.household_id = h.id) AS members,
           ${relevance} AS score,
           count(*) OVER () AS total
    FROM household h
    CROSS JOIN s
    JOIN village v ON v.id = h.village_id
    LEFT JOIN digital_family f ON f.household_id = h.id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${p.size} OFFSET ${offset}`;

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
