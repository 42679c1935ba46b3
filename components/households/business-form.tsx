"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { ReloadLink } from "@/components/households/reload-link";
import type { BusinessFormState } from "@/lib/households/form-state";
import type { BusinessField } from "@/lib/households/schemas";

type Skill = { key: string; nameVi: string; nameEn: string; held: boolean; fromVisitOn: Date | null };

/**
 * Registering a household's business (mode "create") or editing it: name, trade, and its digital
 * adoption as the commune's business skills. A skill a visit recorded stays ticked (and cannot be
 * unticked here): correcting that visit takes it back.
 */
export function BusinessForm({
  mode,
  action,
  householdId,
  initial,
  skills,
  sectors,
  cancelHref,
}: {
  mode: "create" | "edit";
  action: (state: BusinessFormState, formData: FormData) => Promise<BusinessFormState>;
  householdId: number;
  initial?: { name: string; sector: string; version: number };
  skills: Skill[];
  sectors: string[];
  cancelHref: string;
}) {
  const t = useTranslations("businessForm");
  const te = useTranslations("householdErrors");
  const tg = useTranslations("householdForm");
  const locale = useLocale();
  const format = useFormatter();
  const [state, formAction] = useActionState<BusinessFormState, FormData>(action, { ok: false });
  const err = (f: BusinessField) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as "required") : undefined);
  const v = state.values ?? {
    name: initial?.name ?? "",
    sector: initial?.sector ?? "",
    version: initial ? String(initial.version) : "",
    skills: skills
      .filter((s) => s.held && !s.fromVisitOn)
      .map((s) => s.key)
      .join(","),
  };
  const ticked = new Set((v.skills ?? "").split(",").filter(Boolean));
  // Remount the uncontrolled inputs when the echoed values change (React 19 resets a form after its action).
  const formKey = JSON.stringify(v);
  return (
    <form key={formKey} action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <div aria-live="polite">
        {state.formError === "staleBusiness" || state.formError === "businessExists" ? (
          <FormMessage tone="error">
            <p>{te(state.formError)}</p>
            <ReloadLink label={tg("reload")} />
          </FormMessage>
        ) : state.fieldErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
      </div>
      <input type="hidden" name="householdId" value={householdId} />
      {mode === "edit" ? <input type="hidden" name="version" value={v.version ?? ""} /> : null}
      <Field
        name="name"
        label={t("name")}
        hint={t("nameHint")}
        autoComplete="off"
        required
        defaultValue={v.name}
        error={err("name")}
      />
      <Field
        name="sector"
        label={t("sector")}
        hint={t("sectorHint")}
        autoComplete="off"
        list="business-sectors"
        required
        defaultValue={v.sector}
        error={err("sector")}
      />
      <datalist id="business-sectors">
        {sectors.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <fieldset className="flex flex-col gap-1" aria-describedby="skills-hint">
        <legend className="font-medium">{t("skills")}</legend>
        <p id="skills-hint" className="text-sm text-slate-600">
          {t("skillsHint")}
        </p>
        {skills.map((s) => (
          <div key={s.key} className="flex flex-col">
            <label className="flex min-h-11 items-center gap-2">
              {s.fromVisitOn ? (
                <input
                  type="checkbox"
                  checked
                  disabled
                  readOnly
                  aria-describedby={`skill-${s.key}-visit`}
                  className="size-5 shrink-0"
                />
              ) : (
                <input
                  type="checkbox"
                  name="skills"
                  value={s.key}
                  defaultChecked={ticked.has(s.key)}
                  className="size-5 shrink-0"
                />
              )}
              <span>{locale === "vi" ? s.nameVi : s.nameEn}</span>
            </label>
            {s.fromVisitOn ? (
              <p id={`skill-${s.key}-visit`} className="pl-7 text-sm text-slate-600">
                {t("fromVisit", { date: format.dateTime(new Date(s.fromVisitOn), "day") })}
              </p>
            ) : null}
          </div>
        ))}
        {err("skills") ? <p className="text-sm font-medium text-red-700">{err("skills")}</p> : null}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton label={mode === "create" ? t("submitCreate") : t("submitSave")} pendingLabel={t("submitting")} />
        <Link href={cancelHref} className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline">
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
