import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { COMPARISON_KEYS, isComparisonRate, type ComparisonKey, type MyCommuneRank } from "@/lib/city/queries";

/** The commune's rank among the city's communes on each comparison indicator ("Hạng 3/4"). */
export async function CityRankCard({ data }: { data: Promise<MyCommuneRank | null> }) {
  const [rank, t, tc, format] = await Promise.all([
    data,
    getTranslations("dashboard.cityRank"),
    getTranslations("city.comparison.keys"),
    getFormatter(),
  ]);
  const value = (key: ComparisonKey, v: number | null) =>
    v === null
      ? t("noValue")
      : isComparisonRate(key)
        ? format.number(v, { style: "percent", maximumFractionDigits: 1 })
        : format.number(v);
  return (
    <Card title={t("title")} className="mb-6">
      <div data-testid="city-rank">
        {rank === null ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <>
            <p className="mb-1 text-sm text-slate-600">{t("intro")}</p>
            <p className="mb-3 text-sm text-slate-600" data-testid="city-rank-as-of">
              {t("asOf", { time: format.dateTime(rank.countedAt, "stamp") })}
            </p>
            <Table
              caption={t("caption")}
              rows={COMPARISON_KEYS.map((key) => ({ key, ...rank.ranks[key] }))}
              rowKey={(r) => r.key}
              columns={[
                { key: "indicator", header: t("indicator"), cell: (r) => tc(r.key) },
                { key: "value", header: t("value"), numeric: true, cell: (r) => value(r.key, r.value) },
                {
                  key: "rank",
                  header: t("position"),
                  numeric: true,
                  cell: (r) => (r.rank === null ? t("noValue") : t("rank", { rank: r.rank, of: r.of })),
                },
              ]}
            />
          </>
        )}
      </div>
    </Card>
  );
}
