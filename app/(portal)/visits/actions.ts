"use server";

import { z } from "zod";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { isDatabaseBusy } from "@/lib/db/errors";
import { refusalState } from "@/lib/validation/form-state";
import { Refusal } from "@/lib/validation/refusal";
import type { VisitField } from "@/lib/visits/errors";
import { recordVisit, recordVisits, updateVisit } from "@/lib/visits/mutations";
import {
  QueuedBatchSchema,
  queuedVisitInput,
  VisitEditSchema,
  visitFieldOf,
  visitFormInput,
  VisitInputSchema,
  type QueuedBatchAnswer,
  type VisitFormState,
} from "@/lib/visits/schemas";

function invalid(error: z.ZodError): VisitFormState {
  const fieldErrors: Partial<Record<VisitField, string>> = {};
  for (const issue of error.issues) {
    const field = visitFieldOf(issue.path) as VisitField;
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors, formError: "fixErrors" };
}

/**
 * A failure the person can fix, or one they can simply retry: the database busy or out of reach
 * (nothing was saved; the form sends the same key again). Anything else is a bug: thrown.
 */
function failed(err: unknown): VisitFormState {
  if (err instanceof Refusal) return refused(err);
  if (isDatabaseBusy(err)) return { ok: false, formError: "busy" };
  throw err;
}

/** A Refusal as every form shows it; a field's also says "fix the errors" above the form. */
function refused(err: Refusal): VisitFormState {
  const state = refusalState<VisitField>(err);
  return state.fieldErrors ? { ...state, formError: "fixErrors" } : state;
}

// The pages a visit changes (/volunteer, /visits, the visit's own) are rendered per request, never
// cached on the server, so nothing is revalidated here: revalidatePath would make Next render the
// current page again into this answer (issue 13: the save's answer stays small), and the form
// navigates to the saved visit itself.

/** Records a visit; a retried submission (same idempotency key) lands on the visit already stored. */
export async function recordVisitAction(_prev: VisitFormState, formData: FormData): Promise<VisitFormState> {
  const user = await requireUser();
  const parsed = VisitInputSchema.safeParse(visitFormInput(formData));
  if (!parsed.success) return invalid(parsed.error);
  let visitId: number;
  try {
    ({ visitId } = await recordVisit(user, parsed.data));
  } catch (err) {
    return failed(err);
  }
  return { ok: true, visitId };
}

/** Corrects a visit (its recorder for 24 hours; a branch leader or admin at any time). */
export async function updateVisitAction(_prev: VisitFormState, formData: FormData): Promise<VisitFormState> {
  const user = await requireUser();
  const parsed = VisitEditSchema.safeParse(visitFormInput(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await updateVisit(user, parsed.data);
  } catch (err) {
    return failed(err);
  }
  return { ok: true, visitId: parsed.data.visitId };
}

const OwnerSchema = z.number().int().positive();

/**
 * Sends visits kept on the phone (components/offline/sync.ts), up to QUEUE_BATCH in one request,
 * each with the key it was given when recorded: sent twice, a visit is stored once. One request and
 * one transaction for a phone's queue (recordVisits): the session, the request and the commit are
 * paid once (docs/decisions/0012). Each visit is answered on its own, in order; if the server
 * cannot take the queue now (busy), the answer says so and the phone keeps it. Only under the
 * session of the user who recorded them: with no session, or another user's, it answers
 * "signedOut" (not a redirect) and the phone keeps the visits until that user signs in again.
 */
export async function sendQueuedVisitsAction(ownerId: unknown, batch: unknown): Promise<QueuedBatchAnswer> {
  const owner = OwnerSchema.safeParse(ownerId);
  const user = await getCurrentUser();
  if (!owner.success || !user || user.id !== owner.data) return { ok: false, formError: "signedOut", answers: [] };
  const visits = QueuedBatchSchema.safeParse(batch);
  if (!visits.success) return { ok: false, formError: "fixErrors", answers: [] };
  const parsed = visits.data.map((fields) => VisitInputSchema.safeParse(queuedVisitInput(fields)));
  const valid = parsed.flatMap((p) => (p.success ? [p.data] : []));
  let saved: Awaited<ReturnType<typeof recordVisits>>;
  try {
    saved = await recordVisits(user, valid);
  } catch (err) {
    return { ok: false, answers: [failed(err)] };
  }
  let next = 0;
  const answers = parsed.map((p): VisitFormState => {
    if (!p.success) return invalid(p.error);
    const result = saved[next++];
    return result instanceof Refusal ? refused(result) : { ok: true, visitId: result.visitId };
  });
  return { ok: answers.every((a) => a.ok), answers };
}
