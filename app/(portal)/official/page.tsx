import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader, StatCard } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { getCommuneOverview, type SkillAdoption } from "@/lib/dashboards/overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("official"))("title") };
}

export default async function OfficialHome() {
  const user = await requireArea("official");
  const [t, tStatus, format, locale, o] = await Promise.all([
    getTranslations("official"),
    getTranslations("familyStatus"),
    getFormatter(),
    getLocale(),
    getCommuneOverview(user),
  ]);
  const pct = (n: number, d: number) => format.number(d ? n / d : 0, { style: "percent", maximumFractionDigits: 0 });
  const families = o.families.enrolled + o.families.in_progress + o.families.digital + o.families.smart;
  return (
    <div>
      <PageHeader title={t("title")} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label={t("households")} value={format.number(o.households)} />
        <StatCard label={t("members")} value={format.number(o.members)} detail={t("adults", { count: o.adults })} />
        <StatCard
          label={t("visited")}
          value={format.number(o.householdsVisited)}
          detail={t("visitedOf", { share: pct(o.householdsVisited, o.households) })}
        />
        <StatCard label={t("visits30")} value={format.number(o.visits30)} />
        <StatCard label={t("neverVisited")} value={format.number(o.neverVisited)} />
        <StatCard label={t("notVisited60")} value={format.number(o.notVisited60)} />
        <StatCard label={t("upcomingClasses")} value={format.number(o.upcomingClasses)} />
        <StatCard
          label={t("onlineRate")}
          value={o.onlineRate ? pct(o.onlineRate.online, o.onlineRate.total) : "—"}
          detail={
            o.onlineRate
              ? t("onlineRateOf", {
                  online: o.onlineRate.online,
                  total: o.onlineRate.total,
                  month: format.dateTime(o.onlineRate.month, { month: "2-digit", year: "numeric", timeZone: "UTC" }),
                })
              : t("noFigures")
          }
        />
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Card title={t("familiesTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("familiesTotal", { count: families })}</p>
          <ul className="flex flex-col gap-2">
            {(["enrolled", "in_progress", "digital", "smart"] as const).map((s) => (
              <li key={s} className="flex items-center gap-3">
                <span className="w-44 text-sm">{tStatus(s)}</span>
                <span className="h-3 flex-1 rounded bg-slate-100" aria-hidden>
                  <span
                    className="block h-3 rounded bg-brand-600"
                    style={{ width: `${families ? (o.families[s] / families) * 100 : 0}%` }}
                  />
                </span>
                <span className="w-12 text-right text-sm tabular-nums">{format.number(o.families[s])}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("skillsTitle")}>
          <Table<SkillAdoption>
            caption={t("skillsTitle")}
            rowKey={(r) => r.key}
            rows={o.skills}
            columns={[
              { key: "skill", header: t("skill"), cell: (r) => (locale === "vi" ? r.nameVi : r.nameEn) },
              { key: "people", header: t("people"), numeric: true, cell: (r) => format.number(r.withSkill) },
              { key: "share", header: t("adoption"), numeric: true, cell: (r) => pct(r.withSkill, r.adults) },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
