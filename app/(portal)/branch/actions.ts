"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FamiliesFormState } from "@/components/families/action-state";
import { backWithNotice } from "@/lib/security/redirect";
import { assignHousehold, reassignHousehold, unassignHousehold } from "@/lib/assignments/mutations";
import { AssignSchema, ReassignSchema, UnassignSchema } from "@/lib/assignments/schemas";
import { requireUser } from "@/lib/auth/session";
import { setBranchTarget } from "@/lib/branches/mutations";
import { BranchTargetSchema } from "@/lib/branches/schemas";
import { adoptHousehold, releaseFamily } from "@/lib/families/adoption";
import type { Failure } from "@/lib/families/result";
import { AdoptSchema, ReleaseSchema } from "@/lib/families/schemas";
import { fieldErrorsOf, echoValues } from "@/lib/validation/form-state";

const failed = (f: Failure, values?: Record<string, string>): FamiliesFormState => ({
  ok: false,
  error: f.error,
  params: f.params,
  values,
});

export async function setBranchTargetAction(_prev: FamiliesFormState, formData: FormData): Promise<FamiliesFormState> {
  const user = await requireUser();
  const values = echoValues(formData, ["target"] as const);
  const parsed = BranchTargetSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const r = await setBranchTarget(user, parsed.data);
  if (!r.ok) return { ok: false, fieldErrors: { target: r.error }, params: r.params, values };
  revalidatePath("/branch");
  revalidatePath("/admin/criteria");
  redirect(
    backWithNotice(formData.get("back"), user.role === "admin" ? "/admin/criteria" : "/branch", { notice: "targetSaved" }),
  );
}

export async function adoptAction(_prev: FamiliesFormState, formData: FormData): Promise<FamiliesFormState> {
  const user = await requireUser();
  const parsed = AdoptSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const r = await adoptHousehold(user, parsed.data);
  if (!r.ok) return failed(r);
  revalidatePath("/branch", "layout");
  redirect(backWithNotice(formData.get("back"), "/branch", { notice: "adopted", name: r.value.headName }));
}

export async function releaseAction(_prev: FamiliesFormState, formData: FormData): Promise<FamiliesFormState> {
  const user = await requireUser();
  const parsed = ReleaseSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const r = await releaseFamily(user, parsed.data);
  if (!r.ok) return failed(r);
  revalidatePath("/branch", "layout");
  redirect(backWithNotice(formData.get("back"), "/branch", { notice: "released" }));
}

export async function assignAction(_prev: FamiliesFormState, formData: FormData): Promise<FamiliesFormState> {
  const user = await requireUser();
  const parsed = AssignSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const r = await assignHousehold(user, parsed.data);
  if (!r.ok) return failed(r);
  revalidatePath("/branch", "layout");
  revalidatePath("/volunteer");
  redirect(backWithNotice(formData.get("back"), "/branch/assign", { notice: "assigned" }));
}

export async function reassignAction(_prev: FamiliesFormState, formData: FormData): Promise<FamiliesFormState> {
  const user = await requireUser();
  const parsed = ReassignSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const r = await reassignHousehold(user, parsed.data);
  if (!r.ok) return failed(r);
  revalidatePath("/branch", "layout");
  revalidatePath("/volunteer");
  redirect(backWithNotice(formData.get("back"), "/branch/assign", { notice: "reassigned" }));
}

export async function unassignAction(_prev: FamiliesFormState, formData: FormData): Promise<FamiliesFormState> {
  const user = await requireUser();
  const parsed = UnassignSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const r = await unassignHousehold(user, parsed.data);
  if (!r.ok) return failed(r);
  revalidatePath("/branch", "layout");
  revalidatePath("/volunteer");
  redirect(backWithNotice(formData.get("back"), "/branch/assign", { notice: "unassigned" }));
}
