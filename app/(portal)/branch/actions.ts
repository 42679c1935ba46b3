"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { backWithNotice } from "@/lib/security/redirect";
import { assignHousehold, reassignHousehold, unassignHousehold } from "@/lib/assignments/mutations";
import { AssignSchema, ReassignSchema, UnassignSchema } from "@/lib/assignments/schemas";
import { requireUser } from "@/lib/auth/session";
import { setBranchTarget } from "@/lib/branches/mutations";
import { BranchTargetSchema } from "@/lib/branches/schemas";
import { adoptHousehold, releaseFamily } from "@/lib/families/adoption";
import { AdoptSchema, ReleaseSchema } from "@/lib/families/schemas";
import { echoValues, fieldErrorsOf, formAction, type FormState } from "@/lib/validation/form-state";

export async function setBranchTargetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = echoValues(formData, ["target"] as const);
  const parsed = BranchTargetSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  return formAction(async () => {
    await setBranchTarget(user, parsed.data);
    revalidatePath("/branch");
    revalidatePath("/admin/criteria");
    redirect(
      backWithNotice(formData.get("back"), user.role === "admin" ? "/admin/criteria" : "/branch", { notice: "targetSaved" }),
    );
  }, values);
}

export async function adoptAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = AdoptSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return formAction(async () => {
    const r = await adoptHousehold(user, parsed.data);
    revalidatePath("/branch", "layout");
    redirect(backWithNotice(formData.get("back"), "/branch", { notice: "adopted", name: r.headName }));
  });
}

export async function releaseAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = ReleaseSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return formAction(async () => {
    await releaseFamily(user, parsed.data);
    revalidatePath("/branch", "layout");
    redirect(backWithNotice(formData.get("back"), "/branch", { notice: "released" }));
  });
}

export async function assignAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = AssignSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return formAction(async () => {
    await assignHousehold(user, parsed.data);
    revalidatePath("/branch", "layout");
    revalidatePath("/volunteer");
    redirect(backWithNotice(formData.get("back"), "/branch/assign", { notice: "assigned" }));
  });
}

export async function reassignAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = ReassignSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return formAction(async () => {
    await reassignHousehold(user, parsed.data);
    revalidatePath("/branch", "layout");
    revalidatePath("/volunteer");
    redirect(backWithNotice(formData.get("back"), "/branch/assign", { notice: "reassigned" }));
  });
}

export async function unassignAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = UnassignSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return formAction(async () => {
    await unassignHousehold(user, parsed.data);
    revalidatePath("/branch", "layout");
    revalidatePath("/volunteer");
    redirect(backWithNotice(formData.get("back"), "/branch/assign", { notice: "unassigned" }));
  });
}
