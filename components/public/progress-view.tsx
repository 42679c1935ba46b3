import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader, StatCard } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { getPortalCommune } from "@/lib/communes/portal";
import { getPublicProgress, type PublicMonth, type PublicSkillShare } from "@/lib/dashboards/public-progress";

export async function progressMetadata(): Promise<Metadata> {
  const [t, commune] = await Promise.all([getTranslations("progress"), getPortalCommune()]);
  const description = t("metaDescription", { commune: commune?.name ?? "" });
  return { title: t("title"), description, openGraph: { title: t("title"), description, type: "website" } };
}

/** The commune's public progress: headline figures, months, skills. */
export async function ProgressView() {
  const [t, locale, format, commune] = await Promise.all([
    getTranslations("progress"),
    getLocale(),
    getFormatter(),
    getPortalCommune(),
  ]);
  if (!commune) return <EmptyState>{t("noCommune")}</EmptyState>;
  const p = await getPublicProgress(commune.id);
  const pct = (x: number | null) => (x === null ? "—" : format.number(x, { style: "percent", maximumFractionDigits: 1 }));
  const monthLabel = (d: Date) => format.dateTime(d, "month");
  return (
    <div>
      <PageHeader title={t("heading", { commune: commune.name })} intro={t("intro")} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          label={t("householdsReached")}
          value={format.number(p.householdsReached)}
          detail={t("householdsReachedOf", { total: format.number(p.households) })}
        />
        <StatCard label={t("digitalFamilies")} value={format.number(p.digitalFamilies)} detail={t("digitalFamiliesDetail")} />
        <StatCard label={t("familiesEnrolled")} value={format.number(p.familiesEnrolled)} />
        <StatCard label={t("classesHeld")} value={format.number(p.classesHeld)} />
        <StatCard label={t("peopleTrained")} value={format.number(p.peopleTrained)} />
        <StatCard
          label={t("onlineRate")}
          value={p.onlineRate ? pct(p.onlineRate.rate) : "—"}
          detail={
            p.onlineRate
              ? t("onlineRateOf", {
                  online: format.number(p.onlineRate.online),
                  total: format.number(p.onlineRate.total),
                  month: monthLabel(p.onlineRate.month),
                })
              : t("noFigures")
          }
        />
        <StatCard
          label={t("contestParticipants")}
          value={p.contest ? format.number(p.contest.participants) : "—"}
          detail={p.contest ? p.contest.name : t("noContest")}
        />
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Card title={t("skillsTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("skillsIntro", { adults: format.number(p.adults) })}</p>
          {p.skills.length === 0 ? (
            <EmptyState>{t("noSkills")}</EmptyState>
          ) : (
            <Table<PublicSkillShare>
              caption={t("skillsTitle")}
              rowKey={(r) => r.key}
              rows={p.skills}
              columns={[
                { key: "skill", header: t("skill"), cell: (r) => (locale === "vi" ? r.nameVi : r.nameEn) },
                { key: "people", header: t("people"), numeric: true, cell: (r) => format.number(r.withSkill) },
                { key: "share", header: t("share"), numeric: true, cell: (r) => pct(r.share) },
              ]}
            />
          )}
        </Card>
        <Card title={t("onlineTitle")}>
          {p.onlineTrend.length === 0 ? (
            <EmptyState>{t("noTrend")}</EmptyState>
          ) : (
            <Table<PublicMonth>
              caption={t("trendCaption")}
              rowKey={(r) => r.month.toISOString()}
              rows={p.onlineTrend}
              columns={[
                { key: "month", header: t("month"), cell: (r) => monthLabel(r.month) },
                { key: "total", header: t("total"), numeric: true, cell: (r) => format.number(r.total) },
                { key: "online", header: t("online"), numeric: true, cell: (r) => format.number(r.online) },
                { key: "rate", header: t("rate"), numeric: true, cell: (r) => pct(r.rate) },
              ]}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
