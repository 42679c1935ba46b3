"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";

type Action<F extends string = string> = (prev: FormState<F>, fd: FormData) => Promise<FormState<F>>;

export function RepeatForm({ action, id }: { action: Action<"date">; id: number }) {
  const t = useTranslations("trainingDetail");
  const te = useTranslations("trainingErrors");
  const [state, formAction] = useActionState<FormState<"date">, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="id" value={id} />
      {state.formError ? <FormMessage tone="error">{te(state.formError as "notFound")}</FormMessage> : null}
      <Field
        name="date"
        type="date"
        label={t("repeatDate")}
        required
        defaultValue={state.values?.date}
        error={state.fieldErrors?.date ? te(state.fieldErrors.date as "dateInvalid") : undefined}
      />
      <SubmitButton label={t("repeatSubmit")} pendingLabel={t("repeating")} />
    </form>
  );
}

/** What a cancellation sends (lib/training/mutations.ts cancellationPreview). */
export type CancellationPreview = { text: string; parts: number; length: number; recipients: number; totalParts: number };

export function CancelEventForm({
  action,
  id,
  version,
  preview,
}: {
  action: Action;
  id: number;
  version: number;
  preview: CancellationPreview;
}) {
  const t = useTranslations("trainingDetail");
  const te = useTranslations("trainingErrors");
  const [state, formAction] = useActionState<FormState, FormData>(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <p className="text-slate-700">{t("cancelWarning")}</p>
      <figure className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
        <figcaption className="mb-1 text-sm font-medium text-slate-700">{t("cancelMessage")}</figcaption>
        <blockquote className="font-mono text-sm break-words text-slate-900">{preview.text}</blockquote>
        <p className="mt-2 text-sm text-slate-700" data-testid="cancel-cost">
          {t("cancelCost", {
            length: preview.length,
            parts: preview.parts,
            recipients: preview.recipients,
            total: preview.totalParts,
          })}
        </p>
      </figure>
      {state.formError ? <FormMessage tone="error">{te(state.formError as "stale")}</FormMessage> : null}
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" name="confirm" value="yes" required className="size-5" />
        <span>{t("cancelConfirm")}</span>
      </label>
      <SubmitButton label={t("cancelSubmit")} pendingLabel={t("cancelling")} />
    </form>
  );
}
