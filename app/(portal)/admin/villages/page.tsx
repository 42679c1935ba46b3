import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RemoveVillageAliasForm, VillageAliasForm } from "@/components/admin/village-alias-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { listVillageAliases } from "@/lib/communes/village-aliases";
import { addVillageAliasAction, removeVillageAliasAction } from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("villageAliases"))("title") };
}

/** The villages' names before the 2025 reorganisation, which imported lists still use. */
export default async function VillageAliasesPage() {
  const user = await requireArea("admin");
  const [t, villages] = await Promise.all([getTranslations("villageAliases"), listVillageAliases(user)]);
  return (
    <ClientMessages of={["RemoveVillageAliasForm", "VillageAliasForm"]}>
      <div>
        <PageHeader title={t("title")} intro={t("intro")} />
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("addTitle")}>
            <VillageAliasForm action={addVillageAliasAction} villages={villages.map(({ id, name }) => ({ id, name }))} />
          </Card>
          <Card title={t("listTitle")}>
            {villages.length === 0 ? <p className="text-slate-700">{t("noVillages")}</p> : null}
            <ul className="flex flex-col divide-y divide-slate-200">
              {villages.map((village) => (
                <li key={village.id} className="py-3">
                  <h3 className="font-semibold text-slate-900">{village.name}</h3>
                  {village.aliases.length === 0 ? (
                    <p className="text-sm text-slate-600">{t("none")}</p>
                  ) : (
                    <ul className="mt-2 flex flex-col gap-2">
                      {village.aliases.map((alias) => {
                        const label = alias.oldCommune
                          ? t("aliasIn", { village: alias.oldVillage, commune: alias.oldCommune })
                          : alias.oldVillage;
                        return (
                          <li key={alias.id} className="flex flex-wrap items-center justify-between gap-2">
                            <span>{label}</span>
                            <RemoveVillageAliasForm action={removeVillageAliasAction} aliasId={alias.id} label={label} />
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </ClientMessages>
  );
}
