"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";
import { withdrawConsent } from "@/lib/consent/consent";
import { dbId } from "@/lib/validation/db-id";

const WithdrawMemberConsentSchema = z.object({
  consentId: dbId(),
  householdId: dbId(),
  memberId: dbId(),
});

/** An official withdraws a member's consent on their behalf (recorded, not deleted). */
export async function withdrawMemberConsentAction(formData: FormData): Promise<void> {
  const user = await requireArea("households");
  const parsed = WithdrawMemberConsentSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/households");
  const { consentId, householdId, memberId } = parsed.data;
  await withdrawConsent(user, consentId);
  const page = `/households/${householdId}/members/${memberId}/edit`;
  revalidatePath(page);
  redirect(`${page}#consents`);
}
