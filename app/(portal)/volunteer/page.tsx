import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { listMyAssignedHouseholds } from "@/lib/households/assigned";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("volunteer"))("title") };
}

export default async function VolunteerHome() {
  const user = await requireArea("volunteer");
  const [t, tStatus, format, households] = await Promise.all([
    getTranslations("volunteer"),
    getTranslations("familyStatus"),
    getFormatter(),
    listMyAssignedHouseholds(user),
  ]);
  const day = (d: Date) => format.dateTime(d, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} intro={t("intro")} />
      {households.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-2">
          {households.map((h) => (
            <li key={h.id} className="rounded-xl border border-slate-200 bg-white p-3">
              <p className="font-semibold">{h.headName}</p>
              <p className="text-sm text-slate-700">
                {h.address} · {h.village.name}
              </p>
              <p className="mt-1 flex flex-wrap gap-x-3 text-sm">
                <span className={h.lastVisitOn ? "text-slate-600" : "font-medium text-red-700"}>
                  {h.lastVisitOn ? t("lastVisit", { date: day(h.lastVisitOn) }) : t("neverVisited")}
                </span>
                {h.followUpOn ? <span className="text-amber-800">{t("followUp", { date: day(h.followUpOn) })}</span> : null}
                <span className="text-slate-600">{tStatus(h.family?.status ?? "none")}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
