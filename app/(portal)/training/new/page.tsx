import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { EventForm } from "@/components/training/event-form";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { eventFormOptions } from "@/lib/training/queries";
import { createEventAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trainingForm"))("newTitle") };
}

export default async function NewClassPage() {
  const user = await requireArea("training");
  const [t, locale, o] = await Promise.all([getTranslations("trainingForm"), getLocale(), eventFormOptions(user)]);
  return (
    <ClientMessages of={["EventForm"]}>
      <div>
        <PageHeader title={t("newTitle")} />
        <EventForm
          mode="create"
          action={createEventAction}
          backHref="/training"
          topics={o.topics.map((x) => ({ id: x.id, name: locale === "vi" ? x.nameVi : x.nameEn }))}
          villages={o.villages}
          communes={o.communes}
          defaults={{ audience: "residents", capacity: "30", startTime: "08:00", endTime: "10:00" }}
        />
      </div>
    </ClientMessages>
  );
}
