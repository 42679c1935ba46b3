import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CheckIn } from "@/components/training/check-in";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getEventForEdit } from "@/lib/training/queries";
import { checkInCodeAction, checkInRegistrationAction, searchRegistrationsAction, walkInAction } from "../../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trainingDetail"))("checkIn") };
}

export default async function CheckInPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("training");
  const id = Number((await params).id);
  const [t, tl, ev] = await Promise.all([
    getTranslations("trainingCheckIn"),
    getTranslations("training"),
    getEventForEdit(user, id),
  ]);
  if (!ev) notFound();
  return (
    <ClientMessages of={["CheckIn"]}>
      <div className="flex flex-col gap-4">
        <Link href={`/training/${ev.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
          {tl("backToClass")}
        </Link>
        <PageHeader title={t("title", { title: ev.title })} />
        <CheckIn
          eventId={ev.id}
          codeAction={checkInCodeAction}
          walkInAction={walkInAction}
          search={searchRegistrationsAction}
          checkIn={checkInRegistrationAction}
        />
      </div>
    </ClientMessages>
  );
}
