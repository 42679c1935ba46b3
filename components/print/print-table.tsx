import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type PrintColumn = { label: string; className?: string };

/** A table for paper: full width, a caption for screen readers, ruled column headers; rows as children. */
export function PrintTable({ caption, columns, children }: { caption: string; columns: PrintColumn[]; children: ReactNode }) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-slate-400">
          {columns.map((c) => (
            <th key={c.label} scope="col" className={cn("px-2 py-1", c.className)}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
