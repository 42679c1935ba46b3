"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { CancelField } from "@/lib/training/registrations";
import type { FormState } from "@/lib/validation/form-state";

type CancelState = FormState<CancelField> & { done?: "cancelled" | "alreadyCancelled" };
type Action = (prev: CancelState, formData: FormData) => Promise<CancelState>;

export function CancelForm({ action: serverAction, code }: { action: Action; code: string }) {
  const t = useTranslations("schedule.cancel");
  const te = useTranslations("schedule.errors");
  const [state, action] = useActionState<CancelState, FormData>(serverAction, { ok: false });
  const err = (f: CancelField) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as "required") : undefined);
  const v = state.values ?? {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite">
        {state.done ? (
          <FormMessage tone="success">{state.done === "cancelled" ? t("done") : t("alreadyCancelled")}</FormMessage>
        ) : state.formError ? (
          <FormMessage tone="error">{te(state.formError as "required")}</FormMessage>
        ) : null}
      </div>
      <Field
        name="code"
        label={t("code")}
        hint={t("codeHint")}
        autoCapitalize="characters"
        autoComplete="off"
        required
        defaultValue={v.code ?? code}
        error={err("code")}
      />
      <Field
        name="phone"
        type="tel"
        inputMode="tel"
        label={t("phone")}
        autoComplete="tel"
        required
        defaultValue={v.phone}
        error={err("phone")}
      />
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
