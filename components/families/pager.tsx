import Link from "next/link";

/** Previous / next links for a server-paginated list; `href(page)` keeps the rest of the query. */
export function Pager({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: { label: string; previous: string; next: string; position: string };
}) {
  if (pages <= 1) return null;
  const link =
    "min-h-11 content-center rounded-lg border border-slate-300 bg-white px-4 font-medium text-brand-700 hover:bg-slate-50";
  return (
    <nav aria-label={labels.label} className="mt-3 flex flex-wrap items-center gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link}>
          {labels.previous}
        </Link>
      ) : null}
      <span className="text-sm text-slate-700">{labels.position}</span>
      {page < pages ? (
        <Link href={href(page + 1)} className={link}>
          {labels.next}
        </Link>
      ) : null}
    </nav>
  );
}
