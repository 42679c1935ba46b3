"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";

type ErrorKey = Parameters<ReturnType<typeof useTranslations<"campaignForm.errors">>>[0];

/**
 * "Start shift" or "Finish shift": one big button. The button is disabled while the request is in
 * flight and the server keeps one open shift per volunteer, so a double tap records once.
 */
export function ShiftForm({
  action,
  campaignId,
  mode,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  campaignId: number;
  mode: "start" | "finish";
}) {
  const t = useTranslations("campaignMyList");
  const te = useTranslations("campaignForm.errors");
  const [state, formAction] = useActionState<FormState, FormData>(action, { ok: false });
  const done = state.ok ? state.values?.done : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <input type="hidden" name="campaignId" value={campaignId} />
      <div aria-live="polite">
        {state.formError ? <FormMessage tone="error">{te(state.formError as ErrorKey)}</FormMessage> : null}
        {done === "started" || done === "finished" ? <p className="sr-only">{t(done)}</p> : null}
      </div>
      {mode === "start" ? (
        <SubmitButton label={t("start")} pendingLabel={t("starting")} />
      ) : (
        <SubmitButton label={t("finish")} pendingLabel={t("finishing")} />
      )}
    </form>
  );
}
