import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { requireArea } from "@/lib/auth/session";
import { listMyAssignedHouseholds } from "@/lib/households/assigned";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("volunteer"))("title") };
}

export default async function VolunteerHome({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireArea("volunteer");
  const page = Math.min(1000, Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const [t, tHome, tStatus, format, locale, households] = await Promise.all([
    getTranslations("volunteer"),
    getTranslations("volunteerHome"),
    getTranslations("familyStatus"),
    getFormatter(),
    getLocale(),
    listMyAssignedHouseholds(user, { page }),
  ]);
  const day = (d: Date) => format.dateTime(d, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} intro={t("intro")} />
      <p className="-mt-3 mb-4 text-sm">
        <Link href="/visits" className="font-medium text-brand-700 underline">
          {tHome("myVisits")}
        </Link>
      </p>
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
