"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { ConsentTick } from "@/components/consent/consent-tick";
import { ReloadLink } from "@/components/households/reload-link";
import type { MemberFormState } from "@/lib/households/form-state";
import { GENDERS, type MemberField } from "@/lib/households/schemas";

type Initial = {
  fullName?: string;
  birthYear?: number;
  gender?: string;
  phone?: string | null;
  isHead?: boolean;
  version?: number;
  skillKeys?: string[];
};

/** Adding or editing a member, with the skills they have (the family's status is recomputed on save). */
export function MemberForm({
  mode,
  action,
  householdId,
  memberId,
  skills,
  initial = {},
  cancelHref,
  idempotencyKey,
}: {
  mode: "add" | "edit";
  /** For adding: made when the form is shown, so a double submit or a retry adds the person once. */
  idempotencyKey?: string;
  action: (state: MemberFormState, formData: FormData) => Promise<MemberFormState>;
  householdId: number;
  memberId?: number;
  skills: { key: string; nameVi: string; nameEn: string }[];
  initial?: Initial;
  cancelHref: string;
}) {
  const t = useTranslations("memberForm");
  const tg = useTranslations("householdForm");
  const te = useTranslations("householdErrors");
  const tp = useTranslations("privacy.consentForm");
  const locale = useLocale();
  const [state, formAction] = useActionState<MemberFormState, FormData>(action, { ok: false });
  const err = (f: MemberField | "skills") => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as "required") : undefined);
  const v = state.values ?? {
    fullName: initial.fullName ?? "",
    birthYear: initial.birthYear ? String(initial.birthYear) : "",
    gender: initial.gender ?? "",
    phone: initial.phone ?? "",
    isHead: initial.isHead ? "on" : "",
    version: initial.version ? String(initial.version) : "",
    skills: (initial.skillKeys ?? []).join(","),
  };
  const ticked = new Set((v.skills ?? "").split(",").filter(Boolean));
  // Remount the uncontrolled inputs when the echoed values change (React 19 resets a form after its action).
  const formKey = JSON.stringify(v);
  return (
    <form key={formKey} action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <div aria-live="polite">
        {state.formError === "staleMember" ? (
          <FormMessage tone="error">
            <p>{te("staleMember")}</p>
            <ReloadLink label={tg("reload")} />
          </FormMessage>
        ) : state.fieldErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
      </div>
      <input type="hidden" name="householdId" value={householdId} />
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      {memberId ? <input type="hidden" name="memberId" value={memberId} /> : null}
      {mode === "edit" ? <input type="hidden" name="version" value={v.version ?? ""} /> : null}
      <input type="hidden" name="skillsOnForm" value="yes" />
      <Field
        name="fullName"
        label={t("fullName")}
        autoComplete="off"
        required
        defaultValue={v.fullName}
        error={err("fullName")}
      />
      <Field
        name="birthYear"
        inputMode="numeric"
        label={t("birthYear")}
        required
        defaultValue={v.birthYear}
        error={err("birthYear")}
      />
      <Field name="gender" label={t("gender")} error={err("gender")}>
        <select
          id="field-gender"
          name="gender"
          defaultValue={v.gender ?? ""}
          aria-invalid={err("gender") ? true : undefined}
          aria-describedby={err("gender") ? "field-gender-error" : undefined}
          className={`min-h-11 rounded-lg border bg-white px-3 py-2 text-base ${err("gender") ? "border-red-600" : "border-slate-400"}`}
        >
          <option value="">—</option>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {tg(`gender.${g}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        name="phone"
        type="tel"
        inputMode="tel"
        label={t("phone")}
        hint={tg("phoneHint")}
        autoComplete="off"
        defaultValue={v.phone}
        error={err("phone")}
      />
      <div className="flex flex-col gap-1">
        <label className="flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            name="isHead"
            defaultChecked={v.isHead === "on"}
            aria-describedby={["isHead-hint", err("isHead") ? "isHead-error" : ""].filter(Boolean).join(" ")}
            className="size-5"
          />
          <span className="font-medium">{t("isHead")}</span>
        </label>
        <p id="isHead-hint" className="text-sm text-slate-600">
          {t("isHeadHint")}
        </p>
        {err("isHead") ? (
          <p id="isHead-error" className="text-sm font-medium text-red-700">
            {err("isHead")}
          </p>
        ) : null}
      </div>
      <fieldset className="flex flex-col gap-1" aria-describedby="skills-hint">
        <legend className="font-medium">{t("skills")}</legend>
        <p id="skills-hint" className="text-sm text-slate-600">
          {t("skillsHint")}
        </p>
        {skills.map((s) => (
          <label key={s.key} className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="skills" value={s.key} defaultChecked={ticked.has(s.key)} className="size-5" />
            <span>{locale === "vi" ? s.nameVi : s.nameEn}</span>
          </label>
        ))}
        {err("skills") ? <p className="text-sm font-medium text-red-700">{err("skills")}</p> : null}
      </fieldset>
      {mode === "add" ? (
        <ConsentTick
          kind="member"
          label={tp("agreedMember")}
          defaultChecked={v.consent === "yes"}
          error={err("consent") ?? err("consentTextKey")}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton label={mode === "add" ? t("submitAdd") : t("submitSave")} pendingLabel={t("submitting")} />
        <Link href={cancelHref} className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline">
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}

/** Removing a member, behind a disclosure that states what will happen (works without JavaScript). */
export function RemoveMemberForm({
  action,
  householdId,
  memberId,
  version,
  name,
}: {
  action: (state: MemberFormState, formData: FormData) => Promise<MemberFormState>;
  householdId: number;
  memberId: number;
  version: number;
  name: string;
}) {
  const t = useTranslations("memberForm");
  const te = useTranslations("householdErrors");
  const [state, formAction] = useActionState<MemberFormState, FormData>(action, { ok: false });
  return (
    <details className="mt-8 max-w-xl rounded-lg border border-red-200 bg-white p-4">
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-red-800">{t("removeTitle")}</summary>
      <form action={formAction} className="mt-3 flex flex-col gap-3">
        <div aria-live="polite">
          {state.formError ? <FormMessage tone="error">{te(state.formError as "stale")}</FormMessage> : null}
        </div>
        <p>{t("removeConfirm", { name })}</p>
        <input type="hidden" name="householdId" value={householdId} />
        <input type="hidden" name="memberId" value={memberId} />
        <input type="hidden" name="version" value={version} />
        <SubmitButton label={t("remove")} pendingLabel={t("removing")} />
      </form>
    </details>
  );
}
