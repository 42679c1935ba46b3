import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { HouseholdForm } from "@/components/households/household-form";
import { requireArea } from "@/lib/auth/session";
import { requireCan } from "@/lib/auth/capabilities";
import { listVillages } from "@/lib/households/queries";
import { createHouseholdAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("householdForm"))("newTitle") };
}

export default async function NewHouseholdPage() {
  const user = await requireArea("households");
  requireCan(user, "registry:edit"); // volunteers cannot add households
  const [t, villages] = await Promise.all([getTranslations("householdForm"), listVillages(user)]);
  return (
    <div>
      <PageHeader title={t("newTitle")} />
      <HouseholdForm mode="create" action={createHouseholdAction} villages={villages} cancelHref="/households" />
    </div>
  );
}
