// A table is defined once, next to its domain's queries (lib/<domain>/tables.ts): its columns (the
// row's key, the header's message, how the value is written and, where it is not the row's own
// field, how it is read), the lib function listing its rows, and the capability of its screen.
// The export route builds the file from it (lib/drilldown/exports.ts looks it up by name); the
// screen reads its headers and formats from the same columns (components/ui/defined-table.tsx).
import { audit } from "@/lib/audit/log";
import { requireCan, type Capability } from "@/lib/auth/capabilities";
import type { CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { EXPORT_CAPABILITY, type ExportTableName } from "@/lib/drilldown/export-tables";
import type { ExportKind, ExportRow, ExportTable, ExportValue } from "@/lib/exports/table";
import type { DateRange } from "@/lib/indicators/period";
import type { FamilyStatus } from "@/lib/generated/prisma/enums";

/**
 * Translations the files need: `t` reads the "drilldown" namespace, `status` a family status,
 * `tr` any message by its full key (indicator labels, class statuses…); `locale` picks names.
 */
export type ExportLabels = {
  t: (key: string, values?: Record<string, string | number>) => string;
  status: (status: FamilyStatus | "none") => string;
  tr: (key: string, values?: Record<string, string | number>) => string;
  locale: "vi" | "en";
};

/** What a table's list and value getters get: who asks, the screen's query, its period, the clock. */
export type TableContext = {
  user: CurrentUser;
  /** The query string's values (the screen's filters, sort and period). */
  query: Record<string, string>;
  /** The drill-downs' period (?from=&to=, this month when missing). */
  period: DateRange;
  labels: ExportLabels;
  now: Date;
  /** Today in Vietnam. */
  today: Date;
};

/**
 * One column: `key` names it in the file (and is the row's field unless `value` reads it),
 * `label` its header (a message under "drilldown.columns"), `kind` how it is written.
 */
export type TableColumn<R> = {
  key: string;
  label: string;
  kind: ExportKind;
  value?(row: R, c: TableContext): ExportValue;
};

/** What a table's list gives: its rows and the file's name (without extension). */
export type TableRows<R> = { rows: readonly R[]; fileBase: string };

/** A table: its name (and so its capability), sheet title, columns, and the lib function listing its rows. */
export type TableDefinition<R = unknown> = {
  name: ExportTableName;
  /** The capability of the screen it comes from (EXPORT_CAPABILITY, lib/drilldown/export-tables.ts). */
  capability: Capability;
  /** The sheet's title: a message under "drilldown". */
  sheet: string;
  columns: readonly TableColumn<R>[];
  /** Every row with the screen's lib function and filters; null when the query names a record out of reach (404). */
  list(c: TableContext): Promise<TableRows<R> | null>;
};

/**
 * A table definition, its capability read from EXPORT_CAPABILITY. (`value` and `list` are methods
 * so that a table of any row type is a `TableDefinition`: the registry holds them side by side.)
 */
export function defineTable<R>(def: Omit<TableDefinition<R>, "capability">): TableDefinition<R> {
  return { ...def, capability: EXPORT_CAPABILITY[def.name] };
}

/** Shorthand for a column whose value is the row's own field. */
export const col = <R>(key: string, label: string, kind: ExportKind): TableColumn<R> => ({ key, label, kind });

export type BuiltExport = { table: ExportTable; fileBase: string };

/** The file of `def` for the context: the user must hold its capability; null when its list finds nothing to show (404). */
export async function buildTable<R>(def: TableDefinition<R>, c: TableContext): Promise<BuiltExport | null> {
  requireCan(c.user, def.capability);
  const listed = await def.list(c);
  if (!listed) return null;
  const { t } = c.labels;
  return {
    fileBase: listed.fileBase,
    table: {
      sheet: t(def.sheet),
      columns: def.columns.map((x) => ({
        key: x.key,
        header: t(`columns.${x.label}`),
        kind: x.kind,
        ...(x.kind === "points" ? { unit: t("pointsUnit") } : {}),
      })),
      rows: listed.rows.map((r) => {
        const row: ExportRow = {};
        for (const x of def.columns) row[x.key] = x.value ? x.value(r, c) : (r as ExportRow)[x.key];
        return row;
      }),
    },
  };
}

/** Writes an export that names people to the audit log: which table, its filters, how many rows. */
export async function auditExport(
  user: CurrentUser,
  entity: string,
  table: ExportTableName,
  rows: number,
  filters: Record<string, unknown> = {},
): Promise<void> {
  await audit(db, user, "export", entity, null, { table, ...filters, rows });
}

/** The table ?part= names, or `fallback` when it names none of `parts`. */
export function partOf<T extends string>(parts: readonly T[], value: string | undefined, fallback: T): T {
  return parts.find((p) => p === value) ?? fallback;
}

export { exportDateTime } from "@/lib/exports/table";

/** A name in the reader's language. */
export const localName = (x: { nameVi: string; nameEn: string }, labels: ExportLabels) =>
  labels.locale === "vi" ? x.nameVi : x.nameEn;
