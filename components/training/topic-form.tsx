"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormState } from "@/lib/validation/form-state";

type F = "nameVi" | "nameEn" | "skillId";

export function TopicForm({
  action,
  skills,
}: {
  action: (prev: FormState<F>, fd: FormData) => Promise<FormState<F>>;
  skills: { id: number; name: string }[];
}) {
  const t = useTranslations("trainingTopics");
  const te = useTranslations("trainingErrors");
  const [state, formAction] = useActionState<FormState<F>, FormData>(action, { ok: false });
  const err = (f: F) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as "required") : undefined);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-3" noValidate>
      <div aria-live="polite">
        {state.ok ? <FormMessage tone="success">{t("added")}</FormMessage> : null}
        {state.formError ? (
          <FormMessage tone="error">{te(state.formError as "formHasErrors")}</FormMessage>
        ) : state.fieldErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
      </div>
      <Field name="nameVi" label={t("nameVi")} required defaultValue={state.values?.nameVi} error={err("nameVi")} />
      <Field name="nameEn" label={t("nameEn")} required defaultValue={state.values?.nameEn} error={err("nameEn")} />
      <Field name="skillId" label={t("skill")} error={err("skillId")}>
        <select
          id="field-skillId"
          name="skillId"
          defaultValue={state.values?.skillId ?? ""}
          className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base"
        >
          <option value="">{t("noSkill")}</option>
          {skills.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <SubmitButton label={t("add")} pendingLabel={t("adding")} />
    </form>
  );
}
