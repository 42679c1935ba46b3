"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/forms/field";
import { IdempotencyKeyInput } from "@/components/forms/idempotency-key";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** A signed-in resident signs up with the name and phone of their account. */
export function OneTapForm({
  action: serverAction,
  eventId,
  name,
  phone,
}: {
  action: Action;
  eventId: number;
  name: string;
  phone: string;
}) {
  const t = useTranslations("schedule.class");
  const te = useTranslations("schedule.errors");
  const [state, action] = useActionState<FormState, FormData>(serverAction, { ok: false });
  return (
    <form action={action} className="flex flex-col gap-3">
      <div aria-live="polite">
        {state.formError ? <FormMessage tone="error">{te(state.formError as "required")}</FormMessage> : null}
      </div>
      <input type="hidden" name="eventId" value={eventId} />
      <IdempotencyKeyInput />
      <p>{t("oneTapAs", { name, phone })}</p>
      <p className="text-sm text-slate-700">{t("consent")}</p>
      <SubmitButton label={t("oneTap")} pendingLabel={t("submitting")} />
    </form>
  );
}
