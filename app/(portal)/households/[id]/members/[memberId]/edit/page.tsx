import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConsentList } from "@/components/consent/consent-list";
import { PageHeader } from "@/components/ui/card";
import { MemberForm, RemoveMemberForm } from "@/components/households/member-form";
import { requireArea } from "@/lib/auth/session";
import { listMemberConsents } from "@/lib/consent/consent";
import { getMemberForEdit, listMemberSkills } from "@/lib/households/queries";
import { removeMemberAction, updateMemberAction } from "../../../../actions";
import { withdrawMemberConsentAction } from "./consent-actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Props = { params: Promise<{ id: string; memberId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("householdDetail"))("members") };
}

export default async function EditMemberPage({ params }: Props) {
  const user = await requireArea("households");
  const { id, memberId } = await params;
  const m = await getMemberForEdit(user, Number(id), Number(memberId));
  if (!m) notFound();
  const [t, tc, skills, consents] = await Promise.all([
    getTranslations("memberForm"),
    getTranslations("privacy.consents"),
    listMemberSkills(user),
    listMemberConsents(user, m.id),
  ]);
  return (
    <ClientMessages of={["MemberForm", "RemoveMemberForm"]}>
      <div>
        <PageHeader title={t("editTitle", { name: m.fullName })} />
        <MemberForm
          mode="edit"
          action={updateMemberAction}
          householdId={m.householdId}
          memberId={m.id}
          skills={skills}
          initial={m}
          cancelHref={`/households/${m.householdId}`}
        />
        {!m.isHead ? (
          <RemoveMemberForm
            action={removeMemberAction}
            householdId={m.householdId}
            memberId={m.id}
            version={m.version}
            name={m.fullName}
          />
        ) : null}
        <ConsentList
          title={tc("memberTitle")}
          consents={consents}
          withdrawAction={withdrawMemberConsentAction}
          withdrawLabel={tc("withdrawForMember")}
          hidden={{ householdId: m.householdId, memberId: m.id }}
        />
      </div>
    </ClientMessages>
  );
}
