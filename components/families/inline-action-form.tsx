"use client";

import { useActionState, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FormState } from "@/lib/validation/form-state";

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string | number>;
  submitLabel: string;
  /** With a prompt, the first press asks to confirm; the form is sent only on the second. */
  confirmPrompt?: string;
  /** Extra inputs (e.g. a volunteer picker), shown before the button. */
  children?: ReactNode;
  className?: string;
};

/** A one-button form on a list row: its error shows beside it; success navigates (the action redirects). */
export function InlineActionForm({ action, hidden, submitLabel, confirmPrompt, children, className }: Props) {
  const t = useTranslations("families.common");
  const te = useTranslations("families.errors");
  const [state, formAction] = useActionState(action, { ok: false });
  const [confirming, setConfirming] = useState(false);
  const message = state.formError ?? Object.values(state.fieldErrors ?? {})[0];
  return (
    <form action={formAction} className={cn("flex flex-col gap-2", className)}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-2">
        {children}
        {confirmPrompt && !confirming ? (
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            {submitLabel}
          </Button>
        ) : null}
        {confirmPrompt && confirming ? (
          <div role="group" aria-label={confirmPrompt} className="flex flex-wrap items-center gap-2">
            <span className="text-sm font-medium text-slate-900">{confirmPrompt}</span>
            <SubmitButton label={t("confirm")} pendingLabel={t("saving")} />
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </div>
        ) : null}
        {!confirmPrompt ? <SubmitButton label={submitLabel} pendingLabel={t("saving")} /> : null}
      </div>
      <div aria-live="polite">
        {message ? <FormMessage tone="error">{te(message as "unknown", state.params ?? {})}</FormMessage> : null}
      </div>
    </form>
  );
}
