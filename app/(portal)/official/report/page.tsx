import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { FunnelBlock, SkillTrendBlock, TopicsBlock, VisitsChartBlock } from "@/components/dashboard/dashboard-charts";
import { figureText } from "@/components/dashboard/figure-text";
import { ExportLinks } from "@/components/drilldown/controls";
import { ReportTables } from "@/components/dashboard/report-tables";
import { PrintLayout } from "@/components/print/print-layout";
import { PrintTable } from "@/components/print/print-table";
import { buttonClass } from "@/components/ui/button";
import { requireArea } from "@/lib/auth/session";
import { todayInVietnam } from "@/lib/format/dates";
import { isoOf, parseReportMonth } from "@/lib/indicators/period";
import { getOfficialDashboard } from "@/lib/indicators/queries";
import { INDICATOR_KEYS, INDICATORS, indicatorText } from "@/lib/indicators/registry";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { month } = parseReportMonth((await searchParams).month);
  return { title: (await getTranslations("officialReport"))("title", { month: `${month.slice(5)}/${month.slice(0, 4)}` }) };
}

export default async function MonthlyReportPage({ searchParams }: Props) {
  const user = await requireArea("official");
  const today = todayInVietnam();
  const { period, month, error } = parseReportMonth((await searchParams).month, today);
  const [t, td, ti, format, d] = await Promise.all([
    getTranslations("officialReport"),
    getTranslations("dashboard"),
    getTranslations("indicators"),
    getFormatter(),
    getOfficialDashboard(user, period, today),
  ]);
  const text = figureText(format, td);
  const day = (x: Date) => format.dateTime(x, "day");
  const monthLabel = `${month.slice(5)}/${month.slice(0, 4)}`;
  return (
    <PrintLayout
      commune={d.commune}
      title={t("heading", { month: monthLabel })}
      period={t("intro", { month: monthLabel, from: day(period.from), to: day(period.to), today: day(today) })}
      printLabel={t("print")}
      keepSectionsWhole
      controls={
        <>
          <form method="get" action="/official/report" className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col text-sm font-medium text-slate-800">
              {t("month")}
              <input
                type="month"
                name="month"
                required
                defaultValue={month}
                className="mt-1 min-h-11 rounded-lg border border-slate-400 px-3"
              />
            </label>
            <button type="submit" className={buttonClass("secondary")}>
              {t("show")}
            </button>
          </form>
          {/* The report's figures and skill tables as a file: the indicators export for the report's month. */}
          <ExportLinks table="indicators" params={{ from: isoOf(period.from), to: isoOf(period.to) }} />
        </>
      }
      notice={
        error ? (
          <p role="alert" className="mb-4 text-sm font-medium text-red-800">
            {t("badMonth")}
          </p>
        ) : null
      }
    >
      <section aria-labelledby="r-figures" className="mb-6">
        <h2 id="r-figures" className="mb-2 text-lg font-semibold">
          {t("figuresTitle")}
        </h2>
        <PrintTable
          caption={t("figuresTitle")}
          columns={[
            { label: t("indicator") },
            { label: t("value"), className: "text-right" },
            { label: t("previous"), className: "text-right" },
            { label: t("change"), className: "text-right" },
            { label: t("source") },
          ]}
        >
          {INDICATOR_KEYS.filter((k) => k !== "skill_adoption").map((k) => {
            const fig = d.figures[k as Exclude<typeof k, "skill_adoption">];
            const detail = text.detail(fig);
            return (
              <tr key={k} className="border-b border-slate-200" data-indicator={k}>
                <th scope="row" className="px-2 py-1 font-normal">
                  {ti(indicatorText(k).label)}
                  {detail ? <span className="block text-xs text-slate-600">{detail}</span> : null}
                </th>
                <td className="px-2 py-1 text-right tabular-nums">{text.value(fig)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{text.value(fig, "previous")}</td>
                <td className="px-2 py-1 text-right tabular-nums">{text.signedChange(fig)}</td>
                <td className="px-2 py-1 text-xs">{td(`sources.${INDICATORS[k].source}`)}</td>
              </tr>
            );
          })}
        </PrintTable>
      </section>

      <ReportTables d={d} />

      <section aria-labelledby="r-charts" className="mb-6">
        <h2 id="r-charts" className="mb-2 text-lg font-semibold print:break-before-page">
          {t("chartsTitle")}
        </h2>
        <div className="grid gap-6">
          <VisitsChartBlock d={d} paper />
          <SkillTrendBlock d={d} paper />
          <FunnelBlock d={d} paper />
          <TopicsBlock d={d} paper />
        </div>
      </section>

      <section aria-labelledby="r-defs" className="mb-6 text-xs text-slate-700">
        <h2 id="r-defs" className="mb-2 text-base font-semibold text-slate-900">
          {t("definitionsTitle")}
        </h2>
        <dl>
          {INDICATOR_KEYS.map((k) => (
            <div key={k} className="mb-1">
              <dt className="inline font-semibold">{ti(indicatorText(k).label)}: </dt>
              <dd className="inline">
                {ti(indicatorText(k).definition)} ({td(`sources.${INDICATORS[k].source}`)})
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <p className="mt-10 text-right text-sm">
        {t("signature")}
        <span className="mt-16 block">&nbsp;</span>
      </p>
    </PrintLayout>
  );
}
