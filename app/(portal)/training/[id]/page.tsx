import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { CancelEventForm, RepeatForm } from "@/components/training/event-actions";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { getEventRoster } from "@/lib/training/queries";
import { cancellationPreview } from "@/lib/training/mutations";
import { trainingRosterTable } from "@/lib/training/tables";
import { cancelEventAction, repeatEventAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("training"))("title") };
}

type Reg = NonNullable<Awaited<ReturnType<typeof getEventRoster>>>["registrations"][number];

export default async function ClassPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("training");
  const id = Number((await params).id);
  const [t, tl, tf, format, locale, ev] = await Promise.all([
    getTranslations("trainingDetail"),
    getTranslations("training"),
    getTranslations("trainingForm"),
    getFormatter(),
    getLocale(),
    getEventRoster(user, id),
  ]);
  if (!ev) notFound();
  const name = (x: { nameVi: string; nameEn: string }) => (locale === "vi" ? x.nameVi : x.nameEn);
  const by = (s: Reg["status"]) => ev.registrations.filter((r) => r.status === s);
  const roster = (title: string, rows: Reg[]) => (
    <Card title={title}>
      {rows.length === 0 ? (
        <EmptyState>{t("noneHere")}</EmptyState>
      ) : (
        <DefinedTable<Reg>
          table={trainingRosterTable}
          caption={title}
          rowKey={(r) => r.id}
          rows={rows}
          columns={[
            { key: "name", cell: (r) => r.fullName },
            { key: "phone", cell: (r) => r.phone },
            { key: "code", cell: (r) => <span className="font-mono">{r.code}</span> },
            {
              key: "attended",
              cell: (r) => (r.attendance?.attended ? t("present") : t("absent")),
            },
          ]}
        />
      )}
    </Card>
  );
  const cancelled = ev.status === "cancelled";
  return (
    <ClientMessages of={["CancelEventForm", "RepeatForm"]}>
      <div className="flex flex-col gap-4">
        <Link href="/training" className="text-brand-700 underline">
          {tl("back")}
        </Link>
        <PageHeader
          title={ev.title}
          intro={`${format.dateTime(ev.startsAt, "long")} – ${format.dateTime(ev.endsAt, "hourMinute")} · ${ev.place}`}
        />
        {cancelled ? <p className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-800">{t("cancelledNotice")}</p> : null}
        <div className="flex flex-wrap gap-3">
          {!cancelled ? <ButtonLink href={`/training/${ev.id}/check-in`}>{t("checkIn")}</ButtonLink> : null}
          {!cancelled ? (
            <ButtonLink href={`/training/${ev.id}/edit`} variant="secondary">
              {t("edit")}
            </ButtonLink>
          ) : null}
        </div>
        {/* The roster below (registrations and walk-ins) as a file, through the portal's one export. */}
        <ExportLinks table="training-roster" params={{ event: String(ev.id) }} />
        <Card>
          <dl className="grid gap-2 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-slate-600">{tl("topic")}</dt>
              <dd>{name(ev.topic)}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("skillGiven")}</dt>
              <dd>{ev.topic.skill ? name(ev.topic.skill) : t("noSkill")}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("audience")}</dt>
              <dd>{tf(`audiences.${ev.audience}`)}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("capacity")}</dt>
              <dd>{tl("seats", { confirmed: by("confirmed").length, capacity: ev.capacity })}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">{t("organiser")}</dt>
              <dd>{ev.organiser}</dd>
            </div>
            {ev.partnerCommune ? (
              <div>
                <dt className="text-sm text-slate-600">{t("partner")}</dt>
                <dd>{ev.partnerCommune.name}</dd>
              </div>
            ) : null}
            {ev.village ? (
              <div>
                <dt className="text-sm text-slate-600">{t("village")}</dt>
                <dd>{ev.village.name}</dd>
              </div>
            ) : null}
          </dl>
        </Card>
        {roster(t("confirmed", { count: by("confirmed").length }), by("confirmed"))}
        {roster(t("waitlist", { count: by("waitlist").length }), by("waitlist"))}
        {roster(t("cancelledRegs", { count: by("cancelled").length }), by("cancelled"))}
        <Card title={t("walkIns", { count: ev.attendances.length })}>
          {ev.attendances.length === 0 ? (
            <EmptyState>{t("noneHere")}</EmptyState>
          ) : (
            <ul className="flex flex-col gap-1">
              {ev.attendances.map((a) => (
                <li key={a.id}>
                  {a.fullName} · {format.dateTime(a.markedAt, "hourMinute")}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("repeatTitle")}>
            <RepeatForm action={repeatEventAction} id={ev.id} />
          </Card>
          {!cancelled ? (
            <Card title={t("cancelTitle")}>
              <CancelEventForm action={cancelEventAction} id={ev.id} version={ev.version} preview={cancellationPreview(ev)} />
            </Card>
          ) : null}
        </div>
      </div>
    </ClientMessages>
  );
}
