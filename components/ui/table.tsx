import type { ReactNode } from "react";

export type Column<T> = { key: string; header: ReactNode; cell: (row: T) => ReactNode; numeric?: boolean };

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
    // A table wider than the screen scrolls in its own region, which the keyboard can reach (axe:
    // scrollable-region-focusable) and a screen reader names by the table's caption.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? "px-2 py-2 text-right font-medium" : "px-2 py-2 font-medium"}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-100 last:border-0">
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? "px-2 py-2 text-right tabular-nums" : "px-2 py-2"}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
