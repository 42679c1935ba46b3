import Link from "next/link";
import { Pager as SharedPager } from "@/components/ui/pager";
import { getTranslations } from "next-intl/server";
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

/** The registry's pager: the shared one, keeping the list's query in each link. */
export async function Pager({ query, pages }: { query: HouseholdQuery; pages: number }) {
  const t = await getTranslations("households");
  return (
    <SharedPager
      page={query.page}
      pages={pages}
      href={(page) => listHref(query, { page })}
      labels={{ label: t("pager"), previous: t("previous"), next: t("next"), position: t("page", { page: query.page, pages }) }}
    />
  );
}
