"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";
import { verifyMyPhoneAction, type PhoneCodeField } from "./actions";

export function PhoneCodeForm() {
  const t = useTranslations("phoneVerification");
  const tv = useTranslations("validation");
  const [state, action] = useActionState<FormState<PhoneCodeField>, FormData>(verifyMyPhoneAction, { ok: false });
  const error = state.fieldErrors?.code;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <div aria-live="polite">{error ? <FormMessage tone="error">{tv("formHasErrors")}</FormMessage> : null}</div>
      <Field
        name="code"
        label={t("code")}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={12}
        required
        error={error ? tv(error as "phoneCodeWrong") : undefined}
      />
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
