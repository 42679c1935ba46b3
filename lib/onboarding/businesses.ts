// The commune's list of household businesses (hộ kinh doanh), imported the way household lists are
// (lib/onboarding/batches.ts): columns suggested from headers, every row checked with the business
// form's schema, each business found its household in the registry (the head's name and village, or
// a phone), duplicates (a household that has a business already, or twice in the file) left to the
// official: skip, or merge (the skills ticked in the list added). A household has one business.
import type { DbClient } from "@/lib/db";
import { villageMatcher } from "@/lib/communes/village-aliases";
import { BusinessInputSchema } from "@/lib/households/schemas";
import type { ImportIssue, UploadedTable } from "@/lib/imports/table";
import { foldName } from "@/lib/imports/text";
import { foldHeader, meaningOf } from "@/lib/onboarding/columns";
import type { GroupFailure } from "@/lib/onboarding/households";
import { choiceOf, type DuplicateChoices, type DuplicateGroup, type ImportPlan } from "@/lib/onboarding/plan";
import { parseBirth, parsePhone, tidyName } from "@/lib/onboarding/values";
import { vietnamIsoDay } from "@/lib/format/dates";

/** Business skills a list may tick, by the column meaning that holds them. */
export const BUSINESS_SKILL_COLUMNS = {
  online: "biz_online_selling",
  cashless: "biz_cashless",
  einvoice: "biz_einvoice",
  software: "biz_software",
} as const;
type SkillColumn = keyof typeof BUSINESS_SKILL_COLUMNS;

export const BUSINESS_MEANINGS = [
  "businessName",
  "sector",
  "headName",
  "birthYear",
  "phone",
  "village",
  "oldCommune",
  ...(Object.keys(BUSINESS_SKILL_COLUMNS) as SkillColumn[]),
] as const;
export type BusinessMeaning = (typeof BUSINESS_MEANINGS)[number];

const RULES: readonly { meaning: BusinessMeaning; patterns: readonly RegExp[] }[] = [
  { meaning: "einvoice", patterns: [/\bhoa don dien tu\b/, /\bhddt\b/, /\be ?invoice\b/] },
  { meaning: "software", patterns: [/\bphan mem\b/, /\bsoftware\b/] },
  {
    meaning: "cashless",
    patterns: [/\bkhong (dung )?tien mat\b/, /\bchuyen khoan\b/, /\bma qr\b/, /\bvi dien tu\b/, /\bcashless\b/],
  },
  { meaning: "online", patterns: [/\b(online|truc tuyen|qua mang|mang xa hoi|san (tmdt|thuong mai)|thuong mai dien tu)\b/] },
  {
    meaning: "businessName",
    patterns: [/\bten (ho )?(kinh doanh|co so|cua hang|hkd|quan|hieu)\b/, /^(ten hkd|co so|cua hang)$/, /\bbusiness( name)?\b/],
  },
  { meaning: "sector", patterns: [/\bnganh( nghe)?\b/, /\blinh vuc\b/, /\bmat hang\b/, /\b(sector|trade)\b/] },
  { meaning: "headName", patterns: [/\bchu (ho|co so|hkd)\b/, /^(ho (va )?ten|ho ten|nguoi dai dien)$/, /\bowner\b/] },
];

const FROM_HOUSEHOLD_LISTS: readonly BusinessMeaning[] = ["headName", "birthYear", "phone", "village", "oldCommune"];

/** The meaning of each column of a business list, as suggestMapping does for household lists. */
export function suggestBusinessMapping(header: readonly string[]): (BusinessMeaning | null)[] {
  const taken = new Set<BusinessMeaning>();
  return header.map((h) => {
    const folded = foldHeader(h);
    let m: BusinessMeaning | null = RULES.find((r) => r.patterns.some((p) => p.test(folded)))?.meaning ?? null;
    if (m === null) {
      const household = meaningOf(h);
      const asBusiness = household === "fullName" ? "headName" : household;
      m = asBusiness && (FROM_HOUSEHOLD_LISTS as readonly string[]).includes(asBusiness) ? (asBusiness as BusinessMeaning) : null;
    }
    if (m === null || taken.has(m)) return null;
    taken.add(m);
    return m;
  });
}

/** "x", "Có", "1", "✓", "đã dùng" tick a skill; empty, "Không", "0" do not. */
export function isTicked(raw: string): boolean {
  const v = foldName(raw.trim());
  if (v === "" || /^(khong|ko|k|0|no|chua|false|-)$/.test(v)) return false;
  return /^(x|co|1|yes|y|true|da|da dung|dang dung|v|✓|✔|\+)/.test(v);
}

export type PlannedBusiness = {
  row: number;
  householdId: number;
  name: string;
  sector: string;
  /** Skill keys ticked in the list. */
  skills: string[];
};
export type BusinessPlan = ImportPlan<PlannedBusiness>;

type Candidate = { row: number; headName: string; villageId: number; birthYear: number | null; phone: string | null };

/** The household of each row: one query for all rows (the head's name and village, or a phone). */
async function householdsOf(client: DbClient, communeId: number, rows: Candidate[]) {
  const found = await client.$queryRaw<
    { i: number; householdId: number; businessId: number | null; businessName: string | null; headName: string; place: string }[]
  >`
    WITH c AS MATERIALIZED (
      SELECT i, f_unaccent(name) AS name, village_id, year, phone
      FROM unnest(${rows.map((_, i) => i)}::int[], ${rows.map((r) => r.headName)}::text[], ${rows.map((r) => r.villageId)}::int[],
                  ${rows.map((r) => r.birthYear)}::int[], ${rows.map((r) => r.phone)}::text[]) AS c(i, name, village_id, year, phone)
    ), r AS MATERIALIZED (
      -- Each head's name folded once (see lib/onboarding/household-plan.ts).
      SELECT h.id, h.village_id, f_unaccent(h.head_name) AS name FROM household h
      WHERE h.commune_id = ${communeId} AND h.village_id = ANY(${[...new Set(rows.map((r) => r.villageId))]}::int[])
    ), m AS (
      SELECT c.i, r.id FROM c
      JOIN r ON r.village_id = c.village_id AND r.name = c.name
      WHERE c.year IS NULL OR EXISTS (SELECT 1 FROM member x WHERE x.household_id = r.id AND x.is_head AND x.birth_year = c.year)
      UNION
      SELECT c.i, h.id FROM c JOIN household h ON h.commune_id = ${communeId} AND h.phone = c.phone
    )
    SELECT m.i, h.id AS "householdId", b.id AS "businessId", b.name AS "businessName", h.head_name AS "headName", v.name AS place
    FROM m JOIN household h ON h.id = m.id JOIN village v ON v.id = h.village_id
    LEFT JOIN household_business b ON b.household_id = h.id`;
  const byRow = new Map<number, typeof found>();
  for (const f of found) byRow.set(f.i, [...(byRow.get(f.i) ?? []), f]);
  return byRow;
}

type Columns = Partial<Record<BusinessMeaning, number>>;

function columnsOf(mapping: readonly (string | null)[]): Columns | GroupFailure {
  const columns: Columns = {};
  const issues: ImportIssue[] = [];
  mapping.forEach((m, i) => {
    if (m === null) return;
    const meaning = m as BusinessMeaning;
    if (columns[meaning] !== undefined) issues.push({ row: 1, key: "meaningTwice", values: { meaning, column: i + 1 } });
    else columns[meaning] = i;
  });
  if (issues.length) return { ok: false, formError: "badMapping", issues };
  if (columns.businessName === undefined || columns.headName === undefined) return { ok: false, formError: "noBusinessColumns" };
  return columns;
}

/** The plan of a business list: businesses checked and placed in their households, problems, duplicates. */
export async function planBusinesses(
  client: DbClient,
  communeId: number,
  table: Pick<UploadedTable, "header" | "rows">,
  mapping: readonly (string | null)[],
): Promise<BusinessPlan | GroupFailure> {
  const columns = columnsOf(mapping);
  if ("ok" in columns) return columns;
  const villageOf = await villageMatcher(client, communeId);
  const skills = await client.skill.findMany({ where: { communeId, scope: "business", active: true }, select: { key: true } });
  const active = new Set(skills.map((s) => s.key));
  const problems: ImportIssue[] = [];
  const checked: { row: number; name: string; sector: string; skills: string[]; candidate: Candidate }[] = [];
  const cell = (cells: string[], m: BusinessMeaning) => (columns[m] === undefined ? "" : (cells[columns[m]!] ?? "").trim());
  const column = (m: BusinessMeaning) => table.header[columns[m] ?? -1] ?? "";

  for (const { row, cells } of table.rows) {
    const own: ImportIssue[] = [];
    const ticked = (Object.entries(BUSINESS_SKILL_COLUMNS) as [SkillColumn, string][])
      .filter(([m, key]) => active.has(key) && isTicked(cell(cells, m)))
      .map(([, key]) => key);
    const parsed = BusinessInputSchema.safeParse({
      name: cell(cells, "businessName"),
      sector: cell(cells, "sector"),
      skills: ticked,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues.filter((i, n, all) => all.findIndex((j) => j.path[0] === i.path[0]) === n)) {
        const field = issue.path[0] === "sector" ? "sector" : "businessName";
        own.push({ row, key: `field.${issue.message}`, values: { column: column(field) || field, value: cell(cells, field) } });
      }
    }
    const headName = tidyName(cell(cells, "headName"));
    if (headName === "") own.push({ row, key: "field.required", values: { column: column("headName"), value: "" } });
    const villageText = cell(cells, "village");
    const villageId = villageText ? villageOf(villageText, cell(cells, "oldCommune")) : null;
    if (!villageText) own.push({ row, key: "villageMissing" });
    else if (villageId === null) own.push({ row, key: "villageUnknown", values: { value: villageText } });
    const phone = cell(cells, "phone") ? parsePhone(cell(cells, "phone")) : null;
    const birthYear = cell(cells, "birthYear") ? parseBirth(cell(cells, "birthYear")).year : null;
    problems.push(...own);
    if (own.length === 0 && parsed.success && villageId !== null) {
      checked.push({ row, ...parsed.data, candidate: { row, headName, villageId, birthYear, phone } });
    }
  }

  const matches = await householdsOf(
    client,
    communeId,
    checked.map((c) => c.candidate),
  );
  const items: PlannedBusiness[] = [];
  const existing = new Map<number, { id: number; name: string; place: string }>();
  checked.forEach((c, i) => {
    const found = [...new Map((matches.get(i) ?? []).map((f) => [f.householdId, f])).values()];
    if (found.length === 0)
      return void problems.push({ row: c.row, key: "householdNotFound", values: { value: c.candidate.headName } });
    if (found.length > 1) return void problems.push({ row: c.row, key: "householdAmbiguous", values: { count: found.length } });
    const f = found[0];
    if (f.businessId !== null) existing.set(f.householdId, { id: f.householdId, name: f.businessName ?? "", place: f.place });
    items.push({ row: c.row, householdId: f.householdId, name: c.name, sector: c.sector, skills: c.skills });
  });
  problems.sort((a, b) => a.row - b.row);

  // One business per household: a second row for it, or a household with a business already, is a group.
  const byHousehold = new Map<number, number[]>();
  items.forEach((item, i) => byHousehold.set(item.householdId, [...(byHousehold.get(item.householdId) ?? []), i]));
  const duplicates: DuplicateGroup[] = [];
  for (const [householdId, list] of byHousehold) {
    const there = existing.get(householdId);
    if (list.length < 2 && !there) continue;
    duplicates.push({
      key: `r${items[list[0]].row}`,
      items: list,
      rows: list.map((i) => items[i].row),
      name: items[list[0]].name,
      matches: there ? [{ id: householdId, name: there.name, place: there.place, reason: "name" }] : [],
      choices: ["skip", "merge"],
    });
  }
  duplicates.sort((a, b) => a.rows[0] - b.rows[0]);
  return {
    items,
    problems,
    duplicates,
    counts: { rows: table.rows.length, items: items.length, withProblems: table.rows.length - items.length },
  };
}

/** A business skill a merge added to a business already registered (undo takes it back). */
export type BusinessFill = { table: "business_skill"; id: number; skill: string };

/**
 * Saves the businesses: new ones with their skills; a merge adds the list's skills to the business
 * the household has (its name and trade are kept: never overwritten).
 */
export async function saveBusinesses(
  tx: DbClient,
  batch: { id: number; communeId: number },
  plan: BusinessPlan,
  choices: DuplicateChoices | null,
  progress: (done: number, total: number) => Promise<void>,
) {
  const create: (PlannedBusiness | null)[] = [...plan.items];
  const merges: PlannedBusiness[] = [];
  let skipped = 0;
  for (const g of plan.duplicates) {
    const merge = choiceOf(g, choices) === "merge";
    const later = g.matches.length ? g.items : g.items.slice(1);
    for (const i of later) {
      if (merge) merges.push(plan.items[i]);
      else skipped++;
      create[i] = null;
    }
  }
  const fresh = create.filter((b): b is PlannedBusiness => b !== null);
  const skills = await tx.skill.findMany({
    where: { communeId: batch.communeId, scope: "business" },
    select: { id: true, key: true },
  });
  const skillId = new Map(skills.map((s) => [s.key, s.id]));
  const today = vietnamIsoDay();
  if (fresh.length) {
    await tx.$executeRaw`
      INSERT INTO household_business (commune_id, household_id, name, sector, import_batch_id)
      SELECT ${batch.communeId}, u.household_id, u.name, u.sector, ${batch.id}
      FROM unnest(${fresh.map((b) => b.householdId)}::int[], ${fresh.map((b) => b.name)}::text[], ${fresh.map((b) => b.sector)}::text[])
        AS u(household_id, name, sector)`;
  }
  // Every business the batch touches, made or merged into, by household.
  const businesses = await tx.householdBusiness.findMany({
    where: { householdId: { in: [...fresh, ...merges].map((b) => b.householdId) }, communeId: batch.communeId },
    select: { id: true, householdId: true, importBatchId: true, skills: { select: { skillId: true } } },
  });
  const byHousehold = new Map(businesses.map((b) => [b.householdId, b]));
  const rows: { businessId: number; skillId: number }[] = [];
  const fills: BusinessFill[] = [];
  for (const b of [...fresh, ...merges]) {
    const business = byHousehold.get(b.householdId)!;
    const held = new Set(business.skills.map((s) => s.skillId));
    for (const key of b.skills) {
      const id = skillId.get(key);
      if (id === undefined || held.has(id)) continue;
      held.add(id);
      business.skills.push({ skillId: id });
      rows.push({ businessId: business.id, skillId: id });
      if (business.importBatchId !== batch.id) fills.push({ table: "business_skill", id: business.id, skill: key });
    }
  }
  if (rows.length) {
    await tx.$executeRaw`
      INSERT INTO business_skill (commune_id, business_id, skill_id, acquired_on)
      SELECT ${batch.communeId}, u.business_id, u.skill_id, ${today}::date
      FROM unnest(${rows.map((r) => r.businessId)}::int[], ${rows.map((r) => r.skillId)}::int[]) AS u(business_id, skill_id)`;
  }
  await progress(fresh.length + merges.length, fresh.length + merges.length);
  return { created: fresh.length, merged: merges.length, skipped, fills };
}

/** Whether a business the batch registered was edited since (its version moved on). */
export async function businessesUsedSince(tx: DbClient, batchId: number): Promise<boolean> {
  return (await tx.householdBusiness.count({ where: { importBatchId: batchId, version: { gt: 1 } } })) > 0;
}

/** Takes back the businesses the batch registered and the skills it added to others. */
export async function undoBusinesses(tx: DbClient, batchId: number, fills: BusinessFill[]): Promise<void> {
  await tx.householdBusiness.deleteMany({ where: { importBatchId: batchId } });
  if (fills.length === 0) return;
  // One statement for every skill the batch added to businesses already registered.
  await tx.$executeRaw`
    DELETE FROM business_skill s USING skill k, unnest(${fills.map((f) => f.id)}::int[], ${fills.map((f) => f.skill)}::text[]) AS u(id, key)
    WHERE s.business_id = u.id AND s.skill_id = k.id AND k.key = u.key AND k.commune_id = s.commune_id`;
}
