import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import type { HouseholdQuery } from "@/lib/households/search";

/** The list's address with `changes` applied; defaults are left out so that addresses stay short. */
export function listHref(query: HouseholdQuery, changes: Partial<HouseholdQuery>): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.village) params.set("village", String(next.village));
  if (next.family) params.set("family", next.family);
  if (next.visit) params.set("visit", next.visit);
  if (next.sort !== "relevance") params.set("sort", next.sort);
  if (next.dir !== "asc") params.set("dir", next.dir);
  if (next.size !== 25) params.set("size", String(next.size));
  if (next.page > 1) params.set("page", String(next.page));
  const s = params.toString();
  return s ? `/households?${s}` : "/households";
}

/** A column header that sorts by its column; a second click reverses the order. */
export async function SortHeader({
  query,
  column,
  label,
}: {
  query: HouseholdQuery;
  column: "head" | "village" | "lastVisit";
  label: string;
}) {
  const t = await getTranslations("households");
  const active = query.sort === column;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <Link
      href={listHref(query, { sort: column, dir, page: 1 })}
      className="inline-flex min-h-11 items-center gap-1 font-medium text-brand-700 hover:underline"
      title={t("sortBy", { column: label })}
    >
      {label}
      {active ? (
        <>
          <span aria-hidden>{query.dir === "asc" ? "▲" : "▼"}</span>
          <span className="sr-only">({query.dir === "asc" ? t("sortedAsc") : t("sortedDesc")})</span>
        </>
      ) : null}
    </Link>
  );
}

/** Previous / "page X of Y" / next, as plain links (works without JavaScript). */
export async function Pager({ query, pages }: { query: HouseholdQuery; pages: number }) {
  const t = await getTranslations("households");
  // Past the last page (e.g. after deletions), "previous" leads back to the last one.
  const previous = Math.min(query.page - 1, pages);
  const link = "inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 font-medium text-brand-700";
  return (
    <nav aria-label={t("pager")} className="mt-4 flex flex-wrap items-center justify-between gap-3">
      {query.page > 1 ? (
        <Link href={listHref(query, { page: previous })} className={link} rel="prev">
          {t("previous")}
        </Link>
      ) : (
        <span className={cn(link, "invisible")} aria-hidden />
      )}
      <span className="text-slate-700" aria-current="page">
        {t("page", { page: query.page, pages })}
      </span>
      {query.page < pages ? (
        <Link href={listHref(query, { page: query.page + 1 })} className={link} rel="next">
          {t("next")}
        </Link>
      ) : (
        <span className={cn(link, "invisible")} aria-hidden />
      )}
    </nav>
  );
}
