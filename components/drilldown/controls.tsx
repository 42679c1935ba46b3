import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { hrefWith } from "@/components/drilldown/query";
import type { SortDir } from "@/lib/drilldown/queries";

const LINK = "inline-flex min-h-11 items-center font-medium text-brand-700 underline";
const INPUT = "min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

/** Back to the official's home, and across to the other drill-downs. */
export async function DrilldownNav({ current, params }: { current: string; params: Record<string, string> }) {
  const t = await getTranslations("drilldown");
  const keep = { from: params.from ?? null, to: params.to ?? null };
  const links = [
    { href: "/official/villages", label: t("links.villages") },
    { href: "/official/branches", label: t("links.branches") },
    { href: "/official/unvisited", label: t("links.unvisited") },
  ];
  return (
    <nav aria-label={t("links.label")} className="mb-4 flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
      <Link href="/official" className={LINK}>
        {t("backToDashboard")}
      </Link>
      {links.map((l) =>
        l.href === current ? (
          <span key={l.href} aria-current="page" className="inline-flex min-h-11 items-center font-semibold text-slate-900">
            {l.label}
          </span>
        ) : (
          <Link key={l.href} href={hrefWith(l.href, {}, keep)} className={LINK}>
            {l.label}
          </Link>
        ),
      )}
    </nav>
  );
}

/**
 * The period picker: two dates in the address (?from=&to=), submitted without JavaScript. Other
 * parameters (village, sort) are kept; the page number is dropped.
 */
export async function PeriodForm({
  path,
  params,
  from,
  to,
}: {
  path: string;
  params: Record<string, string>;
  from: string;
  to: string;
}) {
  const t = await getTranslations("drilldown.period");
  const hidden = Object.entries(params).filter(([k]) => !["from", "to", "page"].includes(k));
  return (
    <form
      method="get"
      action={path}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3"
    >
      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="mb-1 font-medium">{t("legend")}</legend>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="period-from">{t("from")}</label>
          <input id="period-from" type="date" name="from" defaultValue={from} required className={INPUT} />
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="period-to">{t("to")}</label>
          <input id="period-to" type="date" name="to" defaultValue={to} required className={INPUT} />
        </div>
      </fieldset>
      {hidden.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className={buttonClass("primary")}>
        {t("apply")}
      </button>
      <Link href={hrefWith(path, params, { from: null, to: null, page: null })} className={LINK}>
        {t("thisMonth")}
      </Link>
    </form>
  );
}

/**
 * Links to the same table as a file, with the screen's filters: XLSX first; then the CSV that Excel
 * with Vietnamese regional settings opens in columns (`;`); last the `,` CSV for other programs.
 */
export async function ExportLinks({ table, params }: { table: string; params: Record<string, string> }) {
  const t = await getTranslations("drilldown.export");
  const base = `/api/exports/${table}`;
  const q = { ...params, page: null };
  return (
    <p className="flex flex-wrap items-center gap-3 text-sm">
      <span className="text-slate-700">{t("label")}:</span>
      <a href={hrefWith(base, {}, { ...q, format: "xlsx" })} download className={buttonClass("secondary")}>
        {t("xlsx")}
      </a>
      <a href={hrefWith(base, {}, { ...q, format: "excel-csv" })} download className={buttonClass("secondary")}>
        {t("excelCsv")}
      </a>
      <a href={hrefWith(base, {}, { ...q, format: "csv" })} download className={buttonClass("secondary")}>
        {t("csv")}
      </a>
    </p>
  );
}

/** A column header that sorts by its column; choosing it again reverses the order. */
export async function SortHeader({
  path,
  params,
  column,
  label,
  sort,
  dir,
  numeric = false,
}: {
  path: string;
  params: Record<string, string>;
  column: string;
  label: string;
  sort: string;
  dir: SortDir;
  numeric?: boolean;
}) {
  const t = await getTranslations("drilldown.sort");
  const active = sort === column;
  // Numbers read best largest first; names and dates in their natural order.
  const next: SortDir = active ? (dir === "asc" ? "desc" : "asc") : numeric ? "desc" : "asc";
  return (
    <Link
      href={hrefWith(path, params, { sort: column, dir: next, page: null })}
      className="inline-flex min-h-11 items-center gap-1 font-medium text-brand-700 hover:underline"
      title={t("by", { column: label })}
    >
      {label}
      {active ? (
        <>
          <span aria-hidden>{dir === "asc" ? "▲" : "▼"}</span>
          <span className="sr-only">({dir === "asc" ? t("asc") : t("desc")})</span>
        </>
      ) : null}
    </Link>
  );
}
