"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";
import { carryOutErasure, ErasureRejectSchema, rejectErasure } from "@/lib/privacy/erasure";
import { echoValues, fieldErrorsOf, type FormState } from "@/lib/validation/form-state";
import { dbId } from "@/lib/validation/db-id";

const CarryOutSchema = z.object({ id: dbId() });

/** The confirmation step's form: carry out one erasure request by anonymising. */
export async function carryOutErasureAction(formData: FormData): Promise<void> {
  const user = await requireArea("admin");
  const parsed = CarryOutSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/admin/erasure");
  const result = await carryOutErasure(user, parsed.data.id);
  revalidatePath("/admin/erasure");
  redirect(`/admin/erasure?done=${result.erased ? "erased" : "already"}`);
}

export type RejectErasureField = "reason";

/** The confirmation step's other form: refuse the request, with the reason the resident will read. */
export async function rejectErasureAction(
  _prev: FormState<RejectErasureField>,
  formData: FormData,
): Promise<FormState<RejectErasureField>> {
  const user = await requireArea("admin");
  const values = echoValues(formData, ["reason"] as const);
  const parsed = ErasureRejectSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf<"id" | RejectErasureField>(parsed.error);
    if (fieldErrors.id) redirect("/admin/erasure");
    return { ok: false, fieldErrors, values };
  }
  const result = await rejectErasure(user, parsed.data);
  revalidatePath("/admin/erasure");
  redirect(`/admin/erasure?done=${result.changed ? "rejected" : "already"}`);
}
