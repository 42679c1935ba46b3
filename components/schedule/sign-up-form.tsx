"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { IdempotencyKeyInput } from "@/components/forms/idempotency-key";
import { SubmitButton } from "@/components/forms/submit-button";
import type { RegistrationField } from "@/lib/training/registrations";
import type { FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState<RegistrationField>, formData: FormData) => Promise<FormState<RegistrationField>>;

/** The anonymous sign-up form; `idempotencyKey` makes a double submit one registration. */
export function SignUpForm({
  action: serverAction,
  eventId,
  villages,
  full,
}: {
  action: Action;
  eventId: number;
  villages: { id: number; name: string }[];
  full: boolean;
}) {
  const t = useTranslations("schedule.class");
  const te = useTranslations("schedule.errors");
  const [state, action] = useActionState<FormState<RegistrationField>, FormData>(serverAction, { ok: false });
  const err = (f: RegistrationField) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as "required") : undefined);
  const v = state.values ?? {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite">
        {state.formError ? (
          <FormMessage tone="error">{te(state.formError as "required")}</FormMessage>
        ) : state.fieldErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
      </div>
      <input type="hidden" name="eventId" value={eventId} />
      <IdempotencyKeyInput />
      <Field
        name="fullName"
        label={t("fullName")}
        autoComplete="name"
        required
        defaultValue={v.fullName}
        error={err("fullName")}
      />
      <Field
        name="phone"
        type="tel"
        inputMode="tel"
        label={t("phone")}
        hint={t("phoneHint")}
        autoComplete="tel"
        required
        defaultValue={v.phone}
        error={err("phone")}
      />
      <Field name="villageId" label={t("village")} error={err("villageId")}>
        <select
          id="field-villageId"
          name="villageId"
          defaultValue={v.villageId ?? ""}
          aria-invalid={err("villageId") ? true : undefined}
          aria-describedby={err("villageId") ? "field-villageId-error" : undefined}
          className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base"
        >
          <option value="">{t("chooseVillage")}</option>
          {villages.map((village) => (
            <option key={village.id} value={village.id}>
              {village.name}
            </option>
          ))}
          <option value="0">{t("outside")}</option>
        </select>
      </Field>
      <div className="flex flex-col gap-1">
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            name="consent"
            value="yes"
            defaultChecked={v.consent === "yes"}
            aria-invalid={err("consent") ? true : undefined}
            aria-describedby={err("consent") ? "consent-error" : undefined}
            className="mt-1 size-6 shrink-0"
          />
          <span className="text-sm">{t("consent")}</span>
        </label>
        {err("consent") ? (
          <p id="consent-error" className="text-sm font-medium text-red-700">
            {err("consent")}
          </p>
        ) : null}
      </div>
      <SubmitButton label={full ? t("submitWaitlist") : t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
