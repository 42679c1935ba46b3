import type { Metadata } from "next";
import { Suspense } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { ExportLinks } from "@/components/drilldown/controls";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { PortalLoading } from "@/components/layout/portal-loading";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getMyCommuneRank } from "@/lib/city/queries";
import { todayInVietnam } from "@/lib/format/dates";
import { isoOf, isRunning, parsePeriod, periodSearch } from "@/lib/indicators/period";
import { getOfficialDashboard } from "@/lib/indicators/queries";
import { CityRankCard } from "./city-rank";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function OfficialHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("official");
  const today = todayInVietnam();
  const { period, error } = parsePeriod(await searchParams, today);
  // Not awaited here: the heading and the picker show at once, the figures stream in when counted.
  const dashboard = getOfficialDashboard(user, period, today);
  // Its failure is handled where it is awaited (inside the Suspense boundary, then error.tsx);
  // this only keeps Node from reporting it as unhandled while the header renders.
  dashboard.catch(() => undefined);
  const rank = getMyCommuneRank(user, today);
  rank.catch(() => undefined);
  const [t, format] = await Promise.all([getTranslations("dashboard"), getFormatter()]);
  const day = (x: Date) => format.dateTime(x, "day");
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <PeriodPicker path="/official" period={period} error={error} today={today} />
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-700" data-testid="period">
          {/* A running period says it is counted to today and compared with as many days before. */}
          {t(isRunning(period) ? "period.showingToDate" : "period.showing", {
            from: day(period.from),
            to: day(period.through),
            prevFrom: day(period.prevFrom),
            prevTo: day(period.prevTo),
          })}
        </p>
        <ButtonLink href={`/official/report?month=${isoOf(period.to).slice(0, 7)}`} variant="secondary">
          {t("openReport")}
        </ButtonLink>
      </div>
      <div className="mb-6">
        {/* The indicators as a file: the same figures for the same period. */}
        <ExportLinks table="indicators" params={{ from: isoOf(period.from), to: isoOf(period.to) }} />
      </div>
      <Suspense key={periodSearch(period)} fallback={<PortalLoading />}>
        <DashboardView data={dashboard} />
      </Suspense>
      <Suspense fallback={null}>
        <CityRankCard data={rank} />
      </Suspense>
    </div>
  );
}
