"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { VisitInputError, type VisitField } from "@/lib/visits/errors";
import { recordVisit, updateVisit } from "@/lib/visits/mutations";
import { VisitEditSchema, visitFieldOf, visitFormInput, VisitInputSchema } from "@/lib/visits/schemas";
import type { FormState } from "@/lib/validation/form-state";

type VisitFormState = FormState<VisitField>;

function invalid(error: z.ZodError): VisitFormState {
  const fieldErrors: Partial<Record<VisitField, string>> = {};
  for (const issue of error.issues) {
    const field = visitFieldOf(issue.path) as VisitField;
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors, formError: "fixErrors" };
}

function refused(err: VisitInputError): VisitFormState {
  return err.field
    ? { ok: false, fieldErrors: { [err.field]: err.key }, formError: "fixErrors" }
    : { ok: false, formError: err.key };
}

function revalidate(visitId: number) {
  revalidatePath("/volunteer");
  revalidatePath("/visits");
  revalidatePath(`/visits/${visitId}`);
}

/** Records a visit; a retried submission (same idempotency key) lands on the visit already stored. */
export async function recordVisitAction(_prev: VisitFormState, formData: FormData): Promise<VisitFormState> {
  const user = await requireUser();
  const parsed = VisitInputSchema.safeParse(visitFormInput(formData));
  if (!parsed.success) return invalid(parsed.error);
  let visitId: number;
  try {
    ({ visitId } = await recordVisit(user, parsed.data));
  } catch (err) {
    if (err instanceof VisitInputError) return refused(err);
    throw err;
  }
  revalidate(visitId);
  redirect(`/visits/${visitId}?saved=1`);
}

/** Corrects a visit (its recorder for 24 hours; a branch leader or admin at any time). */
export async function updateVisitAction(_prev: VisitFormState, formData: FormData): Promise<VisitFormState> {
  const user = await requireUser();
  const parsed = VisitEditSchema.safeParse(visitFormInput(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await updateVisit(user, parsed.data);
  } catch (err) {
    if (err instanceof VisitInputError) return refused(err);
    throw err;
  }
  revalidate(parsed.data.visitId);
  redirect(`/visits/${parsed.data.visitId}?saved=1`);
}
