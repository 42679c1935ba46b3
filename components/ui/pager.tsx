import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export type PagerLabels = { previous: string; next: string; position: string; label?: string };

/**
 * The one pager: previous / "page X of Y" / next as plain links (works without JavaScript);
 * nothing when there is one page. Past the last page (e.g. after deletions), "previous" leads
 * back to the last one. `href(page)` keeps the rest of the query.
 */
export function Pager({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: PagerLabels;
}) {
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav aria-label={labels.label ?? labels.position} className="mt-4 flex flex-wrap items-center justify-between gap-3">
      {page > 1 ? (
        <Link className={buttonClass("secondary")} href={href(Math.min(page - 1, pages))} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-700" aria-current="page">
        {labels.position}
      </span>
      {page < pages ? (
        <Link className={buttonClass("secondary")} href={href(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
