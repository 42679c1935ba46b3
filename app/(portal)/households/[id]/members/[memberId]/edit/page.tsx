import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { MemberForm, RemoveMemberForm } from "@/components/households/member-form";
import { requireArea } from "@/lib/auth/session";
import { getMemberForEdit, listMemberSkills } from "@/lib/households/queries";
import { removeMemberAction, updateMemberAction } from "../../../../actions";
import { MemberConsents } from "./member-consents";

type Props = { params: Promise<{ id: string; memberId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("householdDetail"))("members") };
}

export default async function EditMemberPage({ params }: Props) {
  const user = await requireArea("households");
  const { id, memberId } = await params;
  const m = await getMemberForEdit(user, Number(id), Number(memberId));
  if (!m) notFound();
  const [t, skills] = await Promise.all([getTranslations("memberForm"), listMemberSkills(user)]);
  return (
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
      <MemberConsents user={user} householdId={m.householdId} memberId={m.id} />
    </div>
  );
}
