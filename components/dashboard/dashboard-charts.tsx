import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { FunnelChart, SkillTrendChart, TopicsChart, VisitsPerWeekChart } from "@/components/charts/lazy-charts";
import { EmptyState } from "@/components/ui/card";
import { dayOf } from "@/lib/indicators/period";
import type { OfficialDashboard } from "@/lib/indicators/queries";

/** The four charts' data, labelled in the page's language (the charts themselves draw in the browser). */
export async function chartProps(d: OfficialDashboard) {
  const [t, tStatus, format, locale] = await Promise.all([
    getTranslations("dashboard.charts"),
    getTranslations("familyStatus"),
    getFormatter(),
    getLocale(),
  ]);
  // dd/MM on the axis (Vietnamese CLDR writes a day without its year "08-12").
  const dayMonth = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
  const monthYear = (ym: string) => format.dateTime(dayOf(`${ym}-01`), "month");
  const name = (x: { nameVi: string; nameEn: string }) => (locale === "vi" ? x.nameVi : x.nameEn);
  return {
    locale,
    t,
    visits: {
      title: t("visitsPerWeek"),
      description: t("visitsPerWeekDesc"),
      seriesLabel: t("visits"),
      data: d.charts.visitsPerWeek.map((w) => ({ label: dayMonth(w.week), visits: w.visits })),
    },
    skills: {
      title: t("skillTrend"),
      description: t("skillTrendDesc"),
      series: d.skills.map((s) => ({ key: s.skillKey, name: name(s) })),
      data: d.charts.skillTrend.map((m) => ({ label: monthYear(m.month), ...m.rates })),
    },
    funnel: {
      title: t("funnel"),
      description: t("funnelDesc"),
      seriesLabel: t("families"),
      data: d.charts.funnel.map((s) => ({ label: tStatus(s.stage), families: s.families })),
    },
    topics: {
      title: t("topics"),
      description: t("topicsDesc"),
      registeredLabel: t("registered"),
      attendedLabel: t("attended"),
      data: d.charts.topics
        .filter((x) => x.heldRegistrations > 0 || x.trained > 0)
        .map((x) => ({ label: name(x), registered: x.heldRegistrations, attended: x.attendedRegistrations })),
    },
  };
}

export async function VisitsChartBlock({ d, paper }: { d: OfficialDashboard; paper?: boolean }) {
  const p = await chartProps(d);
  return <VisitsPerWeekChart {...p.visits} locale={p.locale} paper={paper} />;
}

export async function SkillTrendBlock({ d, paper }: { d: OfficialDashboard; paper?: boolean }) {
  const p = await chartProps(d);
  if (p.skills.series.length === 0) return <EmptyState>{p.t("noSkills")}</EmptyState>;
  return <SkillTrendChart {...p.skills} locale={p.locale} paper={paper} />;
}

export async function FunnelBlock({ d, paper }: { d: OfficialDashboard; paper?: boolean }) {
  const p = await chartProps(d);
  return <FunnelChart {...p.funnel} locale={p.locale} paper={paper} />;
}

export async function TopicsBlock({ d, paper }: { d: OfficialDashboard; paper?: boolean }) {
  const p = await chartProps(d);
  if (p.topics.data.length === 0) {
    return (
      <div>
        <p className="mb-2 font-semibold text-slate-900">{p.topics.title}</p>
        <EmptyState>{p.t("noClasses")}</EmptyState>
      </div>
    );
  }
  return <TopicsChart {...p.topics} locale={p.locale} paper={paper} />;
}
