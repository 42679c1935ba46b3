import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { campaignDates } from "@/components/campaigns/campaign-text";
import { ShiftForm } from "@/components/campaigns/shift-form";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getCampaign, getMyWalkList } from "@/lib/campaigns/queries";
import { parseCampaignId } from "@/lib/campaigns/schemas";
import { finishShiftAction, startShiftAction } from "../../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaignMyList"))("title") };
}

// A phone page for the field: light, one column, big targets, one tap to record a visit.
export default async function MyWalkListPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("campaigns");
  const id = parseCampaignId((await params).id);
  if (id === null) notFound();
  const c = await getCampaign(user, id);
  if (!c) notFound();
  const [mine, t, tm, format, locale] = await Promise.all([
    getMyWalkList(user, id),
    getTranslations("campaigns"),
    getTranslations("campaignMyList"),
    getFormatter(),
    getLocale(),
  ]);
  const skillName = c.targetSkill ? (locale === "vi" ? c.targetSkill.nameVi : c.targetSkill.nameEn) : null;
  const day = (d: Date) => format.dateTime(d, "day");
  return (
    <ClientMessages of={["ShiftForm"]}>
      <div className="mx-auto max-w-xl">
        <PageHeader
          title={tm("title")}
          intro={tm("intro", { name: c.name, dates: campaignDates(t, format, c.startsOn, c.endsOn) })}
        />
        <Card title={tm("shiftTitle")} className="mb-4">
          <p className="mb-1 font-medium" role="status">
            {mine.openSince ? tm("onShiftSince", { time: format.dateTime(mine.openSince, "hourMinute") }) : tm("offShift")}
          </p>
          <p className="mb-3 text-sm text-slate-600">
            {tm("hoursSoFar", { hours: format.number(mine.seconds / 3600, { maximumFractionDigits: 1 }) })}
          </p>
          {mine.openSince ? (
            <ShiftForm key="finish" action={finishShiftAction} campaignId={c.id} mode="finish" />
          ) : mine.isCampaignDay ? (
            <ShiftForm key="start" action={startShiftAction} campaignId={c.id} mode="start" />
          ) : (
            <p className="text-sm text-amber-800">{tm("notCampaignDay")}</p>
          )}
        </Card>
        {mine.lists.length === 0 ? <EmptyState>{tm("empty")}</EmptyState> : null}
        {mine.lists.map((l) => {
          const partners = l.volunteers.filter((v) => v.id !== user.id).map((v) => v.name);
          return (
            <section key={l.id} aria-labelledby={`list-${l.id}`} className="mb-6">
              <h2 id={`list-${l.id}`} className="text-lg font-semibold">
                {l.name}
              </h2>
              <p className="mb-2 flex flex-wrap gap-x-3 text-sm text-slate-700">
                <span>{partners.length ? tm("partner", { names: partners.join(", ") }) : tm("alone")}</span>
                <span>{tm("stopsCount", { count: l.stops.length })}</span>
              </p>
              <ol className="flex flex-col gap-2">
                {l.stops.map((s) => (
                  <li key={s.householdId} className="rounded-xl border border-slate-200 bg-white p-3">
                    <p className="font-semibold">
                      {s.position}. {s.headName}
                    </p>
                    <p className="text-sm text-slate-700">{s.address}</p>
                    <p className="mt-1 text-sm">
                      {tm("lacking", { people: s.lacking.map((p) => tm("person", { name: p.name, age: p.age })).join(", ") })}
                    </p>
                    {skillName ? <p className="text-sm text-slate-600">{tm("lackingSkill", { skill: skillName })}</p> : null}
                    <p className="mt-1 flex flex-wrap gap-x-3 text-sm">
                      {s.visited ? <span className="font-medium text-green-800">{tm("visited")}</span> : null}
                      <span className={s.lastVisitOn ? "text-slate-600" : "font-medium text-red-700"}>
                        {s.lastVisitOn ? tm("lastVisit", { date: day(s.lastVisitOn) }) : tm("neverVisited")}
                      </span>
                    </p>
                    <Link
                      href={`/visits/new?household=${s.householdId}&campaign=${c.id}`}
                      className={buttonClass(s.visited ? "secondary" : "primary", "mt-2 w-full")}
                      aria-label={tm("recordFor", { household: s.headName })}
                    >
                      {tm("record")}
                    </Link>
                  </li>
                ))}
              </ol>
            </section>
          );
        })}
        <ButtonLink href={`/campaigns/${c.id}`} variant="ghost">
          {tm("summary")}
        </ButtonLink>
      </div>
    </ClientMessages>
  );
}
