"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";
import { requestErasureAction, type ErasureField } from "../actions";

export function ErasureForm() {
  const t = useTranslations("privacy.erasureRequest");
  const tv = useTranslations("validation");
  const [state, action] = useActionState<FormState<ErasureField>, FormData>(requestErasureAction, { ok: false });
  const err = (f: ErasureField) => {
    const key = state.fieldErrors?.[f];
    return key === "confirmRequired" || key === "reasonLong" ? t(key) : undefined;
  };
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite">{state.fieldErrors ? <FormMessage tone="error">{tv("formHasErrors")}</FormMessage> : null}</div>
      <Field name="reason" label={t("reason")} defaultValue={state.values?.reason} error={err("reason")} maxLength={500} />
      <div className="flex flex-col gap-1">
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            name="confirm"
            value="yes"
            className="mt-1 size-5"
            aria-invalid={err("confirm") ? true : undefined}
            aria-describedby={err("confirm") ? "confirm-error" : undefined}
          />
          <span>{t("confirm")}</span>
        </label>
        {err("confirm") ? (
          <p id="confirm-error" className="text-sm font-medium text-red-700">
            {err("confirm")}
          </p>
        ) : null}
      </div>
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
