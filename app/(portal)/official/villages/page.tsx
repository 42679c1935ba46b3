import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DrilldownNav, ExportLinks, PeriodForm, SortHeader } from "@/components/drilldown/controls";
import { drilldownFormat } from "@/components/drilldown/format";
import { flatParams, hrefWith } from "@/components/drilldown/query";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { parseDateRange, periodParams } from "@/lib/drilldown/period";
import { listVillageStats, VillageQuerySchema, type VillageStats } from "@/lib/drilldown/queries";
import { villagesTable } from "@/lib/drilldown/tables";

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
          <DefinedTable<VillageStats>
            table={villagesTable}
            caption={t("villages.caption")}
            rowKey={(r) => r.id}
            rows={data.rows}
            columns={[
              {
                key: "name",
                header: (label) => header("name", label, false),
                cell: (r) => (
                  <Link href={hrefWith(`${PATH}/${r.id}`, {}, { from, to })} className="font-semibold text-brand-700 underline">
                    {r.name}
                  </Link>
                ),
              },
              { key: "households", header: (label) => header("households", label) },
              {
                key: "reach",
                header: (label) => header("reach", label),
                cell: (r) => share(r.reach, r.reached, r.households),
              },
              "adults",
              {
                key: "vneidShare",
                header: (label) => header("vneid", label),
                cell: (r) => share(r.vneidShare, r.vneid, r.adults),
              },
              {
                key: "allSkillsShare",
                header: (label) => header("allSkills", label),
                cell: (r) => share(r.allSkillsShare, r.allSkills, r.adults),
              },
              { key: "enrolled", header: (label) => header("enrolled", label) },
              { key: "certified", header: (label) => header("certified", label) },
              { key: "visits", header: (label) => header("visits", label) },
              { key: "lastVisitOn", header: (label) => header("lastVisit", label, false) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
