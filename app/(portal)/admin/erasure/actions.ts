"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";
import { carryOutErasure, rejectErasure } from "@/lib/privacy/erasure";
import { echoValues, formAction, type FormState } from "@/lib/validation/form-state";
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
  // Parsed once, in lib (rejectErasure refuses each field that does not parse).
  const state = await formAction<"id" | RejectErasureField>(async () => {
    const { changed } = await rejectErasure(user, Object.fromEntries(formData));
    revalidatePath("/admin/erasure");
    redirect(`/admin/erasure?done=${changed ? "rejected" : "already"}`);
  }, values);
  // A tampered id: back to the list.
  if (state.fieldErrors?.id) redirect("/admin/erasure");
  return state;
}
