import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getCampaignForEdit, getCampaignFormOptions } from "@/lib/campaigns/queries";
import { parseCampaignId } from "@/lib/campaigns/schemas";
import { updateCampaignAction } from "../../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaignForm"))("editTitle") };
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("campaigns");
  const id = parseCampaignId((await params).id);
  if (id === null) notFound();
  const [t, locale, options, c] = await Promise.all([
    getTranslations("campaignForm"),
    getLocale(),
    getCampaignFormOptions(user),
    getCampaignForEdit(user, id),
  ]);
  return (
    <ClientMessages of={["CampaignForm"]}>
      <div className="mx-auto max-w-4xl">
        <PageHeader title={t("editTitle")} intro={t("editIntro")} />
        <CampaignForm
          action={updateCampaignAction}
          campaignId={c.id}
          version={c.version}
          cancelHref={`/campaigns/${c.id}`}
          ownBranchHint={user.role === "branch_leader"}
          villages={options.villages}
          branches={options.branches}
          skills={options.skills.map((s) => ({ id: s.id, name: locale === "vi" ? s.nameVi : s.nameEn }))}
          initial={{
            name: c.name,
            kind: c.kind,
            startsOn: ymd(c.startsOn),
            endsOn: ymd(c.endsOn),
            description: c.description,
            villageIds: c.villages.map((v) => v.villageId),
            branchIds: c.branches.map((b) => b.branchId),
            targetSkillId: c.targetSkillId,
            targetMinAge: c.targetMinAge,
          }}
        />
      </div>
    </ClientMessages>
  );
}
