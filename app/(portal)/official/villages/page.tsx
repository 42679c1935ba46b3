import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DrilldownNav, ExportLinks, PeriodForm, SortHeader } from "@/components/drilldown/controls";
import { drilldownFormat } from "@/components/drilldown/format";
import { flatParams, hrefWith } from "@/components/drilldown/query";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { parseDateRange, periodParams } from "@/lib/drilldown/period";
import { listVillageStats, VillageQuerySchema, type VillageStats } from "@/lib/drilldown/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("drilldown.villages"))("title") };
}

const PATH = "/official/villages";

export default async function VillagesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("official");
  const params = flatParams(await searchParams);
  const period = parseDateRange(params);
  const query = VillageQuerySchema.parse(params);
  const [t, f, data] = await Promise.all([
    getTranslations("drilldown"),
    drilldownFormat(),
    listVillageStats(user, { period, ...query }),
  ]);
  const { from, to } = periodParams(period);
  const keep = { ...params, from, to };
  const header = (column: (typeof query)["sort"], label: string, numeric = true) => (
    <SortHeader path={PATH} params={keep} column={column} label={label} sort={query.sort} dir={query.dir} numeric={numeric} />
  );
  const share = (ratio: number | null, n: number, d: number) => (
    <>
      <span className="font-medium">{f.pct(ratio)}</span>
      <span className="block text-xs text-slate-600">{t("ratio", { n, d })}</span>
    </>
  );
  return (
    <div>
      <DrilldownNav current={PATH} params={keep} />
      <PageHeader title={t("villages.title")} intro={t("villages.intro")} />
      <PeriodForm path={PATH} params={keep} from={from} to={to} />
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-700">{t("period.showing", { from: f.day(period.from), to: f.day(period.to) })}</p>
          <ExportLinks table="villages" params={{ from, to, sort: query.sort, dir: query.dir }} />
        </div>
        {data.skillsTracked === 0 ? <p className="mb-3 text-sm text-amber-900">{t("villages.noSkills")}</p> : null}
        {data.rows.length === 0 ? (
          <EmptyState>{t("villages.empty")}</EmptyState>
        ) : (
          <Table<VillageStats>
            caption={t("villages.caption")}
            rowKey={(r) => r.id}
            rows={data.rows}
            columns={[
              {
                key: "name",
                header: header("name", t("columns.village"), false),
                cell: (r) => (
                  <Link href={hrefWith(`${PATH}/${r.id}`, {}, { from, to })} className="font-semibold text-brand-700 underline">
                    {r.name}
                  </Link>
                ),
              },
              {
                key: "households",
                header: header("households", t("columns.households")),
                numeric: true,
                cell: (r) => f.num(r.households),
              },
              {
                key: "reach",
                header: header("reach", t("columns.reach")),
                numeric: true,
                cell: (r) => share(r.reach, r.reached, r.households),
              },
              { key: "adults", header: t("columns.adults"), numeric: true, cell: (r) => f.num(r.adults) },
              {
                key: "vneid",
                header: header("vneid", t("columns.vneidShare")),
                numeric: true,
                cell: (r) => share(r.vneidShare, r.vneid, r.adults),
              },
              {
                key: "allSkills",
                header: header("allSkills", t("columns.allSkillsShare")),
                numeric: true,
                cell: (r) => share(r.allSkillsShare, r.allSkills, r.adults),
              },
              {
                key: "enrolled",
                header: header("enrolled", t("columns.enrolled")),
                numeric: true,
                cell: (r) => f.num(r.enrolled),
              },
              {
                key: "certified",
                header: header("certified", t("columns.certified")),
                numeric: true,
                cell: (r) => f.num(r.certified),
              },
              { key: "visits", header: header("visits", t("columns.visits")), numeric: true, cell: (r) => f.num(r.visits) },
              { key: "lastVisit", header: header("lastVisit", t("columns.lastVisit"), false), cell: (r) => f.day(r.lastVisitOn) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
