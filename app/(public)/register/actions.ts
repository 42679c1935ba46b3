"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RegisterResidentSchema, type RegisterField } from "@/lib/auth/schemas";
import { hitFormLimit, REGISTER_LIMIT } from "@/lib/security/rate-limit";
import { registerResident } from "@/lib/users/register";
import { echoValues, fieldErrorsOf, formAction, type FormState } from "@/lib/validation/form-state";

const ECHO = ["name", "phone", "communeId", "consent"] as const;

export async function registerResidentAction(
  _prev: FormState<RegisterField>,
  formData: FormData,
): Promise<FormState<RegisterField>> {
  const values = echoValues(formData, ECHO);
  const limit = await hitFormLimit("register", await headers(), REGISTER_LIMIT);
  if (!limit.ok) return { ok: false, formError: "rateLimited", values };
  const parsed = RegisterResidentSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  // The consent sentence exactly as the form showed it, stored with the consent.
  const t = await getTranslations("privacy.consentText");
  return formAction(async () => {
    await registerResident(parsed.data, t("register"));
    redirect("/login?registered=1");
  }, values);
}
