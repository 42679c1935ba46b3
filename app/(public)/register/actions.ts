"use server";

import { redirect } from "next/navigation";
import { RegisterResidentSchema, type RegisterField } from "@/lib/auth/schemas";
import { registerResident } from "@/lib/users/register";
import { echoValues, fieldErrorsOf, type FormState } from "@/lib/validation/form-state";

const ECHO = ["name", "phone", "communeId", "consent"] as const;

export async function registerResidentAction(
  _prev: FormState<RegisterField>,
  formData: FormData,
): Promise<FormState<RegisterField>> {
  const values = echoValues(formData, ECHO);
  const parsed = RegisterResidentSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const result = await registerResident(parsed.data);
  if (!result.ok) return { ok: false, fieldErrors: { [result.field]: result.error }, values };
  redirect("/login?registered=1");
}
