"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { CampaignField } from "@/lib/campaigns/schemas";
import type { FormState } from "@/lib/validation/form-state";

type Option = { id: number; name: string };

export type CampaignFormInitial = {
  name: string;
  kind: "volunteer_saturday" | "other";
  startsOn: string;
  endsOn: string;
  description: string;
  villageIds: number[];
  branchIds: number[];
  targetSkillId: number | null;
  targetMinAge: number | null;
};

type ErrorKey = Parameters<ReturnType<typeof useTranslations<"campaignForm.errors">>>[0];

const inputClass = (error?: string) =>
  cn("min-h-11 rounded-lg border bg-white px-3 py-2 text-base text-slate-900", error ? "border-red-600" : "border-slate-400");

/** The campaign form, for creating and editing: the same fields and schema either way. */
export function CampaignForm({
  action,
  initial,
  villages,
  branches,
  skills,
  campaignId,
  version,
  idempotencyKey,
  cancelHref,
  ownBranchHint,
}: {
  action: (prev: FormState<CampaignField>, formData: FormData) => Promise<FormState<CampaignField>>;
  initial: CampaignFormInitial;
  villages: Option[];
  branches: Option[];
  skills: Option[];
  campaignId?: number;
  version?: number;
  /** For a new campaign: made when the form is shown, so a double submit creates one campaign. */
  idempotencyKey?: string;
  cancelHref: string;
  ownBranchHint: boolean;
}) {
  const t = useTranslations("campaignForm");
  const te = useTranslations("campaignForm.errors");
  const tk = useTranslations("campaigns.kind");
  const [state, formAction] = useActionState<FormState<CampaignField>, FormData>(action, { ok: false });
  const err = (f: CampaignField) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as ErrorKey) : undefined);
  const v = state.values;
  const value = (f: CampaignField, fallback: string) => v?.[f] ?? fallback;
  const chosen = (f: "villageIds" | "branchIds", fallback: number[]) =>
    new Set(v ? (v[f] ?? "").split(",").filter(Boolean).map(Number) : fallback);
  const villageSet = chosen("villageIds", initial.villageIds);
  const branchSet = chosen("branchIds", initial.branchIds);
  const hasErrors = Boolean(state.fieldErrors && Object.keys(state.fieldErrors).length);
  // The form is keyed by the echoed values so that React re-applies the defaults after an error.
  const formKey = JSON.stringify(v ?? {});

  const group = (name: "villageIds" | "branchIds", legend: string, options: Option[], set: Set<number>, hint?: string) => {
    const error = err(name);
    const errorId = `${name}-error`;
    const hintId = hint ? `${name}-hint` : undefined;
    return (
      <fieldset
        className="flex flex-col gap-1"
        aria-describedby={[hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined}
      >
        <legend className="font-medium text-slate-900">{legend}</legend>
        {hint ? (
          <p id={hintId} className="text-sm text-slate-600">
            {hint}
          </p>
        ) : null}
        <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {options.map((o) => (
            <label key={o.id} className="flex min-h-11 items-center gap-2 rounded-lg px-2 hover:bg-slate-50">
              <input
                type="checkbox"
                name={name}
                value={o.id}
                defaultChecked={set.has(o.id)}
                className="size-5"
                aria-invalid={error ? true : undefined}
              />
              <span>{o.name}</span>
            </label>
          ))}
        </div>
        {error ? (
          <p id={errorId} className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </fieldset>
    );
  };

  return (
    <form key={formKey} action={formAction} className="flex max-w-3xl flex-col gap-5" noValidate>
      <div aria-live="polite">
        {state.formError ? (
          <FormMessage tone="error">{te(state.formError as ErrorKey)}</FormMessage>
        ) : hasErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
      </div>
      {campaignId !== undefined ? <input type="hidden" name="campaignId" value={campaignId} /> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      <Field
        name="name"
        label={t("name")}
        required
        maxLength={200}
        defaultValue={value("name", initial.name)}
        error={err("name")}
      />
      <Field name="kind" label={t("kind")} error={err("kind")}>
        <select id="field-kind" name="kind" defaultValue={value("kind", initial.kind)} className={inputClass(err("kind"))}>
          <option value="volunteer_saturday">{tk("volunteer_saturday")}</option>
          <option value="other">{tk("other")}</option>
        </select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="startsOn"
          type="date"
          label={t("startsOn")}
          required
          defaultValue={value("startsOn", initial.startsOn)}
          error={err("startsOn")}
        />
        <Field
          name="endsOn"
          type="date"
          label={t("endsOn")}
          hint={t("endsOnHint")}
          required
          defaultValue={value("endsOn", initial.endsOn)}
          error={err("endsOn")}
        />
      </div>
      {group("villageIds", t("villages"), villages, villageSet)}
      {group(
        "branchIds",
        t("branches"),
        branches,
        branchSet,
        ownBranchHint ? `${t("branchesHint")} ${t("ownBranchHint")}` : t("branchesHint"),
      )}
      <fieldset className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold text-slate-900">{t("gapTitle")}</legend>
        <p className="text-sm text-slate-600">{t("gapIntro")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field name="targetSkillId" label={t("targetSkill")} error={err("targetSkillId")}>
            <select
              id="field-targetSkillId"
              name="targetSkillId"
              defaultValue={value("targetSkillId", initial.targetSkillId === null ? "" : String(initial.targetSkillId))}
              className={inputClass(err("targetSkillId"))}
              aria-invalid={err("targetSkillId") ? true : undefined}
            >
              <option value="">{t("noSkill")}</option>
              {skills.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="targetMinAge"
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            label={t("targetMinAge")}
            hint={t("targetMinAgeHint")}
            defaultValue={value("targetMinAge", initial.targetMinAge === null ? "" : String(initial.targetMinAge))}
            error={err("targetMinAge")}
          />
        </div>
      </fieldset>
      <Field name="description" label={t("description")} error={err("description")}>
        <textarea
          id="field-description"
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={value("description", initial.description)}
          className={inputClass(err("description"))}
        />
      </Field>
      <div className="flex flex-wrap gap-3">
        <SubmitButton label={campaignId === undefined ? t("submitCreate") : t("submitEdit")} pendingLabel={t("submitting")} />
        <ButtonLink href={cancelHref} variant="secondary">
          {t("cancel")}
        </ButtonLink>
      </div>
    </form>
  );
}
