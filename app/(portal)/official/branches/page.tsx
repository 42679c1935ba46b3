import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DrilldownNav, ExportLinks, PeriodForm, SortHeader } from "@/components/drilldown/controls";
import { drilldownFormat } from "@/components/drilldown/format";
import { TargetMet } from "@/components/drilldown/target-met";
import { flatParams } from "@/components/drilldown/query";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { parseDateRange, periodParams } from "@/lib/drilldown/period";
import { BranchQuerySchema, listBranchStats, type BranchStats } from "@/lib/drilldown/queries";
import { branchesTable } from "@/lib/drilldown/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("drilldown.branches"))("title") };
}

const PATH = "/official/branches";

export default async function BranchesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("official");
  const params = flatParams(await searchParams);
  const period = parseDateRange(params);
  const query = BranchQuerySchema.parse(params);
  const [t, f, data] = await Promise.all([
    getTranslations("drilldown"),
    drilldownFormat(),
    listBranchStats(user, { period, ...query }),
  ]);
  const { from, to } = periodParams(period);
  const keep = { ...params, from, to };
  const header = (column: (typeof query)["sort"], label: string, numeric = true) => (
    <SortHeader path={PATH} params={keep} column={column} label={label} sort={query.sort} dir={query.dir} numeric={numeric} />
  );
  const met = data.rows.filter((r) => r.met).length;
  return (
    <div>
      <DrilldownNav current={PATH} params={keep} />
      <PageHeader title={t("branches.title")} intro={t("branches.intro")} />
      <PeriodForm path={PATH} params={keep} from={from} to={to} />
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <div className="text-sm text-slate-700">
            <p className="font-medium text-slate-900">{t("branches.summary", { met, total: data.rows.length })}</p>
            <p>{t("period.showing", { from: f.day(period.from), to: f.day(period.to) })}</p>
          </div>
          <ExportLinks table="branches" params={{ from, to, sort: query.sort, dir: query.dir }} />
        </div>
        {data.rows.length === 0 ? (
          <EmptyState>{t("branches.empty")}</EmptyState>
        ) : (
          <DefinedTable<BranchStats>
            table={branchesTable}
            caption={t("branches.caption")}
            rowKey={(r) => r.id}
            rows={data.rows}
            columns={[
              {
                key: "name",
                header: (label) => header("name", label, false),
                cell: (r) => <span className="font-medium">{r.name}</span>,
              },
              { key: "villageName", cell: (r) => r.villageName ?? t("branches.noVillage") },
              { key: "adopted", header: (label) => header("adopted", label) },
              { key: "certified", header: (label) => header("certified", label) },
              { key: "target", header: (label) => header("target", label) },
              {
                key: "met",
                header: (label) => header("met", label, false),
                cell: (r) => (
                  <TargetMet
                    met={r.met}
                    label={r.met ? t("branches.met") : t("branches.notMet", { count: Math.max(0, r.target - r.adopted) })}
                  />
                ),
              },
              { key: "volunteers", header: (label) => header("volunteers", label) },
              { key: "visits", header: (label) => header("visits", label) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
