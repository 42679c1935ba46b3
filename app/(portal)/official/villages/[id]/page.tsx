import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DrilldownNav, ExportLinks, PeriodForm, SortHeader } from "@/components/drilldown/controls";
import { drilldownFormat } from "@/components/drilldown/format";
import { DrilldownPager } from "@/components/drilldown/pager";
import { flatParams, hrefWith } from "@/components/drilldown/query";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { parseDateRange, periodParams } from "@/lib/drilldown/period";
import {
  DRILLDOWN_PAGE_SIZE,
  listVillageHouseholds,
  VillageHouseholdQuerySchema,
  type HouseholdStats,
} from "@/lib/drilldown/queries";
import { villageHouseholdsTable } from "@/lib/drilldown/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("drilldown.links"))("villages") };
}

export default async function VillageHouseholdsPage({
  params: routeParams,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("official");
  const id = (await routeParams).id;
  const params = flatParams(await searchParams);
  const period = parseDateRange(params);
  const query = VillageHouseholdQuerySchema.parse(params);
  // Only digits name a village; anything else (or another commune's village) is not found.
  const data = /^\d{1,10}$/.test(id)
    ? await listVillageHouseholds(user, Number(id), {
        period,
        sort: query.sort,
        dir: query.dir,
        paging: { page: query.page, size: DRILLDOWN_PAGE_SIZE },
      })
    : null;
  if (!data) notFound();
  const [t, tStatus, f] = await Promise.all([getTranslations("drilldown"), getTranslations("familyStatus"), drilldownFormat()]);
  const path = `/official/villages/${data.village.id}`;
  const { from, to } = periodParams(period);
  const keep = { ...params, from, to };
  const header = (column: (typeof query)["sort"], label: string, numeric = true) => (
    <SortHeader path={path} params={keep} column={column} label={label} sort={query.sort} dir={query.dir} numeric={numeric} />
  );
  return (
    <div>
      <DrilldownNav current="/official/villages" params={keep} />
      <p className="-mt-2 mb-2 text-sm">
        <Link
          href={hrefWith("/official/villages", {}, { from, to })}
          className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
        >
          {t("village.back")}
        </Link>
      </p>
      <PageHeader title={t("village.title", { name: data.village.name })} intro={t("village.intro")} />
      <PeriodForm path={path} params={keep} from={from} to={to} />
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <div className="text-sm text-slate-700">
            <p role="status" className="font-medium text-slate-900">
              {t("pager.position", { page: data.page, pages: data.pages, total: data.total })}
            </p>
            <p>{t("period.showing", { from: f.day(period.from), to: f.day(period.to) })}</p>
          </div>
          <ExportLinks
            table="village-households"
            params={{ village: String(data.village.id), from, to, sort: query.sort, dir: query.dir }}
          />
        </div>
        {data.total === 0 ? (
          <EmptyState>{t("village.empty")}</EmptyState>
        ) : (
          <>
            <DefinedTable<HouseholdStats>
              table={villageHouseholdsTable}
              caption={t("village.caption", { name: data.village.name })}
              rowKey={(r) => r.id}
              rows={data.rows}
              columns={[
                {
                  key: "headName",
                  header: (label) => header("head", label, false),
                  cell: (r) => (
                    <Link href={`/households/${r.id}`} className="font-semibold text-brand-700 underline">
                      {r.headName}
                    </Link>
                  ),
                },
                "address",
                { key: "members", header: (label) => header("members", label) },
                {
                  key: "familyStatus",
                  header: (label) => header("status", label, false),
                  cell: (r) => tStatus(r.familyStatus ?? "none"),
                },
                { key: "visits", header: (label) => header("visits", label) },
                {
                  key: "lastVisitOn",
                  header: (label) => header("lastVisit", label, false),
                  cell: (r) =>
                    r.lastVisitOn ? f.day(r.lastVisitOn) : <span className="font-medium text-red-700">{t("never")}</span>,
                },
              ]}
            />
            <DrilldownPager path={path} params={keep} page={data.page} pages={data.pages} total={data.total} />
          </>
        )}
      </Card>
    </div>
  );
}
