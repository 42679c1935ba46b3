// A household list checked before anything is saved: every household and person through the same
// schemas as the household and member forms, villages matched (old names too), and probable
// duplicates found within the file and in the registry, in one query (docs/decisions/0018).
import type { DbClient } from "@/lib/db";
import { villageMatcher } from "@/lib/communes/village-aliases";
import { HouseholdInputSchema, MemberInputSchema } from "@/lib/households/schemas";
import type { ImportIssue, UploadedTable } from "@/lib/imports/table";
import { foldName } from "@/lib/imports/text";
import type { ColumnMapping } from "@/lib/onboarding/columns";
import {
  groupHouseholds,
  type GroupFailure,
  type ImportedHousehold,
  type ImportedPerson,
  type Sourced,
} from "@/lib/onboarding/households";
import type { DuplicateGroup, ImportPlan, RegistryMatch } from "@/lib/onboarding/plan";

export type PlannedPerson = {
  row: number;
  fullName: string;
  birthYear: number;
  gender: "male" | "female" | "other";
  phone: string | null;
  isHead: boolean;
};

export type PlannedHousehold = {
  row: number;
  rows: number[];
  villageId: number;
  headName: string;
  address: string;
  phone: string | null;
  /** The head first, then the members in sheet order. */
  people: PlannedPerson[];
};

export type HouseholdPlan = ImportPlan<PlannedHousehold>;

/** The first message key of a failed parse, per field (the forms' keys in `householdErrors`). */
function firstIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of error.issues) {
    const field = String(i.path[0] ?? "");
    if (!out.has(field)) out.set(field, i.message);
  }
  return out;
}

/** A problem with one cell: its row, the header of its column, the value, and the form's message key. */
function cellIssue(
  header: readonly string[],
  cell: Sourced<unknown> | undefined,
  row: number,
  key: string,
  column: string,
): ImportIssue {
  return {
    row: cell?.row ?? row,
    key: `field.${key}`,
    values: { column: cell ? (header[cell.column] ?? "") : column, value: cell?.raw ?? "" },
  };
}

/** One person checked with the member form's schema; the problems go to `issues`. */
function checkPerson(header: readonly string[], p: ImportedPerson, isHead: boolean, issues: ImportIssue[]): PlannedPerson | null {
  const parsed = MemberInputSchema.safeParse({
    fullName: p.fullName?.value ?? "",
    birthYear: p.birthYear?.value ?? p.birthYear?.raw ?? "",
    gender: p.gender?.value ?? p.gender?.raw ?? "",
    phone: p.phone?.value ?? "",
  });
  if (parsed.success) {
    const { fullName, birthYear, gender, phone } = parsed.data;
    return { row: p.row, fullName, birthYear, gender, phone, isHead };
  }
  const cells: Record<string, Sourced<unknown> | undefined> = {
    fullName: p.fullName,
    birthYear: p.birthYear,
    gender: p.gender,
    phone: p.phone,
  };
  for (const [field, key] of firstIssues(parsed.error)) issues.push(cellIssue(header, cells[field], p.row, key, field));
  return null;
}

/**
 * The households of a list as they will be saved, or the problems of each row that will not be.
 * A household with any problem is left out whole (nothing half saved); the other households go on.
 */
function checkHouseholds(
  header: readonly string[],
  households: ImportedHousehold[],
  villageOf: (village: string, oldCommune?: string) => number | null,
  villageNames: Map<number, string>,
  issues: ImportIssue[],
): PlannedHousehold[] {
  const planned: PlannedHousehold[] = [];
  for (const h of households) {
    if (!h.head) continue; // groupHouseholds has listed it ("noHead")
    const own: ImportIssue[] = [];
    let villageId: number | null = null;
    if (!h.village) own.push({ row: h.row, key: "villageMissing" });
    else {
      villageId = villageOf(h.village.raw, h.oldCommune?.raw);
      if (villageId === null) own.push({ row: h.village.row, key: "villageUnknown", values: { value: h.village.raw } });
    }
    const head = checkPerson(header, h.head, true, own);
    const members = h.members.map((m) => checkPerson(header, m, false, own));
    // A list without addresses (most have none): the village stands for it, as on paper.
    const address = h.address?.raw ?? (villageId !== null ? (villageNames.get(villageId) ?? "") : "");
    const household = HouseholdInputSchema.safeParse({
      villageId: villageId ?? 0,
      headName: head?.fullName ?? h.head.fullName?.value ?? "",
      address,
      phone: head?.phone ?? "",
    });
    if (!household.success && villageId !== null) {
      const address = firstIssues(household.error).get("address");
      if (address) own.push(cellIssue(header, h.address, h.row, address, "address"));
    }
    issues.push(...own);
    if (own.length > 0 || !head || members.some((m) => m === null) || !household.success) continue;
    planned.push({
      row: h.row,
      rows: h.rows,
      villageId: household.data.villageId,
      headName: household.data.headName,
      address: household.data.address,
      phone: household.data.phone,
      people: [head, ...(members as PlannedPerson[])],
    });
  }
  return planned;
}

const nameKey = (h: PlannedHousehold) => `${foldName(h.headName)}|${h.villageId}|${h.people[0].birthYear}`;
const phonesOf = (h: PlannedHousehold) => [...new Set(h.people.map((p) => p.phone).filter((p): p is string => p !== null))];

/**
 * Probable duplicates among the planned households and against the registry: the same head name
 * without diacritics in the same village with the same birth year, or a phone in common. One query
 * for the registry, with every household's name key and phones as arrays (never a query per row).
 */
export async function findDuplicateGroups(
  client: DbClient,
  communeId: number,
  items: PlannedHousehold[],
): Promise<DuplicateGroup[]> {
  // Within the file: union of households sharing a name key or a phone.
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    const [x, y] = [find(a), find(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  const firstBy = new Map<string, number>();
  items.forEach((h, i) => {
    for (const key of [`n:${nameKey(h)}`, ...phonesOf(h).map((p) => `p:${p}`)]) {
      const seen = firstBy.get(key);
      if (seen === undefined) firstBy.set(key, i);
      else union(seen, i);
    }
  });

  const byItem = await registryMatches(client, communeId, items);
  const together = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = find(i);
    const list = together.get(root);
    if (list) list.push(i);
    else together.set(root, [i]);
  });
  const out: DuplicateGroup[] = [];
  for (const members of together.values()) {
    const matches = new Map<number, RegistryMatch>();
    for (const i of members)
      for (const m of byItem.get(i) ?? []) if (!matches.has(m.id) || m.reason === "name") matches.set(m.id, m);
    if (members.length < 2 && matches.size === 0) continue;
    const list = [...matches.values()].sort((a, b) => a.id - b.id);
    out.push({
      key: `r${items[members[0]].row}`,
      items: members,
      rows: members.map((i) => items[i].row),
      name: items[members[0]].headName,
      matches: list,
      // Merging needs one household to merge into: the registry's only match, or the file's first.
      choices: list.length <= 1 ? ["skip", "merge", "create"] : ["skip", "create"],
    });
  }
  return out.sort((a, b) => a.rows[0] - b.rows[0]);
}

async function registryMatches(
  client: DbClient,
  communeId: number,
  items: PlannedHousehold[],
): Promise<Map<number, RegistryMatch[]>> {
  const idx: number[] = [];
  const names: string[] = [];
  const villages: number[] = [];
  const years: number[] = [];
  const phoneIdx: number[] = [];
  const phones: string[] = [];
  items.forEach((h, i) => {
    idx.push(i);
    names.push(h.headName);
    villages.push(h.villageId);
    years.push(h.people[0].birthYear);
    for (const p of phonesOf(h)) {
      phoneIdx.push(i);
      phones.push(p);
    }
  });
  // Each name is folded once: the commune's heads in the villages named (a few thousand), and the
  // list's. Joining on f_unaccent(…) directly lets the planner fold every pair in a nested loop.
  const rows = await client.$queryRaw<{ i: number; id: number; name: string; place: string; reason: "name" | "phone" }[]>`
    WITH c AS MATERIALIZED (
      SELECT i, f_unaccent(name) AS name, village_id, year
      FROM unnest(${idx}::int[], ${names}::text[], ${villages}::int[], ${years}::int[]) AS c(i, name, village_id, year)
    ), r AS MATERIALIZED (
      SELECT h.id, h.village_id, f_unaccent(h.head_name) AS name
      FROM household h
      WHERE h.commune_id = ${communeId} AND h.village_id = ANY(${[...new Set(villages)]}::int[])
    ), p AS (
      SELECT * FROM unnest(${phoneIdx}::int[], ${phones}::text[]) AS p(i, phone)
    ), found AS (
      SELECT c.i, r.id, 'name' AS reason
      FROM c
      JOIN r ON r.village_id = c.village_id AND r.name = c.name
      JOIN member m ON m.household_id = r.id AND m.is_head AND m.birth_year = c.year
      UNION
      SELECT p.i, h.id, 'phone' FROM p JOIN household h ON h.commune_id = ${communeId} AND h.phone = p.phone
      UNION
      SELECT p.i, m.household_id, 'phone' FROM p JOIN member m ON m.commune_id = ${communeId} AND m.phone = p.phone
    )
    SELECT f.i, h.id, h.head_name AS name, v.name AS place, min(f.reason) AS reason
    FROM found f JOIN household h ON h.id = f.id JOIN village v ON v.id = h.village_id
    GROUP BY f.i, h.id, h.head_name, v.name`;
  const out = new Map<number, RegistryMatch[]>();
  for (const r of rows) out.set(r.i, [...(out.get(r.i) ?? []), { id: r.id, name: r.name, place: r.place, reason: r.reason }]);
  return out;
}

/**
 * The plan of a household list read with `mapping`: households that passed every check, the
 * problems by row, and the duplicate groups for the official to decide.
 */
export async function planHouseholds(
  client: DbClient,
  communeId: number,
  table: Pick<UploadedTable, "header" | "rows">,
  mapping: ColumnMapping,
): Promise<HouseholdPlan | GroupFailure> {
  const grouped = groupHouseholds(table, mapping);
  if ("ok" in grouped) return grouped;
  const [villageOf, villages] = await Promise.all([
    villageMatcher(client, communeId),
    client.village.findMany({ where: { communeId }, select: { id: true, name: true } }),
  ]);
  const problems: ImportIssue[] = [...grouped.issues];
  const items = checkHouseholds(
    table.header,
    grouped.households,
    villageOf,
    new Map(villages.map((v) => [v.id, v.name])),
    problems,
  );
  problems.sort((a, b) => a.row - b.row);
  const duplicates = await findDuplicateGroups(client, communeId, items);
  return {
    items,
    problems,
    duplicates,
    shape: grouped.shape,
    ...(grouped.households.some((h) => h.headByOrder) ? { headByOrder: true } : {}),
    counts: {
      rows: table.rows.length,
      items: items.length,
      withProblems: grouped.households.length - items.length,
    },
  };
}
