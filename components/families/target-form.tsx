"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";
import { MAX_BRANCH_TARGET, MIN_BRANCH_TARGET } from "@/lib/branches/schemas";

type Props = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  branchId: number;
  branchName: string;
  version: number;
  target: number;
  back: string;
};

/** Sets a branch's target of adopted families (at least five). */
export function TargetForm({ action, branchId, branchName, version, target, back }: Props) {
  const t = useTranslations("families.target");
  const te = useTranslations("families.errors");
  const [state, formAction] = useActionState(action, { ok: false });
  const error = state.fieldErrors?.target ?? state.formError;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" noValidate>
      <input type="hidden" name="branchId" value={branchId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="back" value={back} />
      <Field
        id={`target-${branchId}`}
        name="target"
        type="number"
        inputMode="numeric"
        min={MIN_BRANCH_TARGET}
        label={t("label", { branch: branchName })}
        hint={t("hint", { min: MIN_BRANCH_TARGET })}
        defaultValue={state.values?.target ?? String(target)}
        error={
          error ? te(error as "unknown", { min: MIN_BRANCH_TARGET, max: MAX_BRANCH_TARGET, ...(state.params ?? {}) }) : undefined
        }
        className="w-64"
      />
      <SubmitButton label={t("save")} pendingLabel={t("saving")} />
    </form>
  );
}
