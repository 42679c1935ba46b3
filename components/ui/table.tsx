import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { ScrollRegion } from "@/components/ui/scroll-region";

export type Column<T> = { key: string; header: ReactNode; cell: (row: T) => ReactNode; numeric?: boolean };

// The first column names the row (a household, a person, a village): on a phone the others would
// squeeze it to a word a line, so it keeps a readable width and the table scrolls instead.
const FIRST = "min-w-32";

/** The one table component: a caption for screen readers, headers, and rows. */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
}) {
  return (
    // A table wider than the screen scrolls in its own region, named by the table's caption.
    <ScrollRegion label={caption}>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            {columns.map((c, i) => (
              <th key={c.key} scope="col" className={cn("px-2 py-2 font-medium", c.numeric && "text-right", i === 0 && FIRST)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-100 last:border-0">
              {columns.map((c, i) => (
                <td key={c.key} className={cn("px-2 py-2", c.numeric && "text-right tabular-nums", i === 0 && FIRST)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
