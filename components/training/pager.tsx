import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Previous / next links for a paginated list; `href(page)` builds each link. */
export function Pager({
  page,
  pageCount,
  href,
  labels,
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  labels: { prev: string; next: string; pageOf: string };
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="mt-4 flex items-center justify-between gap-3" aria-label={labels.pageOf}>
      {page > 1 ? (
        <Link className={buttonClass("secondary")} href={href(page - 1)} rel="prev">
          {labels.prev}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{labels.pageOf}</span>
      {page < pageCount ? (
        <Link className={buttonClass("secondary")} href={href(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
