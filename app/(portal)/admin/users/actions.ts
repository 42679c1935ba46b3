"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";
import { manageUser } from "@/lib/users/manage";

const ManageUserSchema = z.object({
  id: z.coerce.number().int().positive(),
  action: z.enum(["revoke", "deactivate", "activate"]),
  confirmSelf: z.literal("yes").optional().catch(undefined),
});

/** The confirmation step's form: revoke sessions, close or reopen an account. */
export async function manageUserAction(formData: FormData): Promise<void> {
  const user = await requireArea("admin");
  const parsed = ManageUserSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/admin/users");
  const { id, action, confirmSelf } = parsed.data;
  const result = await manageUser(user, id, action, { confirmSelf: confirmSelf === "yes" });
  if (!result.ok) redirect(`/admin/users/${id}?action=${action}&error=${result.error}`);
  revalidatePath("/admin/users");
  redirect(`/admin/users?done=${action}`);
}
