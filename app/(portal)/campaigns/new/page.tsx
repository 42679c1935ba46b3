import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getCampaignFormOptions } from "@/lib/campaigns/queries";
import { todayInVietnam } from "@/lib/format/dates";
import { createCampaignAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaignForm"))("newTitle") };
}

/** The coming Saturday (today if it is one): the usual day for a Volunteer Saturday. */
function nextSaturday(): string {
  const today = todayInVietnam();
  const d = new Date(today.getTime() + ((6 - today.getUTCDay() + 7) % 7) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export default async function NewCampaignPage() {
  const user = await requireArea("campaigns");
  const [t, locale, options] = await Promise.all([getTranslations("campaignForm"), getLocale(), getCampaignFormOptions(user)]);
  const day = nextSaturday();
  const vneid = options.skills.find((s) => s.key === "vneid_l2");
  return (
    <ClientMessages of={["CampaignForm"]}>
      <div className="mx-auto max-w-4xl">
        <PageHeader title={t("newTitle")} intro={t("newIntro")} />
        <CampaignForm
          action={createCampaignAction}
          idempotencyKey={randomUUID()}
          cancelHref="/campaigns"
          ownBranchHint={user.role === "branch_leader"}
          villages={options.villages}
          branches={options.branches}
          skills={options.skills.map((s) => ({ id: s.id, name: locale === "vi" ? s.nameVi : s.nameEn }))}
          initial={{
            name: t("defaultName"),
            kind: "volunteer_saturday",
            startsOn: day,
            endsOn: day,
            description: "",
            villageIds: [],
            branchIds: options.myBranchId === null ? [] : [options.myBranchId],
            targetSkillId: vneid?.id ?? null,
            targetMinAge: 60,
          }}
        />
      </div>
    </ClientMessages>
  );
}
