import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { audit, changes } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { FigureSchema, monthStart, type FigureField } from "@/lib/figures/schemas";
import { matchColumns, readUpload, type ImportIssue } from "@/lib/imports/table";
import { plainCount, plainMonth } from "@/lib/imports/text";
import { fieldErrorsOf } from "@/lib/validation/form-state";
import { parseFields, Refusal } from "@/lib/validation/refusal";

/**
 * Enters a month's administrative figures, or corrects them. Correcting needs the version that was
 * read: a stale one is refused, and entering a month that already has figures without it too.
 * Refusals (keys in `figures.errors`): every field that does not parse, or "stale" / "monthExists".
 */
export async function saveFigure(user: CurrentUser, input: Record<string, unknown>): Promise<{ id: number; month: string }> {
  requireCan(user, "figures:manage");
  const communeId = communeOf(user);
  const v = parseFields(FigureSchema, input);
  const month = monthStart(v.month);
  const data = {
    applicationsTotal: v.applicationsTotal,
    applicationsOnline: v.applicationsOnline,
    recordsDigitised: v.recordsDigitised,
  };
  try {
    const id = await db.$transaction(async (tx) => {
      const existing = await tx.adminFigure.findUnique({ where: { communeId_month: { communeId, month } } });
      if (!existing) {
        if (v.version !== null) throw new Refusal(null, "stale");
        const created = await tx.adminFigure.create({ data: { communeId, month, ...data } });
        await audit(
          tx,
          user,
          "figure.create",
          "AdminFigure",
          created.id,
          { month: v.month },
          { after: { month: v.month, ...data } },
        );
        return created.id;
      }
      if (v.version === null) throw new Refusal(null, "monthExists");
      const { count } = await tx.adminFigure.updateMany({
        where: { id: existing.id, communeId, version: v.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count !== 1) throw new Refusal(null, "stale");
      const { changed, ...diff } = changes(existing, data, ["applicationsTotal", "applicationsOnline", "recordsDigitised"]);
      await audit(tx, user, "figure.update", "AdminFigure", existing.id, { month: v.month, changed }, diff);
      return existing.id;
    });
    return { id, month: v.month };
  } catch (err) {
    // Two people entering the same new month at once: the second meets the unique key.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new Refusal(null, "monthExists");
    throw err;
  }
}

export type ImportFiguresResult = { count: number };

const FIGURE_COLUMNS = [
  { field: "applicationsOnline", words: ["truc tuyen", "online"] },
  { field: "recordsDigitised", words: ["so hoa", "digiti"], optional: true },
  { field: "month", words: ["thang", "month", "ky"] },
  { field: "applicationsTotal", words: ["ho so", "tong", "tiep nhan", "application", "filed", "total"] },
] as const;

/**
 * Imports months of figures from an uploaded CSV or XLSX file (columns: month as YYYY-MM or
 * MM/YYYY, applications filed, filed online, optionally records digitised; a header row first).
 * Every row is checked with the form's own schema first; one bad row and nothing is saved. A month
 * that already has figures is overwritten (its version moves on, so a form opened before the
 * import is refused as stale rather than silently undoing it).
 */
export async function importFigures(user: CurrentUser, file: unknown): Promise<ImportFiguresResult> {
  requireCan(user, "figures:manage");
  const communeId = communeOf(user);
  const table = await readUpload(file);
  if (!table.ok) throw Refusal.rows(table.formError, table.issues);
  const cols = matchColumns(table.header, FIGURE_COLUMNS);
  if (!cols.ok) throw Refusal.rows(cols.formError, cols.issues);
  const c = cols.columns;
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  const rows: { month: string; data: { applicationsTotal: number; applicationsOnline: number; recordsDigitised: number } }[] = [];
  for (const { row, cells } of table.rows) {
    const cell = (i: number | undefined) => (i === undefined ? "" : (cells[i] ?? ""));
    const parsed = FigureSchema.safeParse({
      month: plainMonth(cell(c.month)),
      applicationsTotal: plainCount(cell(c.applicationsTotal)),
      applicationsOnline: plainCount(cell(c.applicationsOnline)),
      recordsDigitised: plainCount(cell(c.recordsDigitised)),
    });
    if (!parsed.success) {
      for (const [column, key] of Object.entries(fieldErrorsOf<FigureField>(parsed.error)))
        issues.push({ row, key: `field.${key}`, values: { column } });
      continue;
    }
    const v = parsed.data;
    const first = seen.get(v.month);
    if (first !== undefined) {
      issues.push({ row, key: "monthDuplicate", values: { month: v.month, first } });
      continue;
    }
    seen.set(v.month, row);
    rows.push({
      month: v.month,
      data: {
        applicationsTotal: v.applicationsTotal,
        applicationsOnline: v.applicationsOnline,
        recordsDigitised: v.recordsDigitised,
      },
    });
  }
  if (issues.length) throw Refusal.rows("rowsHaveErrors", issues.slice(0, 100));

  const keys = ["applicationsTotal", "applicationsOnline", "recordsDigitised"] as const;
  try {
    await writeImportedFigures(user, communeId, rows, keys);
  } catch (err) {
    // Someone entered one of these months at the same moment: nothing of the file was saved.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw Refusal.rows("conflict");
    throw err;
  }
  return { count: rows.length };
}

async function writeImportedFigures(
  user: CurrentUser,
  communeId: number,
  rows: { month: string; data: { applicationsTotal: number; applicationsOnline: number; recordsDigitised: number } }[],
  keys: readonly ("applicationsTotal" | "applicationsOnline" | "recordsDigitised")[],
) {
  await db.$transaction(async (tx) => {
    for (const { month: key, data } of rows) {
      const month = monthStart(key);
      const existing = await tx.adminFigure.findUnique({ where: { communeId_month: { communeId, month } } });
      if (!existing) {
        const created = await tx.adminFigure.create({ data: { communeId, month, ...data } });
        await audit(tx, user, "figure.import", "AdminFigure", created.id, { month: key }, { after: { month: key, ...data } });
        continue;
      }
      const { changed, ...diff } = changes(existing, data, keys);
      if (changed.length === 0) continue;
      await tx.adminFigure.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } });
      await audit(tx, user, "figure.import", "AdminFigure", existing.id, { month: key, changed }, diff);
    }
  });
}
