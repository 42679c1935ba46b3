import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { HouseholdForm } from "@/components/households/household-form";
import { requireArea } from "@/lib/auth/session";
import { requireCan } from "@/lib/auth/capabilities";
import { listVillages } from "@/lib/households/queries";
import { createHouseholdAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("householdForm"))("newTitle") };
}

export default async function NewHouseholdPage() {
  const user = await requireArea("households");
  requireCan(user, "registry:edit"); // volunteers cannot add households
  const [t, villages] = await Promise.all([getTranslations("householdForm"), listVillages(user)]);
  return (
    <ClientMessages of={["HouseholdForm"]}>
      <div>
        <PageHeader title={t("newTitle")} />
        <HouseholdForm mode="create" action={createHouseholdAction} villages={villages} cancelHref="/households" />
      </div>
    </ClientMessages>
  );
}
