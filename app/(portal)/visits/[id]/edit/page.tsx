import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { VisitForm } from "@/components/visits/visit-form";
import { requireArea } from "@/lib/auth/session";
import { getVisitEdit } from "@/lib/visits/queries";
import { updateVisitAction } from "../../actions";
import { toDbId } from "@/lib/validation/db-id";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits"))("editTitle") };
}

export default async function EditVisitPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("visits");
  const visitId = toDbId((await params).id);
  if (visitId === null) notFound();
  const [t, edit] = await Promise.all([getTranslations("visits"), getVisitEdit(user, visitId)]);
  if (!edit) notFound();
  const h = edit.form.household;
  return (
    <ClientMessages of={["VisitForm"]}>
      <div className="mx-auto max-w-xl">
        <PageHeader title={t("editTitle")} intro={`${h.headName} · ${h.address}`} />
        {edit.mayCorrect ? (
          <VisitForm mode="edit" visitId={edit.visitId} form={edit.form} values={edit.values} action={updateVisitAction} />
        ) : (
          <div className="flex flex-col gap-3">
            <FormMessage tone="error">{t("editClosed")}</FormMessage>
            <ButtonLink href={`/visits/${edit.visitId}`} variant="secondary">
              {t("viewVisit")}
            </ButtonLink>
          </div>
        )}
      </div>
    </ClientMessages>
  );
}
