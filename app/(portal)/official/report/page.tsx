import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { FunnelBlock, SkillTrendBlock, TopicsBlock, VisitsChartBlock } from "@/components/dashboard/dashboard-charts";
import { ExportLinks } from "@/components/drilldown/controls";
import { AdminDocument } from "@/components/print/admin-document";
import { buttonClass } from "@/components/ui/button";
import { requireArea } from "@/lib/auth/session";
import { parseReportMonth } from "@/lib/indicators/period";
import { annexParams, getMonthlyReport } from "@/lib/report/monthly";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { month } = parseReportMonth((await searchParams).month);
  return { title: (await getTranslations("officialReport"))("title", { month: `${month.slice(5)}/${month.slice(0, 4)}` }) };
}

// The monthly report as an administrative document (Decree 30/2020/NĐ-CP), printed from here or
// downloaded as .docx (./docx): both render lib/report/monthly.ts's one content.
export default async function MonthlyReportPage({ searchParams }: Props) {
  const user = await requireArea("official");
  const locale = (await getLocale()) === "en" ? "en" : "vi";
  const [t, report] = await Promise.all([
    getTranslations("officialReport"),
    getMonthlyReport(user, (await searchParams).month, locale),
  ]);
  const d = report.dashboard;
  return (
    <AdminDocument
      report={report}
      printLabel={t("print")}
      signingSpace={t("doc.signingSpace")}
      controls={
        <>
          <form method="get" action="/official/report" className="flex flex-wrap items-end gap-3">
            <label className="flex flex-col text-sm font-medium text-slate-800">
              {t("month")}
              <input
                type="month"
                name="month"
                required
                defaultValue={report.month}
                className="mt-1 min-h-11 rounded-lg border border-slate-400 px-3"
              />
            </label>
            <button type="submit" className={buttonClass("secondary")}>
              {t("show")}
            </button>
          </form>
          <a href={`/official/report/docx?month=${report.month}`} download className={buttonClass("secondary")}>
            {t("doc.docx")}
          </a>
          {/* The figures annex: the indicators export for the report's month. */}
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-700">{t("doc.annex")}</span>
            <ExportLinks table="indicators" params={annexParams(report)} />
          </div>
        </>
      }
      notice={
        report.error ? (
          <p role="alert" className="mb-4 text-sm font-medium text-red-800">
            {t("badMonth")}
          </p>
        ) : null
      }
      annex={
        <section aria-labelledby="r-charts">
          <h2 id="r-charts" className="mb-2 text-lg font-semibold">
            {t("doc.chartsAnnex")}
          </h2>
          <div className="grid gap-6">
            <VisitsChartBlock d={d} paper />
            <SkillTrendBlock d={d} paper />
            <FunnelBlock d={d} paper />
            <TopicsBlock d={d} paper />
          </div>
        </section>
      }
    />
  );
}
