"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { publicPagesChanged } from "@/lib/cache/public-pages";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { getPortalCommune } from "@/lib/communes/portal";
import { hitFormLimit, CANCEL_LIMIT, SIGNUP_LIMIT } from "@/lib/security/rate-limit";
import {
  cancelRegistration,
  CancelInputSchema,
  OneTapInputSchema,
  registerForClass,
  registerMeForClass,
  RegistrationInputSchema,
  type CancelField,
  type RegistrationField,
} from "@/lib/training/registrations";
import { echoValues, fieldErrorsOf, formAction, type FormState } from "@/lib/validation/form-state";

export type CancelState = FormState<CancelField> & { done?: "cancelled" | "alreadyCancelled" };

const SIGNUP_ECHO = ["fullName", "phone", "villageId", "consent"] as const;

async function withinLimit(form: string, limit: { limit: number; windowSeconds: number }): Promise<boolean> {
  return (await hitFormLimit(form, await headers(), limit)).ok;
}

/** Anonymous sign-up on a class page. The consent text stored is the one the form showed. */
export async function signUpForClassAction(
  _prev: FormState<RegistrationField>,
  formData: FormData,
): Promise<FormState<RegistrationField>> {
  const values = echoValues(formData, SIGNUP_ECHO);
  if (!(await withinLimit("signup", SIGNUP_LIMIT))) return { ok: false, formError: "rateLimited", values };
  const parsed = RegistrationInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const [commune, t] = await Promise.all([getPortalCommune(), getTranslations("schedule.class")]);
  if (!commune) return { ok: false, formError: "classNotFound", values };
  return formAction(async () => {
    const { code } = await registerForClass(commune.id, parsed.data, t("consent"));
    publicPagesChanged();
    redirect(`/schedule/registered/${code}`);
  }, values);
}

/** A signed-in resident's one-tap sign-up. */
export async function signUpMeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  if (!(await withinLimit("signup", SIGNUP_LIMIT))) return { ok: false, formError: "rateLimited" };
  const parsed = OneTapInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, formError: parsed.error.issues[0]?.message ?? "formExpired" };
  const t = await getTranslations("schedule.class");
  return formAction(async () => {
    const { code } = await registerMeForClass(user, parsed.data, t("consent"));
    publicPagesChanged();
    redirect(`/schedule/registered/${code}`);
  });
}

/** Cancels a place with its code and phone; the first waiting person is promoted. */
export async function cancelRegistrationAction(_prev: CancelState, formData: FormData): Promise<CancelState> {
  const values = echoValues(formData, ["code", "phone"] as const);
  if (!(await withinLimit("cancel", CANCEL_LIMIT))) return { ok: false, formError: "rateLimited", values };
  const parsed = CancelInputSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const commune = await getPortalCommune();
  if (!commune) return { ok: false, formError: "codeNotFound", values };
  return formAction(async (): Promise<CancelState> => {
    const { alreadyCancelled } = await cancelRegistration(commune.id, parsed.data);
    publicPagesChanged();
    return { ok: true, done: alreadyCancelled ? "alreadyCancelled" : "cancelled" };
  }, values);
}
