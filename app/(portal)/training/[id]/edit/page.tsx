import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EventForm } from "@/components/training/event-form";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { utcToLocal } from "@/lib/format/dates";
import { eventFormOptions, getEventForEdit } from "@/lib/training/queries";
import { updateEventAction } from "../../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trainingForm"))("editTitle") };
}

export default async function EditClassPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("training");
  const id = Number((await params).id);
  const [t, locale, o, ev] = await Promise.all([
    getTranslations("trainingForm"),
    getLocale(),
    eventFormOptions(user),
    getEventForEdit(user, id),
  ]);
  if (!ev) notFound();
  const s = utcToLocal(ev.startsAt);
  const e = utcToLocal(ev.endsAt);
  return (
    <ClientMessages of={["EventForm"]}>
      <div>
        <PageHeader title={t("editTitle")} />
        <EventForm
          mode="edit"
          action={updateEventAction}
          backHref={`/training/${ev.id}`}
          hidden={{ id: String(ev.id), version: String(ev.version) }}
          topics={o.topics.map((x) => ({ id: x.id, name: locale === "vi" ? x.nameVi : x.nameEn }))}
          villages={o.villages}
          communes={o.communes}
          defaults={{
            topicId: String(ev.topicId),
            title: ev.title,
            audience: ev.audience,
            description: ev.description,
            place: ev.place,
            organiser: ev.organiser,
            partnerCommuneId: ev.partnerCommuneId ? String(ev.partnerCommuneId) : "",
            villageId: ev.villageId ? String(ev.villageId) : "",
            capacity: String(ev.capacity),
            date: s.date,
            startTime: s.time,
            endTime: e.time,
          }}
        />
      </div>
    </ClientMessages>
  );
}
