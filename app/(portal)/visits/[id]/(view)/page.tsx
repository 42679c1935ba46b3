import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getVisitSummary } from "@/lib/visits/queries";
import { toDbId } from "@/lib/validation/db-id";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits"))("viewTitle") };
}

/** A visit and what it changed; after saving, the confirmation screen. */
export default async function VisitPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const user = await requireArea("visits");
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const visitId = toDbId(id);
  if (visitId === null) notFound();
  const [t, tStatus, format, locale, v] = await Promise.all([
    getTranslations("visits"),
    getTranslations("familyStatus"),
    getFormatter(),
    getLocale(),
    getVisitSummary(user, visitId),
  ]);
  if (!v) notFound();
  const day = (d: Date) => format.dateTime(d, "day");
  const name = (s: { nameVi: string; nameEn: string }) => (locale === "en" ? s.nameEn : s.nameVi);
  const field = user.role === "volunteer" || user.role === "branch_leader";

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <PageHeader
        title={saved ? t("savedTitle") : t("viewTitle")}
        intro={t("savedIntro", { name: v.household.headName, date: day(v.visitedOn) })}
      />
      {saved ? <FormMessage tone="success">{t(`outcomes.${v.outcome}`)}</FormMessage> : null}

      <Card title={t("changes")}>
        <ul className="flex flex-col gap-1" aria-label={t("changes")}>
          {v.gained.length === 0 ? <li className="text-slate-600">{t("noGain")}</li> : null}
          {v.gained.map((g) => (
            <li key={`${g.memberName}-${g.id}`} className="font-medium text-green-900">
              <span aria-hidden="true">{t("gainedMark")}</span> {t("gained", { member: g.memberName, skill: name(g) })}
            </li>
          ))}
          <li>
            {v.family === null
              ? t("noFamily")
              : v.family.before === v.family.after
                ? t("familySame", { status: tStatus(v.family.after) })
                : t("familyChange", { before: tStatus(v.family.before), after: tStatus(v.family.after) })}
          </li>
          {v.followUpOn ? <li className="text-amber-900">{t("followUpScheduled", { date: day(v.followUpOn) })}</li> : null}
        </ul>
      </Card>

      <Card title={t("done")}>
        <ul className="flex flex-col gap-1 text-sm">
          {v.items.map((i, n) => (
            <li key={n}>{i.memberName ? t("forMember", { skill: name(i), member: i.memberName }) : name(i)}</li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-700">{t(`outcomes.${v.outcome}`)}</p>
        {v.campaignName ? <p className="text-sm text-slate-700">{v.campaignName}</p> : null}
        <p className="text-sm text-slate-700">{t("by", { name: v.volunteerName })}</p>
        {v.coVolunteers.length ? (
          <p className="text-sm text-slate-700">{t("with", { names: v.coVolunteers.join(", ") })}</p>
        ) : null}
        {v.notes ? <p className="mt-2 text-sm whitespace-pre-line">{v.notes}</p> : null}
      </Card>

      <div className="flex flex-col gap-2">
        <ButtonLink href="/visits/new">{t("recordAnother")}</ButtonLink>
        {field ? (
          <ButtonLink href="/volunteer" variant="secondary">
            {t("backHome")}
          </ButtonLink>
        ) : null}
        {v.mayCorrect ? (
          <ButtonLink href={`/visits/${v.id}/edit`} variant="secondary">
            {t("edit")}
          </ButtonLink>
        ) : null}
        {v.mayCorrect && v.editUntil ? (
          <p className="text-center text-sm text-slate-600">
            {t("editUntil", {
              time: format.dateTime(v.editUntil, "dayMonthTime"),
            })}
          </p>
        ) : null}
        <ButtonLink href={`/households/${v.household.id}`} variant="ghost">
          {t("viewHousehold")}
        </ButtonLink>
      </div>
    </div>
  );
}
