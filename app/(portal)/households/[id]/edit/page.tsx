import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { HouseholdForm } from "@/components/households/household-form";
import { requireArea } from "@/lib/auth/session";
import { getHouseholdForEdit, listVillages } from "@/lib/households/queries";
import { updateHouseholdAction } from "../../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("householdDetail"))("edit") };
}

export default async function EditHouseholdPage({ params }: Props) {
  const user = await requireArea("households");
  const h = await getHouseholdForEdit(user, Number((await params).id));
  if (!h) notFound();
  const [t, villages] = await Promise.all([getTranslations("householdForm"), listVillages(user)]);
  return (
    <ClientMessages of={["HouseholdForm"]}>
      <div>
        <PageHeader title={t("editTitle", { name: h.headName })} />
        <HouseholdForm
          mode="edit"
          action={updateHouseholdAction}
          villages={villages}
          householdId={h.id}
          initial={h}
          cancelHref={`/households/${h.id}`}
        />
      </div>
    </ClientMessages>
  );
}
