"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";
import { rejectErasureAction, type RejectErasureField } from "../actions";

const REASON_ERRORS = ["rejectReasonRequired", "rejectReasonShort", "rejectReasonLong"] as const;

/** Refusing an erasure request: the reason is required and is shown to the resident. */
export function RejectErasureForm({ id }: { id: number }) {
  const t = useTranslations("erasureAdmin");
  const tv = useTranslations("validation");
  const [state, action] = useActionState<FormState<RejectErasureField>, FormData>(rejectErasureAction, { ok: false });
  const key = state.fieldErrors?.reason;
  const error = REASON_ERRORS.find((k) => k === key);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite">{state.fieldErrors ? <FormMessage tone="error">{tv("formHasErrors")}</FormMessage> : null}</div>
      <input type="hidden" name="id" value={id} />
      <Field
        name="reason"
        label={t("rejectReason")}
        hint={t("rejectReasonHint")}
        defaultValue={state.values?.reason}
        error={error ? t(error) : undefined}
        maxLength={500}
        required
      />
      <div>
        <SubmitButton label={t("reject")} pendingLabel={t("rejecting")} />
      </div>
    </form>
  );
}
