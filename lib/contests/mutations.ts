import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { audit } from "@/lib/audit/log";
import { gridStamp, storedResults } from "@/lib/contests/queries";
import {
  ContestIdSchema,
  gridRowsFromForm,
  resultFieldName,
  ResultRowSchema,
  StampSchema,
  type ResultField,
  type ResultRow,
} from "@/lib/contests/schemas";
import { db, type Db } from "@/lib/db";
import { matchColumns, readUpload, type ImportIssue } from "@/lib/imports/table";
import { foldName, plainCount } from "@/lib/imports/text";
import { Refusal } from "@/lib/validation/refusal";

export type ImportResultsResult = { count: number };

type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Values = { participants: number; visits: number };
type Change = { villageId: number; result: Values | null };

/** Serialises writes to one commune's results in one contest (the form and imports alike). */
async function lockGrid(tx: DbTransaction, contestId: number, communeId: number) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`contest_result:${contestId}:${communeId}`}, 0))`;
}

/**
 * Writes the rows that differ from what is stored, in the caller's transaction, and audits them
 * once with the values before and after (by village name). A commune-level total with no village
 * breakdown is removed when villages get numbers: the villages' sum replaces it, or the commune's
 * total would count twice.
 */
async function applyChanges(
  tx: DbTransaction,
  user: CurrentUser,
  action: string,
  contestId: number,
  communeId: number,
  changes: readonly Change[],
  villageNames: ReadonlyMap<number, string>,
): Promise<number> {
  const stored = await tx.contestResult.findMany({
    where: { contestId, communeId },
    select: { id: true, villageId: true, participants: true, visits: true },
  });
  const byVillage = new Map(stored.filter((r) => r.villageId !== null).map((r) => [r.villageId!, r]));
  const before: Record<string, Values | null> = {};
  const after: Record<string, Values | null> = {};
  for (const c of changes) {
    const old = byVillage.get(c.villageId);
    const name = villageNames.get(c.villageId) ?? String(c.villageId);
    if (c.result === null) {
      if (!old) continue;
      await tx.contestResult.delete({ where: { id: old.id } });
    } else if (old) {
      if (old.participants === c.result.participants && old.visits === c.result.visits) continue;
      await tx.contestResult.update({ where: { id: old.id }, data: c.result });
    } else {
      await tx.contestResult.create({ data: { communeId, contestId, villageId: c.villageId, ...c.result } });
    }
    before[name] = old ? { participants: old.participants, visits: old.visits } : null;
    after[name] = c.result;
  }
  const communeRow = stored.find((r) => r.villageId === null);
  const anyVillage = changes.some((c) => c.result !== null);
  if (communeRow && anyVillage) {
    await tx.contestResult.delete({ where: { id: communeRow.id } });
    before["*"] = { participants: communeRow.participants, visits: communeRow.visits };
    after["*"] = null;
  }
  const changed = Object.keys(before).length;
  if (changed > 0) await audit(tx, user, action, "ContestResult", contestId, { contestId, changed }, { before, after });
  return changed;
}

async function communeVillages(communeId: number) {
  return db.village.findMany({ where: { communeId }, select: { id: true, name: true } });
}

/**
 * Saves one contest's whole per-village grid for the user's commune, in one transaction. The
 * grid carries the stamp it was read with: if the stored results changed since, the save is
 * refused ("stale") unless they already equal what is submitted (a retried or double-clicked
 * submission, which then changes nothing). Refusals (keys in `contests.errors`): each bad number
 * beside its form field ("participants-12"), or "notFound", "noVillages", "villageNotInCommune",
 * "stale" for the whole grid.
 */
export async function saveContestResults(
  user: CurrentUser,
  input: Record<string, unknown>,
): Promise<{ contestId: number; changed: number }> {
  requireCan(user, "figures:manage");
  const communeId = communeOf(user);
  const id = ContestIdSchema.safeParse(input.contestId);
  if (!id.success) throw new Refusal(null, "notFound");
  const contestId = id.data;
  const contest = await db.contest.findUnique({ where: { id: contestId }, select: { id: true } });
  if (!contest) throw new Refusal(null, "notFound");
  const stamp = StampSchema.parse(input.stamp);

  const villages = await communeVillages(communeId);
  if (villages.length === 0) throw new Refusal(null, "noVillages");
  const names = new Map(villages.map((v) => [v.id, v.name]));
  const raw = gridRowsFromForm(input);
  // Ids come from the client: a village of another commune (or none) is refused, nothing saved.
  if (raw.some((r) => !names.has(r.villageId))) throw new Refusal(null, "villageNotInCommune");

  const fieldErrors: Record<string, string> = {};
  const rows: ResultRow[] = [];
  for (const r of raw) {
    const p = ResultRowSchema.safeParse(r);
    if (p.success) rows.push(p.data);
    else
      for (const issue of p.error.issues) {
        const f = resultFieldName(issue.path[0] as ResultField, r.villageId);
        fieldErrors[f] ??= issue.message;
      }
  }
  if (Object.keys(fieldErrors).length) throw Refusal.fields(fieldErrors);

  return db.$transaction(async (tx) => {
    await lockGrid(tx, contestId, communeId);
    const stored = await storedResults(tx, contestId, communeId);
    if (stamp !== gridStamp(stored)) {
      const now = new Map(stored.filter((s) => s.villageId !== null).map((s) => [s.villageId!, s]));
      const same = rows.every((r) => {
        const s = now.get(r.villageId);
        return r.result === null ? !s : !!s && s.participants === r.result.participants && s.visits === r.result.visits;
      });
      if (!same) throw new Refusal(null, "stale");
    }
    const changed = await applyChanges(tx, user, "contest.results.save", contestId, communeId, rows, names);
    return { contestId, changed };
  });
}

const RESULT_COLUMNS = [
  { field: "participants", words: ["tham gia", "du thi", "participant"] },
  { field: "visits", words: ["truy cap", "visit"] },
  { field: "village", words: ["thon", "to dan pho", "village", "khu pho", "ten"] },
] as const;

/**
 * Imports one contest's per-village results from an uploaded CSV or XLSX file (columns: village,
 * participants, visits; a header row first). Village names match the commune's villages with or
 * without tone marks and case. Every row is checked first; one bad row and nothing is saved.
 */
export async function importContestResults(
  user: CurrentUser,
  contestIdInput: unknown,
  file: unknown,
): Promise<ImportResultsResult> {
  requireCan(user, "figures:manage");
  const communeId = communeOf(user);
  const id = ContestIdSchema.safeParse(contestIdInput);
  if (!id.success) throw new Refusal(null, "notFound");
  const contestId = id.data;
  if (!(await db.contest.findUnique({ where: { id: contestId }, select: { id: true } }))) throw new Refusal(null, "notFound");
  const villages = await communeVillages(communeId);
  if (villages.length === 0) throw new Refusal(null, "noVillages");

  const table = await readUpload(file);
  if (!table.ok) throw Refusal.rows(table.formError, table.issues);
  const cols = matchColumns(table.header, RESULT_COLUMNS);
  if (!cols.ok) throw Refusal.rows(cols.formError, cols.issues);
  const { village: vc, participants: pc, visits: sc } = cols.columns as Record<"village" | "participants" | "visits", number>;

  const byFolded = new Map<string, { id: number; name: string }[]>();
  for (const v of villages) byFolded.set(foldName(v.name), [...(byFolded.get(foldName(v.name)) ?? []), v]);
  const names = new Map(villages.map((v) => [v.id, v.name]));
  const issues: ImportIssue[] = [];
  const seen = new Map<number, number>();
  const changes: Change[] = [];
  for (const { row, cells } of table.rows) {
    const name = (cells[vc] ?? "").trim();
    let villageId: number | null = null;
    if (name === "") issues.push({ row, key: "villageMissing" });
    else {
      const exact = villages.find((v) => v.name.toLowerCase() === name.toLowerCase());
      const folded = byFolded.get(foldName(name)) ?? [];
      // Exact spelling first: two villages may differ only by tone marks.
      const found = exact ? [exact] : folded;
      if (found.length === 1) villageId = found[0]!.id;
      else if (found.length > 1) issues.push({ row, key: "villageAmbiguous", values: { name } });
      else issues.push({ row, key: "villageUnknown", values: { name } });
    }
    if (villageId !== null) {
      const first = seen.get(villageId);
      if (first !== undefined) issues.push({ row, key: "villageDuplicate", values: { name: names.get(villageId)!, first } });
      else seen.set(villageId, row);
    }
    const parsed = ResultRowSchema.safeParse({
      villageId: villageId ?? 1,
      participants: plainCount(cells[pc] ?? ""),
      visits: plainCount(cells[sc] ?? ""),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ row, key: `field.${issue.message}`, values: { column: String(issue.path[0]) } });
    } else if (parsed.data.result === null) {
      issues.push({ row, key: "field.required", values: { column: "participants" } });
    } else if (villageId !== null) {
      changes.push({ villageId, result: parsed.data.result });
    }
  }
  if (issues.length) throw Refusal.rows("rowsHaveErrors", issues.slice(0, 100));

  await db.$transaction(async (tx) => {
    await lockGrid(tx, contestId, communeId);
    await applyChanges(tx, user, "contest.results.import", contestId, communeId, changes, names);
  });
  return { count: changes.length };
}
