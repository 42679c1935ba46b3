import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getMyResidentOverview } from "@/lib/residents/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("resident"))("household") };
}

export default async function ResidentHome() {
  const user = await requireArea("resident");
  const [t, tStatus, format, locale, o] = await Promise.all([
    getTranslations("resident"),
    getTranslations("familyStatus"),
    getFormatter(),
    getLocale(),
    getMyResidentOverview(user),
  ]);
  const now = new Date();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("title", { name: user.name })} />
      <Card title={t("household")}>
        {o.household ? (
          <>
            <p className="text-sm text-slate-700">
              {o.household.address} · {o.household.village.name} · {tStatus(o.household.family?.status ?? "none")}
            </p>
            <h3 className="mt-4 font-semibold">{t("skills")}</h3>
            <ul className="mt-2 flex flex-col gap-3">
              {o.household.members.map((m) => {
                const has = new Set(m.skills.map((s) => s.skill.key));
                return (
                  <li key={m.id}>
                    <p className="font-medium">{m.fullName}</p>
                    <ul className="mt-1 flex flex-wrap gap-1">
                      {o.skills.map((s) => (
                        <li
                          key={s.key}
                          className={
                            has.has(s.key)
                              ? "rounded bg-green-100 px-2 py-0.5 text-sm text-green-900"
                              : "rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700"
                          }
                        >
                          {locale === "vi" ? s.nameVi : s.nameEn}: {has.has(s.key) ? t("has") : t("hasNot")}
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <EmptyState>{t("noHousehold")}</EmptyState>
        )}
      </Card>
      <Card title={t("registrations")} className="mt-4">
        {o.registrations.length === 0 ? (
          <EmptyState>{t("noRegistrations")}</EmptyState>
        ) : (
          <ul className="flex flex-col gap-2">
            {o.registrations.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 border-b border-slate-100 pb-2 last:border-0">
                <span>
                  <span className="font-medium">{r.event.title}</span>
                  <span className="block text-sm text-slate-600">
                    {format.dateTime(r.event.startsAt, "long")} · {r.event.place}
                  </span>
                </span>
                <span className="text-sm">
                  {r.event.startsAt > now ? t("upcoming") : r.attendance?.attended ? t("attended") : t("absent")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
