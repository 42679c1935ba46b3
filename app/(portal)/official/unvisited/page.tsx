import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DrilldownNav, ExportLinks, SortHeader } from "@/components/drilldown/controls";
import { drilldownFormat } from "@/components/drilldown/format";
import { DrilldownPager } from "@/components/drilldown/pager";
import { flatParams } from "@/components/drilldown/query";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { parseDateRange } from "@/lib/drilldown/period";
import {
  DRILLDOWN_PAGE_SIZE,
  listDrilldownVillages,
  listUnvisitedHouseholds,
  UnvisitedQuerySchema,
  type HouseholdStats,
} from "@/lib/drilldown/queries";
import { unvisitedTable } from "@/lib/drilldown/tables";
import { daysBetween, todayInVietnam } from "@/lib/format/dates";
import { STALE_DAYS } from "@/lib/visits/rules";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("drilldown.unvisited"))("title") };
}

const PATH = "/official/unvisited";
const INPUT = "min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

export default async function UnvisitedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("official");
  const params = flatParams(await searchParams);
  const query = UnvisitedQuerySchema.parse(params);
  const [data, villages] = await Promise.all([
    listUnvisitedHouseholds(user, {
      period: parseDateRange(params),
      village: query.village,
      sort: query.sort,
      dir: query.dir,
      paging: { page: query.page, size: DRILLDOWN_PAGE_SIZE },
    }),
    listDrilldownVillages(user),
  ]);
  // A village of another commune (or a guessed id) is not found, never an empty list.
  if (!data) notFound();
  const [t, tStatus, f] = await Promise.all([getTranslations("drilldown"), getTranslations("familyStatus"), drilldownFormat()]);
  const today = todayInVietnam();
  const keep = { ...params };
  const header = (column: (typeof query)["sort"], label: string, numeric = false) => (
    <SortHeader path={PATH} params={keep} column={column} label={label} sort={query.sort} dir={query.dir} numeric={numeric} />
  );
  const exportParams: Record<string, string> = { sort: query.sort, dir: query.dir };
  if (data.village) exportParams.village = String(data.village.id);
  return (
    <div>
      <DrilldownNav current={PATH} params={keep} />
      <PageHeader
        title={t("unvisited.title")}
        intro={t("unvisited.intro", { days: STALE_DAYS, date: f.day(data.staleBefore) })}
      />
      <form
        method="get"
        action={PATH}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="unvisited-village" className="font-medium">
            {t("unvisited.village")}
          </label>
          <select
            id="unvisited-village"
            name="village"
            defaultValue={data.village ? String(data.village.id) : ""}
            className={INPUT}
          >
            <option value="">{t("unvisited.allVillages")}</option>
            {villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        {query.sort !== "lastVisit" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <button type="submit" className={buttonClass("primary")}>
          {t("unvisited.filter")}
        </button>
      </form>
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-700" role="status">
            {t("pager.position", { page: data.page, pages: data.pages, total: data.total })}
          </p>
          <ExportLinks table="unvisited" params={exportParams} />
        </div>
        {data.total === 0 ? (
          <EmptyState>{t("unvisited.empty")}</EmptyState>
        ) : (
          <>
            <DefinedTable<HouseholdStats>
              table={unvisitedTable}
              caption={t("unvisited.caption")}
              rowKey={(r) => r.id}
              rows={data.rows}
              columns={[
                {
                  key: "headName",
                  header: (label) => header("head", label),
                  cell: (r) => (
                    <Link href={`/households/${r.id}`} className="font-semibold text-brand-700 underline">
                      {r.headName}
                    </Link>
                  ),
                },
                "address",
                { key: "villageName", header: (label) => header("village", label) },
                { key: "members", header: (label) => header("members", label, true) },
                { key: "familyStatus", cell: (r) => tStatus(r.familyStatus ?? "none") },
                {
                  key: "lastVisitOn",
                  header: (label) => header("lastVisit", label),
                  cell: (r) =>
                    r.lastVisitOn ? (
                      <>
                        {f.day(r.lastVisitOn)}
                        <span className="block text-xs text-slate-600">
                          {t("unvisited.days", { count: daysBetween(r.lastVisitOn, today) })}
                        </span>
                      </>
                    ) : (
                      <span className="font-medium text-red-700">{t("never")}</span>
                    ),
                },
              ]}
            />
            <DrilldownPager path={PATH} params={keep} page={data.page} pages={data.pages} total={data.total} />
          </>
        )}
      </Card>
    </div>
  );
}
