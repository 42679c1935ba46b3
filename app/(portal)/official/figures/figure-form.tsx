"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FigureField } from "@/lib/figures/schemas";
import type { FormState } from "@/lib/validation/form-state";

type ErrorKey =
  "required" | "notWhole" | "negative" | "tooLarge" | "badMonth" | "onlineOverTotal" | "formHasErrors" | "stale" | "monthExists";

export function FigureForm({
  action,
  initial,
}: {
  action: (prev: FormState<FigureField>, fd: FormData) => Promise<FormState<FigureField>>;
  /** The month being corrected, with the version read; absent when entering a new month. */
  initial?: Partial<Record<FigureField, string>>;
}) {
  const t = useTranslations("figures");
  const te = useTranslations("figures.errors");
  const [state, formAction] = useActionState<FormState<FigureField>, FormData>(action, { ok: false });
  const values = state.values ?? initial ?? {};
  const err = (f: FigureField) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as ErrorKey) : undefined);
  const editing = Boolean(initial?.version);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-3" noValidate>
      <div aria-live="polite">
        {state.formError ? (
          <FormMessage tone="error">{te(state.formError as ErrorKey)}</FormMessage>
        ) : state.fieldErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
      </div>
      <input type="hidden" name="version" value={values.version ?? ""} />
      {editing ? (
        <input type="hidden" name="month" value={values.month ?? ""} />
      ) : (
        <Field
          name="month"
          label={t("month")}
          hint={t("monthHint")}
          required
          inputMode="numeric"
          placeholder="2026-10"
          defaultValue={values.month}
          error={err("month")}
        />
      )}
      {editing && err("month") ? <FormMessage tone="error">{err("month")}</FormMessage> : null}
      <Field
        name="applicationsTotal"
        label={t("applicationsTotal")}
        required
        inputMode="numeric"
        defaultValue={values.applicationsTotal}
        error={err("applicationsTotal")}
      />
      <Field
        name="applicationsOnline"
        label={t("applicationsOnline")}
        required
        inputMode="numeric"
        defaultValue={values.applicationsOnline}
        error={err("applicationsOnline")}
      />
      <Field
        name="recordsDigitised"
        label={t("recordsDigitised")}
        inputMode="numeric"
        defaultValue={values.recordsDigitised ?? "0"}
        error={err("recordsDigitised")}
      />
      <SubmitButton label={t("save")} pendingLabel={t("saving")} />
    </form>
  );
}
