import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { drilldownFormat } from "@/components/drilldown/format";
import { Table, type Column } from "@/components/ui/table";
import type { TableColumn, TableDefinition } from "@/lib/exports/definition";

/**
 * A screen column of a table definition, by its key: the header is the definition's label (inside
 * `header`, e.g. a sort link, when given) and the cell its value shown by its kind (whole numbers,
 * whole percents, days), or `cell` where the screen shows more (a link, a share with its counts…).
 */
export type ScreenColumn<R> = { key: string; header?: (label: string) => ReactNode; cell?: (row: R) => ReactNode };

/**
 * A column the file has not (an "open" link, an edit form, a badge of the screen's own): the page
 * gives its header and cell. `own` tells it from a definition's column, whose key it must not take.
 */
export type OwnColumn<R> = Column<R> & { own: true };

const NUMERIC = new Set(["int", "percent", "decimal", "points"]);

/**
 * A table (lib/<domain>/tables.ts) on screen, through the one table component: the screen picks
 * and orders the definition's columns, whose headers and formats are the file's, among its own.
 */
export async function DefinedTable<R>({
  table,
  columns,
  rows,
  rowKey,
  caption,
}: {
  /** Its columns: a screen listing other rows than the file's (a class's roster, whose file joins
   * registrations and walk-ins) gives each of them its cell. */
  table: Pick<TableDefinition, "name" | "columns">;
  columns: (string | ScreenColumn<R> | OwnColumn<R>)[];
  rows: R[];
  rowKey: (row: R) => string | number;
  caption: string;
}) {
  const [t, f] = await Promise.all([getTranslations("drilldown"), drilldownFormat()]);
  const shown = (c: TableColumn<R>, v: unknown): ReactNode => {
    if (c.kind === "percent") return f.pct(typeof v === "number" ? v : null);
    if (c.kind === "date") return f.day(v instanceof Date ? v : null);
    if (typeof v === "number") return f.num(v);
    return v === null || v === undefined ? "" : String(v);
  };
  const screen: Column<R>[] = columns.map((s) => {
    if (typeof s === "object" && "own" in s) {
      if (table.columns.some((x) => x.key === s.key)) throw new Error(`Table ${table.name} has its own column ${s.key}`);
      return { key: s.key, header: s.header, cell: s.cell, numeric: s.numeric };
    }
    const { key, header, cell } = typeof s === "string" ? ({ key: s } as ScreenColumn<R>) : s;
    const c = table.columns.find((x) => x.key === key);
    if (!c) throw new Error(`Table ${table.name} has no column ${key}`);
    const label = t(`columns.${c.label}` as never);
    return {
      key,
      header: header ? header(label) : label,
      numeric: NUMERIC.has(c.kind),
      cell: cell ?? ((row: R) => shown(c, (row as Record<string, unknown>)[key])),
    };
  });
  return <Table<R> caption={caption} columns={screen} rows={rows} rowKey={rowKey} />;
}
