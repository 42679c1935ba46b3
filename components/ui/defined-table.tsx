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

const NUMERIC = new Set(["int", "percent", "decimal"]);

/**
 * A table (lib/<domain>/tables.ts) on screen, through the one table component: the screen picks
 * and orders the definition's columns, whose headers and formats are the file's.
 */
export async function DefinedTable<R>({
  table,
  columns,
  rows,
  rowKey,
  caption,
}: {
  table: TableDefinition<R>;
  columns: (string | ScreenColumn<R>)[];
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
