import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { requireArea } from "@/lib/auth/session";
import { getMyVolunteerMonth } from "@/lib/drilldown/volunteer";
import { listMyAssignedHouseholds } from "@/lib/households/assigned";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("volunteer"))("title") };
}

export default async function VolunteerHome({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireArea("volunteer");
  const page = Math.min(1000, Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const [t, tHome, tMonth, tStatus, format, locale, households, month] = await Promise.all([
    getTranslations("volunteer"),
    getTranslations("volunteerHome"),
    getTranslations("volunteerMonth"),
    getTranslations("familyStatus"),
    getFormatter(),
    getLocale(),
    listMyAssignedHouseholds(user, { page }),
    getMyVolunteerMonth(user),
  ]);
  const monthName = format.dateTime(month.month.from, "month");
  const day = (d: Date) => format.dateTime(d, "day");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} intro={t("intro")} />
      <section aria-labelledby="my-month" className="mb-4 rounded-xl border border-slate-200 bg-white p-3">
        <h2 id="my-month" className="font-semibold">
          {tMonth("title", { month: monthName })}
        </h2>
        <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
          {(
            [
              ["visits", month.visits],
              ["households", month.households],
              ["skills", month.skillsActivated],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded-lg bg-slate-50 p-2">
              <dt className="text-xs text-slate-600">{tMonth(key)}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{format.number(value)}</dd>
            </div>
          ))}
        </dl>
        {month.bySkill.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{tMonth("noSkills")}</p>
        ) : (
          <>
            <h3 className="sr-only">{tMonth("bySkill")}</h3>
            <dl className="mt-2 flex flex-col gap-1 text-sm">
              {month.bySkill.map((s) => (
                <div key={s.key} className="flex justify-between gap-2">
                  <dt>{locale === "en" ? s.nameEn : s.nameVi}</dt>
                  <dd className="font-medium tabular-nums">{format.number(s.count)}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        <p className="mt-2 text-sm text-slate-600">
          {month.lastVisitOn ? tMonth("lastVisit", { date: day(month.lastVisitOn) }) : tMonth("neverVisited")}
        </p>
        <p className="mt-1 text-sm">
          <Link href="/visits" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
            {tHome("myVisits")}
          </Link>
        </p>
      </section>
      {households.total === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <>
          <ul className="flex flex-col gap-2">
            {households.rows.map((h) => (
              <li key={h.id} className="rounded-xl border border-slate-200 bg-white p-3">
                <p className="font-semibold">{h.headName}</p>
                <p className="text-sm text-slate-700">
                  {h.address} · {h.villageName}
                </p>
                <p className="mt-1 flex flex-wrap gap-x-3 text-sm">
                  <span className={h.lastVisitOn ? "text-slate-600" : "font-medium text-red-700"}>
                    {h.lastVisitOn ? t("lastVisit", { date: day(h.lastVisitOn) }) : t("neverVisited")}
                  </span>
                  {h.followUpOn ? (
                    h.followUpDue ? (
                      <span className="font-medium text-amber-900">{tHome("followUpDue", { date: day(h.followUpOn) })}</span>
                    ) : (
                      <span className="text-amber-800">{t("followUp", { date: day(h.followUpOn) })}</span>
                    )
                  ) : null}
                  <span className="text-slate-600">{tStatus(h.familyStatus ?? "none")}</span>
                </p>
                <p className="mt-1 text-sm">
                  {h.missing.length === 0 ? (
                    <span className="text-green-800">{tHome("nothingMissing")}</span>
                  ) : (
                    <>
                      <span className="text-slate-600">{tHome("missing")} </span>
                      {h.missing
                        .map((m) =>
                          tHome("missingPeople", { skill: locale === "en" ? m.nameEn : m.nameVi, count: m.adultsLacking }),
                        )
                        .join(" · ")}
                    </>
                  )}
                </p>
                <ButtonLink
                  href={`/visits/new?household=${h.id}`}
                  className="mt-2 w-full"
                  aria-label={tHome("recordFor", { name: h.headName })}
                >
                  {tHome("record")}
                </ButtonLink>
              </li>
            ))}
          </ul>
          <Pager
            page={households.page}
            pages={households.pages}
            href={(p) => `/volunteer?page=${p}`}
            labels={{
              previous: tHome("previous"),
              next: tHome("next"),
              position: tHome("pageOf", { page: households.page, pages: households.pages }),
            }}
          />
        </>
      )}
    </div>
  );
}
