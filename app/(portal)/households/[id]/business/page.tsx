import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { BusinessForm } from "@/components/households/business-form";
import { requireArea } from "@/lib/auth/session";
import { getBusinessForm } from "@/lib/households/business";
import { registerBusinessAction, updateBusinessAction } from "../../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("householdDetail"))("business") };
}

/** Registering the household's business when it has none, editing it otherwise. */
export default async function HouseholdBusinessPage({ params }: Props) {
  const user = await requireArea("households");
  const f = await getBusinessForm(user, Number((await params).id));
  if (!f) notFound();
  const t = await getTranslations("businessForm");
  return (
    <ClientMessages of={["BusinessForm"]}>
      <div>
        <PageHeader
          title={f.business ? t("editTitle", { name: f.business.name }) : t("newTitle")}
          intro={f.business ? t("editIntro", { head: f.headName }) : t("newIntro", { head: f.headName })}
        />
        <BusinessForm
          mode={f.business ? "edit" : "create"}
          action={f.business ? updateBusinessAction : registerBusinessAction}
          householdId={f.householdId}
          initial={f.business ?? undefined}
          skills={f.skills}
          sectors={f.sectors}
          cancelHref={`/households/${f.householdId}`}
        />
      </div>
    </ClientMessages>
  );
}
