"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";

type Props = { action: (prev: FormState, formData: FormData) => Promise<FormState> };

/** Adds the commune's own member skill: a key and its Vietnamese and English names. */
export function SkillForm({ action }: Props) {
  const t = useTranslations("families.criteria");
  const te = useTranslations("families.errors");
  const [state, formAction] = useActionState(action, { ok: false });
  const err = (f: "key" | "nameVi" | "nameEn") => {
    const key = state.fieldErrors?.[f];
    return key ? te(key as "unknown") : undefined;
  };
  const v = state.values ?? {};
  return (
    <form action={formAction} className="grid gap-3 md:grid-cols-3" noValidate>
      <div aria-live="polite" className="md:col-span-3">
        {state.fieldErrors || state.formError ? (
          <FormMessage tone="error">{te(state.formError ? (state.formError as "unknown") : "formHasErrors")}</FormMessage>
        ) : null}
      </div>
      <Field name="key" id="skill-key" label={t("skillKey")} hint={t("skillKeyHint")} defaultValue={v.key} error={err("key")} />
      <Field name="nameVi" id="skill-name-vi" label={t("skillNameVi")} defaultValue={v.nameVi} error={err("nameVi")} />
      <Field name="nameEn" id="skill-name-en" label={t("skillNameEn")} defaultValue={v.nameEn} error={err("nameEn")} />
      <div className="md:col-span-3">
        <SubmitButton label={t("addSkill")} pendingLabel={t("saving")} />
      </div>
    </form>
  );
}
