"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { hitFormLimit } from "@/lib/security/rate-limit";
import { ACTIVATE_LIMIT } from "@/lib/security/limits";
import {
  activateAccount,
  ActivationPhoneSchema,
  ActivationSchema,
  requestActivationCode,
  type ActivationField,
} from "@/lib/users/activation";
import { echoValues, fieldErrorsOf, formAction, type FormState } from "@/lib/validation/form-state";

/**
 * Step 1: a code to the number, if it names an account the commune made that waits to be
 * activated. The answer is the same either way (`ok` with the number echoed: the form goes on to
 * step 2), so nobody learns from it who is on a list.
 */
export async function sendActivationCodeAction(
  _prev: FormState<ActivationField>,
  formData: FormData,
): Promise<FormState<ActivationField>> {
  const values = echoValues(formData, ["phone"] as const);
  const limit = await hitFormLimit("activate-send", await headers(), ACTIVATE_LIMIT);
  if (!limit.ok) return { ok: false, formError: "rateLimited", values };
  const parsed = ActivationPhoneSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  await requestActivationCode(parsed.data.phone);
  return { ok: true, values: { phone: parsed.data.phone } };
}

/** Step 2: the code and the new password; then the person signs in with their number. */
export async function activateAccountAction(
  _prev: FormState<ActivationField>,
  formData: FormData,
): Promise<FormState<ActivationField>> {
  const values = echoValues(formData, ["phone", "code"] as const);
  const limit = await hitFormLimit("activate", await headers(), ACTIVATE_LIMIT);
  if (!limit.ok) return { ok: false, formError: "rateLimited", values };
  const parsed = ActivationSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  return formAction(async () => {
    await activateAccount(parsed.data);
    redirect("/login?activated=1");
  }, values);
}
