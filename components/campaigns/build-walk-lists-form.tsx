"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/validation/form-state";

type ErrorKey = Parameters<ReturnType<typeof useTranslations<"campaignForm.errors">>>[0];

/** Builds the walk lists; when some exist, asks first, since rebuilding replaces them. */
export function BuildWalkListsForm({
  action,
  campaignId,
  existing,
}: {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  campaignId: number;
  existing: number;
}) {
  const t = useTranslations("campaignSummary");
  const te = useTranslations("campaignForm.errors");
  const [state, formAction] = useActionState<FormState, FormData>(action, { ok: false });
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="campaignId" value={campaignId} />
      <div aria-live="polite">
        {state.formError ? <FormMessage tone="error">{te(state.formError as ErrorKey)}</FormMessage> : null}
      </div>
      {existing === 0 ? (
        <div>
          <SubmitButton label={t("build")} pendingLabel={t("building")} />
        </div>
      ) : confirming ? (
        <div
          role="group"
          aria-label={t("rebuild")}
          className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3"
        >
          <p className="text-amber-900">{t("rebuildWarning", { count: existing })}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton label={t("confirmRebuild")} pendingLabel={t("building")} />
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            {t("rebuild")}
          </Button>
        </div>
      )}
    </form>
  );
}
