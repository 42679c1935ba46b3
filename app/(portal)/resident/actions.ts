"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireArea } from "@/lib/auth/session";
import { withdrawConsent } from "@/lib/consent/consent";
import { setMyReminders } from "@/lib/outbox/opt-out";
import { ErasureRequestSchema, requestErasure } from "@/lib/privacy/erasure";
import { PhoneCodeInputSchema, sendMyPhoneCode, verifyMyPhone } from "@/lib/users/phone-verification";
import { echoValues, fieldErrorsOf, formAction, type FormState } from "@/lib/validation/form-state";
import { dbId } from "@/lib/validation/db-id";

const WithdrawSchema = z.object({ consentId: dbId() });

/** The resident withdraws one of their consents (recorded, not deleted). */
export async function withdrawMyConsentAction(formData: FormData): Promise<void> {
  const user = await requireArea("resident");
  const parsed = WithdrawSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/resident");
  await withdrawConsent(user, parsed.data.consentId);
  revalidatePath("/resident");
  redirect("/resident?withdrawn=1#consents");
}

export type ErasureField = "reason" | "confirm";

/** The resident asks for their data to be erased; the confirmation screen follows. */
export async function requestErasureAction(_prev: FormState<ErasureField>, formData: FormData): Promise<FormState<ErasureField>> {
  const user = await requireArea("resident");
  const values = echoValues(formData, ["reason"] as const);
  const parsed = ErasureRequestSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  await requestErasure(user, parsed.data);
  revalidatePath("/resident");
  redirect("/resident/erasure");
}

export type PhoneCodeField = "code";

/** The resident enters the code sent to their number; once proven, what is linked to it shows. */
export async function verifyMyPhoneAction(
  _prev: FormState<PhoneCodeField>,
  formData: FormData,
): Promise<FormState<PhoneCodeField>> {
  const user = await requireArea("resident");
  const parsed = PhoneCodeInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return formAction(async () => {
    await verifyMyPhone(user, parsed.data);
    revalidatePath("/resident");
    redirect("/resident?verified=1");
  });
}

/** A new code to the resident's unverified number (limited per account and per number). */
export async function sendMyPhoneCodeAction(): Promise<void> {
  const user = await requireArea("resident");
  const refused = await formAction(async () => {
    await sendMyPhoneCode(user);
    redirect("/resident?codeSent=1#phone");
  });
  redirect(`/resident?error=${refused.formError}#phone`);
}

const RemindersSchema = z.object({ on: z.enum(["0", "1"]) });

/** The resident turns class reminders to their proven number on or off. */
export async function setMyRemindersAction(formData: FormData): Promise<void> {
  const user = await requireArea("resident");
  const parsed = RemindersSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/resident#reminders");
  const on = parsed.data.on === "1";
  await setMyReminders(user, on);
  revalidatePath("/resident");
  redirect(`/resident?reminders=${on ? "on" : "off"}#reminders`);
}
