import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { MemberForm } from "@/components/households/member-form";
import { requireArea } from "@/lib/auth/session";
import { getHouseholdHeading, listMemberSkills } from "@/lib/households/queries";
import { addMemberAction } from "../../../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("householdDetail"))("addMember") };
}

export default async function NewMemberPage({ params }: Props) {
  const user = await requireArea("households");
  const h = await getHouseholdHeading(user, Number((await params).id));
  if (!h) notFound();
  const [t, skills] = await Promise.all([getTranslations("memberForm"), listMemberSkills(user)]);
  return (
    <ClientMessages of={["MemberForm"]}>
      <div>
        <PageHeader title={t("addTitle", { head: h.headName })} />
        <MemberForm
          mode="add"
          idempotencyKey={randomUUID()}
          action={addMemberAction}
          householdId={h.id}
          skills={skills}
          cancelHref={`/households/${h.id}`}
        />
      </div>
    </ClientMessages>
  );
}
