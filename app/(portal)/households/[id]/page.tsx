import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { requireArea } from "@/lib/auth/session";
import { getHouseholdDetail } from "@/lib/households/queries";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("householdDetail"))("members") };
}

export default async function HouseholdPage({ params }: Props) {
  const user = await requireArea("households");
  const h = await getHouseholdDetail(user, Number((await params).id));
  if (!h) notFound();
  const [t, tStatus, format, locale] = await Promise.all([
    getTranslations("householdDetail"),
    getTranslations("familyStatus"),
    getFormatter(),
    getLocale(),
  ]);
  const day = (d: Date) => format.dateTime(d, "day");
  const skillName = (s: { nameVi: string; nameEn: string }) => (locale === "vi" ? s.nameVi : s.nameEn);

  return (
    <div className="flex flex-col gap-4">
      <p>
        <Link href="/households" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
          <span aria-hidden="true">{t("backArrow")}</span> {t("back")}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{h.headName}</h1>
          <p className="mt-1 text-slate-700">
            {h.address} · {h.village.name}
          </p>
        </div>
        {h.mayEdit ? (
          <ButtonLink href={`/households/${h.id}/edit`} variant="secondary">
            {t("edit")}
          </ButtonLink>
        ) : null}
      </header>

      <Card>
        <dl className="grid gap-3 sm:grid-cols-4">
          <div>
            <dt className="text-sm text-slate-600">{t("address")}</dt>
            <dd>{h.address}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("village")}</dt>
            <dd>{h.village.name}</dd>
          </div>
          {h.contactDetails ? (
            <div>
              <dt className="text-sm text-slate-600">{t("phone")}</dt>
              <dd>
                {h.phone ? (
                  // A tap target a thumb can hit (44 px), not the 17 px line of text.
                  <a
                    href={`tel:${h.phone}`}
                    className="inline-flex min-h-11 min-w-11 items-center font-medium text-brand-700 underline"
                  >
                    {h.phone}
                  </a>
                ) : (
                  t("noPhone")
                )}
              </dd>
            </div>
          ) : null}
          <div>
            <dt className="text-sm text-slate-600">{t("lastVisit")}</dt>
            <dd className={h.lastVisitOn ? undefined : "font-medium text-red-700"}>
              {h.lastVisitOn ? day(h.lastVisitOn) : t("neverVisited")}
            </dd>
          </div>
          {h.followUpOn ? (
            <div>
              <dt className="text-sm text-slate-600">{t("followUp")}</dt>
              <dd>{day(h.followUpOn)}</dd>
            </div>
          ) : null}
        </dl>
        {!h.contactDetails ? <p className="mt-3 text-sm text-slate-600">{t("contactHidden")}</p> : null}
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("members")} className="scroll-mt-4">
          <div id="members" />
          {h.members.length === 0 ? (
            <EmptyState>{t("noMembers")}</EmptyState>
          ) : (
            <ul className="flex flex-col gap-3">
              {h.members.map((m) => (
                <li key={m.id} className="rounded-lg border border-slate-200 p-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <p className="font-semibold">
                      {m.fullName}
                      {m.isHead ? (
                        <span className="ml-2 rounded bg-brand-50 px-2 py-0.5 text-sm text-brand-700">{t("head")}</span>
                      ) : null}
                    </p>
                    {h.mayEdit ? (
                      <Link
                        href={`/households/${h.id}/members/${m.id}/edit`}
                        className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
                      >
                        {t("editMember", { name: m.fullName })}
                      </Link>
                    ) : null}
                  </div>
                  <p className="text-sm text-slate-600">
                    {[t(`gender.${m.gender}`), m.birthYear ? t("born", { year: String(m.birthYear) }) : null, m.phone]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  {m.skills.length ? (
                    <ul className="mt-2 flex flex-wrap gap-1" aria-label={t("skills")}>
                      {m.skills.map((s) => (
                        <li key={s.key} className="rounded-full bg-green-50 px-2 py-0.5 text-sm text-green-900">
                          {skillName(s)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="mt-1 text-sm text-slate-600">{t("noSkills")}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
          {h.mayEdit ? (
            <ButtonLink href={`/households/${h.id}/members/new`} variant="secondary" className="mt-3">
              {t("addMember")}
            </ButtonLink>
          ) : null}
        </Card>

        <Card title={t("family")}>
          {!h.family ? (
            <p className="text-slate-700">{t("notEnrolled")}</p>
          ) : (
            <div className="flex flex-col gap-2">
              <p className="font-semibold">{t("status", { status: tStatus(h.family.status) })}</p>
              {h.family.branchName ? <p className="text-sm">{t("branch", { name: h.family.branchName })}</p> : null}
              <ul className="text-sm text-slate-600">
                <li>{t("enrolledOn", { date: day(h.family.enrolledOn) })}</li>
                {h.family.inProgressOn ? <li>{t("inProgressOn", { date: day(h.family.inProgressOn) })}</li> : null}
                {h.family.digitalOn ? <li>{t("digitalOn", { date: day(h.family.digitalOn) })}</li> : null}
                {h.family.smartOn ? <li>{t("smartOn", { date: day(h.family.smartOn) })}</li> : null}
              </ul>
              <h3 className="mt-2 font-medium">{t("criteria")}</h3>
              <ul className="flex flex-col gap-1">
                {h.family.criteria.map((c) => (
                  <li key={`${c.level}-${c.skillKey}`} className="flex items-start gap-2">
                    <span
                      className={cn(
                        "mt-0.5 shrink-0 rounded px-2 text-sm font-medium",
                        c.met ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900",
                      )}
                    >
                      {c.met ? t("met") : t("missing")}
                    </span>
                    <span>
                      {skillName(c)} ({c.rule === "all_adults" ? t("ruleAllAdults") : t("ruleAnyAdult")}) {t("separator")}{" "}
                      <span className="text-sm text-slate-600">
                        {c.level === "digital" ? t("levelDigital") : t("levelSmart")}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Card>
      </div>

      <Card title={t("visits")}>
        {h.visits.length === 0 ? (
          <EmptyState>{t("noVisits")}</EmptyState>
        ) : (
          <>
            {h.visitCount > h.visits.length ? (
              <p className="mb-2 text-sm text-slate-600">{t("visitsShown", { shown: h.visits.length, total: h.visitCount })}</p>
            ) : null}
            <ol className="flex flex-col gap-3 border-l-2 border-slate-200 pl-4">
              {h.visits.map((v) => (
                <li key={v.id}>
                  <p className="font-semibold">
                    <time dateTime={v.visitedOn.toISOString().slice(0, 10)}>{day(v.visitedOn)}</time> {t("separator")}{" "}
                    {t(`outcome.${v.outcome}`)}
                  </p>
                  <p className="text-sm text-slate-600">{t("volunteer", { name: v.volunteerName })}</p>
                  {v.items.length ? (
                    <ul className="mt-1 list-disc pl-5 text-sm" aria-label={t("itemsDone")}>
                      {v.items.map((i) => (
                        <li key={i.id}>
                          {i.memberName ? t("forMember", { skill: skillName(i.skill), name: i.memberName }) : skillName(i.skill)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-sm text-slate-600">{t("noItems")}</p>
                  )}
                  {v.notes ? <p className="text-sm text-slate-700">{t("notes", { notes: v.notes })}</p> : null}
                </li>
              ))}
            </ol>
          </>
        )}
      </Card>

      <Card title={t("business")} className="scroll-mt-4">
        <div id="business" />
        {!h.business ? (
          <p className="text-slate-700">{t("noBusiness")}</p>
        ) : (
          <div>
            <p className="font-semibold">{h.business.name}</p>
            <p className="text-sm text-slate-600">{t("sector", { sector: h.business.sector })}</p>
            <h3 className="mt-2 font-medium">{t("businessSkills")}</h3>
            {h.business.skills.length ? (
              <ul className="mt-1 flex flex-wrap gap-1">
                {h.business.skills.map((s) => (
                  <li key={s.key} className="rounded-full bg-green-50 px-2 py-0.5 text-sm text-green-900">
                    {skillName(s)}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">{t("noBusinessSkills")}</p>
            )}
          </div>
        )}
        {h.mayEditBusiness ? (
          <ButtonLink href={`/households/${h.id}/business`} variant="secondary" className="mt-3">
            {h.business ? t("editBusiness") : t("registerBusiness")}
          </ButtonLink>
        ) : null}
      </Card>
    </div>
  );
}
