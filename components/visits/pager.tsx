import { ButtonLink } from "@/components/ui/button";

/** Previous / next links for a paginated list; nothing when there is one page. */
export function Pager({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: { previous: string; next: string; pageOf: string };
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={labels.pageOf} className="mt-4 flex items-center justify-between gap-2">
      {page > 1 ? (
        <ButtonLink variant="secondary" href={href(page - 1)}>
          {labels.previous}
        </ButtonLink>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{labels.pageOf}</span>
      {page < pages ? (
        <ButtonLink variant="secondary" href={href(page + 1)}>
          {labels.next}
        </ButtonLink>
      ) : (
        <span />
      )}
    </nav>
  );
}
