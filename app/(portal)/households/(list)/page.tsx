import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink, Button } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { ExportLinks } from "@/components/drilldown/controls";
import { listHref, Pager, SortHeader } from "@/components/households/list-controls";
import { requireArea } from "@/lib/auth/session";
import { listVillages } from "@/lib/households/queries";
import { householdsTable } from "@/lib/households/tables";
import { can } from "@/lib/auth/capabilities";
import {
  FAMILY_FILTERS,
  HouseholdQuerySchema,
  searchesByPhone,
  searchHouseholds,
  type HouseholdRow,
} from "@/lib/households/search";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("households"))("title") };
}

const INPUT = "min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

export default async function HouseholdsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const user = await requireArea("households");
  const raw = await searchParams;
  const query = HouseholdQuerySchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const [t, tStatus, format, villages, result] = await Promise.all([
    getTranslations("households"),
    getTranslations("familyStatus"),
    getFormatter(),
    listVillages(user),
    searchHouseholds(user, query),
  ]);
  const mayCreate = can(user, "registry:edit");
  // The wording says what this user's search matches (volunteers' does not match phone numbers).
  const phone = searchesByPhone(user) ? "yes" : "no";
  const filtered = Boolean(query.q || query.village || query.family || query.visit);
  const day = (d: Date) => format.dateTime(d, "day");
  const lastVisit = (r: HouseholdRow) =>
    r.lastVisitOn ? day(r.lastVisitOn) : <span className="font-medium text-red-700">{t("neverVisited")}</span>;
  const headLink = (r: HouseholdRow) => (
    <Link
      href={`/households/${r.id}`}
      className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline-offset-2 hover:underline"
    >
      {r.headName}
    </Link>
  );
  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeader title={t("title")} intro={t("intro", { phone })} />
        {mayCreate ? <ButtonLink href="/households/new">{t("newHousehold")}</ButtonLink> : null}
      </div>

      <form
        method="get"
        action="/households"
        role="search"
        className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <div className="flex flex-col gap-1 sm:col-span-2 lg:col-span-4">
          <label htmlFor="households-q" className="font-medium">
            {t("searchLabel")}
          </label>
          <input
            id="households-q"
            name="q"
            type="search"
            defaultValue={query.q}
            aria-describedby="households-q-hint"
            autoComplete="off"
            enterKeyHint="search"
            className={INPUT}
          />
          <p id="households-q-hint" className="text-sm text-slate-600">
            {t("searchHint", { phone })}
          </p>
        </div>
        {/* On a phone the filters fold away so the list starts on the first screen; from sm up they
            always show (the closed <details>' content is made visible). Open when one is in use. */}
        <details
          open={query.village || query.family || query.visit ? true : undefined}
          className="sm:col-span-2 lg:col-span-3 sm:[&::details-content]:[content-visibility:visible]"
        >
          <summary className="flex min-h-11 cursor-pointer items-center font-medium text-brand-700 sm:hidden">
            {t("moreFilters")}
          </summary>
          <div className="grid gap-3 pt-2 sm:grid-cols-3 sm:pt-0">
            <div className="flex flex-col gap-1">
              <label htmlFor="households-village" className="font-medium">
                {t("village")}
              </label>
              <select id="households-village" name="village" defaultValue={query.village ?? ""} className={INPUT}>
                <option value="">{t("allVillages")}</option>
                {villages.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="households-family" className="font-medium">
                {t("family")}
              </label>
              <select id="households-family" name="family" defaultValue={query.family ?? ""} className={INPUT}>
                <option value="">{t("familyAny")}</option>
                {FAMILY_FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {tStatus(f)}
                  </option>
                ))}
              </select>
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="households-visit" className="font-medium">
                {t("visit")}
              </label>
              <select id="households-visit" name="visit" defaultValue={query.visit ?? ""} className={INPUT}>
                <option value="">{t("visitAny")}</option>
                <option value="never">{t("visitNever")}</option>
                <option value="stale60">{t("visitStale60")}</option>
              </select>
            </div>
          </div>
        </details>
        {query.sort !== "relevance" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div className="flex items-end gap-3">
          <Button type="submit">{t("search")}</Button>
          {filtered ? (
            <Link href="/households" className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline">
              {t("reset")}
            </Link>
          ) : null}
        </div>
      </form>

      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-700" role="status">
          {t("total", { count: result.total })}
        </p>
        {/* The whole filtered list as a file (every page); the registry's roles only, and audited. */}
        {mayCreate && result.total > 0 ? (
          <ExportLinks
            table="households"
            params={Object.fromEntries(
              Object.entries({
                q: query.q,
                village: query.village,
                family: query.family,
                visit: query.visit,
                sort: query.sort,
                dir: query.dir,
              })
                .filter(([, v]) => v !== undefined && v !== "")
                .map(([k, v]) => [k, String(v)]),
            )}
          />
        ) : null}
      </div>

      {result.rows.length === 0 ? (
        <EmptyState>{filtered || query.page > 1 ? t("emptyFiltered") : t("empty")}</EmptyState>
      ) : (
        <>
          {/* Phones: one card per household. */}
          <ul className="flex flex-col gap-2 sm:hidden">
            {result.rows.map((r) => (
              <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-3">
                <p>{headLink(r)}</p>
                <p className="text-sm text-slate-700">
                  {r.address} · {r.villageName}
                </p>
                <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
                  <span>{lastVisit(r)}</span>
                  <span>{tStatus((r.familyStatus ?? "none") as "none")}</span>
                </p>
              </li>
            ))}
          </ul>
          <div className="hidden rounded-xl border border-slate-200 bg-white p-2 sm:block">
            <DefinedTable<HouseholdRow>
              table={householdsTable}
              caption={t("caption")}
              rowKey={(r) => r.id}
              rows={result.rows}
              columns={[
                {
                  key: "headName",
                  header: (label) => <SortHeader query={query} column="head" label={label} />,
                  cell: headLink,
                },
                "address",
                { key: "villageName", header: (label) => <SortHeader query={query} column="village" label={label} /> },
                "members",
                { key: "familyStatus", cell: (r) => tStatus((r.familyStatus ?? "none") as "none") },
                {
                  key: "lastVisitOn",
                  header: (label) => <SortHeader query={query} column="lastVisit" label={label} />,
                  cell: lastVisit,
                },
              ]}
            />
          </div>
        </>
      )}
      {result.total > 0 || query.page > 1 ? <Pager query={query} pages={result.pages} /> : null}
      {query.page > result.pages && result.total > 0 ? (
        <p className="mt-2">
          <Link href={listHref(query, { page: result.pages })} className="font-medium text-brand-700 underline">
            {t("page", { page: result.pages, pages: result.pages })}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
