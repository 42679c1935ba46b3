import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { Table } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import {
  COMPARISON_KEYS,
  getCityComparison,
  getContestRanking,
  parseComparisonSort,
  type ComparisonKey,
} from "@/lib/city/queries";
import { cityCommunesTable } from "@/lib/city/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("city"))("title") };
}

const RATES: readonly ComparisonKey[] = ["reachRate", "vneidRate"];

export default async function CityHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("city");
  const params = await searchParams;
  const sort = parseComparisonSort(typeof params.sort === "string" ? params.sort : null) ?? "participants";
  const [t, format, data, comparison] = await Promise.all([
    getTranslations("city"),
    getFormatter(),
    getContestRanking(user),
    getCityComparison(user, sort),
  ]);
  const value = (key: ComparisonKey, v: number | null) =>
    v === null
      ? t("noData")
      : RATES.includes(key)
        ? format.number(v, { style: "percent", maximumFractionDigits: 1 })
        : format.number(v);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={data ? t("contest", { name: data.contest.name }) : undefined} />
      {data ? (
        <Card>
          <Table
            caption={t("title")}
            rows={data.ranking}
            rowKey={(r) => r.communeId}
            columns={[
              { key: "rank", header: t("rank"), numeric: true, cell: (r) => format.number(r.rank) },
              { key: "name", header: t("commune"), cell: (r) => r.name },
              { key: "participants", header: t("participants"), numeric: true, cell: (r) => format.number(r.participants) },
              { key: "visits", header: t("visits"), numeric: true, cell: (r) => format.number(r.visits) },
            ]}
          />
        </Card>
      ) : (
        <EmptyState>{t("none")}</EmptyState>
      )}
      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("comparison.title")}</h2>
        <p className="mb-1 text-sm text-slate-600">{t("comparison.intro")}</p>
        <p className="mb-3 text-sm text-slate-600" data-testid="city-as-of">
          {t("comparison.asOf", { time: format.dateTime(comparison.countedAt, "stamp") })}
        </p>
        <div className="mb-3">
          <ExportLinks table="city-communes" params={{ sort }} />
        </div>
        <DefinedTable
          table={cityCommunesTable}
          caption={t("comparison.caption", { indicator: t(`comparison.keys.${sort}`) })}
          rows={comparison.communes}
          rowKey={(r) => r.communeId}
          columns={[
            "name",
            ...COMPARISON_KEYS.map((key) => ({
              key,
              header: (label: string) => (
                <Link
                  href={`/city?sort=${key}`}
                  aria-current={key === sort ? ("true" as const) : undefined}
                  className={key === sort ? "font-semibold text-slate-900 underline" : "underline"}
                  title={t("comparison.sortBy", { indicator: t(`comparison.keys.${key}`) })}
                >
                  {label}
                </Link>
              ),
              // Plain text (a value and its rank): the table has a row per commune of the city.
              cell: (r: (typeof comparison.communes)[number]) => {
                const rank = r.ranks[key];
                return rank === null ? t("noData") : t("comparison.cell", { value: value(key, r.values[key]), rank });
              },
            })),
          ]}
        />
      </Card>
    </div>
  );
}
