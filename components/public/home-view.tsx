import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader, StatCard } from "@/components/ui/card";
import { getPortalCommune } from "@/lib/communes/portal";
import { getPublicHeadline } from "@/lib/dashboards/overview";
import { SeatStatus } from "@/components/schedule/seat-status";
import { listUpcomingClasses } from "@/lib/training/schedule";

/** The public home page: the commune's headline figures and the classes coming up. */
export async function HomeView() {
  const [t, locale, format, commune] = await Promise.all([
    getTranslations("home"),
    getLocale(),
    getFormatter(),
    getPortalCommune(),
  ]);
  if (!commune) return <EmptyState>{t("noCommune")}</EmptyState>;
  const [headline, classes] = await Promise.all([getPublicHeadline(commune.id, commune.name), listUpcomingClasses(commune.id)]);
  return (
    <div>
      <PageHeader title={t("title", { commune: commune.name })} intro={t("intro")} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard label={t("householdsReached")} value={format.number(headline.householdsReached)} />
        <StatCard label={t("digitalFamilies")} value={format.number(headline.digitalFamilies)} />
        <StatCard label={t("peopleTrained")} value={format.number(headline.peopleTrained)} />
        <StatCard label={t("upcomingClasses")} value={format.number(headline.upcomingClasses)} />
      </div>
      <section className="mt-8" aria-labelledby="upcoming">
        <h2 id="upcoming" className="mb-3 text-xl font-semibold">
          {t("upcomingTitle")}
        </h2>
        {classes.length === 0 ? (
          <EmptyState>{t("noUpcoming")}</EmptyState>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2">
            {classes.map((c) => (
              <li key={c.id} className="rounded-xl border border-slate-200 bg-white p-4">
                <p className="text-sm font-medium text-brand-700">{locale === "vi" ? c.topic.nameVi : c.topic.nameEn}</p>
                <p className="mt-1 font-semibold">{c.title}</p>
                <p className="mt-1 text-sm text-slate-700">
                  {format.dateTime(c.startsAt, "long")} · {c.place}
                </p>
                <p className="mt-1 text-sm font-medium">
                  <SeatStatus c={c} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
