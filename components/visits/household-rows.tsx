import Link from "next/link";

export type HouseholdLinkRow = {
  id: number;
  headName: string;
  address: string;
  villageName: string;
  /** Already formatted: last visit, follow-up. */
  detail: string;
  detailUrgent?: boolean;
};

/** A list of households, each one big tap target to record a visit for it. */
export function HouseholdLinks({ rows, label }: { rows: HouseholdLinkRow[]; label: (name: string) => string }) {
  return (
    <ul className="flex flex-col gap-2">
      {rows.map((h) => (
        <li key={h.id}>
          <Link
            href={`/visits/new?household=${h.id}`}
            aria-label={label(h.headName)}
            className="block min-h-12 rounded-xl border border-slate-200 bg-white p-3 hover:border-brand-600 focus-visible:border-brand-600"
          >
            <span className="block font-semibold text-brand-700">{h.headName}</span>
            <span className="block text-sm text-slate-700">
              {h.address} · {h.villageName}
            </span>
            <span className={h.detailUrgent ? "block text-sm font-medium text-red-700" : "block text-sm text-slate-600"}>
              {h.detail}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
