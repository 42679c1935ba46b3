"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";
import { manageUser } from "@/lib/users/manage";
import { verifyPhoneInPerson } from "@/lib/users/phone-verification";
import { dbId } from "@/lib/validation/db-id";
import { formAction } from "@/lib/validation/form-state";

const ManageUserSchema = z.object({
  id: dbId(),
  action: z.enum(["revoke", "deactivate", "activate"]),
  confirmSelf: z.literal("yes").optional().catch(undefined),
});

/** The confirmation step's form: revoke sessions, close or reopen an account. */
export async function manageUserAction(formData: FormData): Promise<void> {
  const user = await requireArea("admin");
  const parsed = ManageUserSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/admin/users");
  const { id, action, confirmSelf } = parsed.data;
  const refused = await formAction(async () => {
    await manageUser(user, id, action, { confirmSelf: confirmSelf === "yes" });
    revalidatePath("/admin/users");
    redirect(`/admin/users?done=${action}`);
  });
  // A plain form: the confirmation step says why (?error=…).
  redirect(`/admin/users/${id}?action=${action}&error=${refused.formError}`);
}

const VerifyPhoneSchema = z.object({ id: dbId() });

/** The administrator has checked in person that the resident holds their number (audited). */
export async function verifyPhoneInPersonAction(formData: FormData): Promise<void> {
  const user = await requireArea("admin");
  const parsed = VerifyPhoneSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/admin/users");
  const { id } = parsed.data;
  const refused = await formAction(async () => {
    await verifyPhoneInPerson(user, id);
    revalidatePath("/admin/users");
    redirect("/admin/users?done=verifyPhone");
  });
  redirect(`/admin/users/${id}?action=verifyPhone&error=${refused.formError}`);
}
