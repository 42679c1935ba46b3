"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { PasswordProblem } from "@/lib/auth/password";
import type { RegisterField } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/validation/form-state";
import { registerResidentAction } from "./actions";

const PASSWORD_MESSAGES: Record<PasswordProblem, true> = {
  passwordShort: true,
  passwordLong: true,
  passwordDigits: true,
  passwordCommon: true,
  passwordLikeLogin: true,
};

export function RegisterForm({ communes }: { communes: { id: number; name: string }[] }) {
  const t = useTranslations("register");
  const tv = useTranslations("validation");
  const tn = useTranslations("nav");
  const tp = useTranslations("privacy");
  const tpp = useTranslations("passwordPolicy");
  const [state, action] = useActionState<FormState<RegisterField>, FormData>(registerResidentAction, { ok: false });
  const err = (f: RegisterField) => {
    const key = state.fieldErrors?.[f];
    if (!key) return undefined;
    // The password policy's messages live with the policy (lib/auth/password.ts).
    return f === "password" && key in PASSWORD_MESSAGES ? tpp(key as PasswordProblem) : tv(key as "required");
  };
  const v = state.values ?? {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite">
        {state.fieldErrors ? <FormMessage tone="error">{tv("formHasErrors")}</FormMessage> : null}
        {state.formError ? <FormMessage tone="error">{tv(state.formError as "rateLimited")}</FormMessage> : null}
      </div>
      <Field name="name" label={t("name")} autoComplete="name" required defaultValue={v.name} error={err("name")} />
      <Field
        name="phone"
        type="tel"
        inputMode="tel"
        label={t("phone")}
        hint={t("phoneHint")}
        autoComplete="tel"
        required
        defaultValue={v.phone}
        error={err("phone")}
      />
      <Field name="communeId" label={t("commune")} error={err("communeId")}>
        <select
          id="field-communeId"
          name="communeId"
          defaultValue={v.communeId ?? String(communes[0]?.id ?? "")}
          aria-invalid={err("communeId") ? true : undefined}
          className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base"
        >
          {communes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        name="password"
        type="password"
        label={t("password")}
        hint={tpp("hint")}
        autoComplete="new-password"
        required
        error={err("password")}
      />
      <Field name="confirm" type="password" label={t("confirm")} autoComplete="new-password" required error={err("confirm")} />
      <div className="flex flex-col gap-1">
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            name="consent"
            value="yes"
            defaultChecked={v.consent === "yes"}
            aria-invalid={err("consent") ? true : undefined}
            aria-describedby={err("consent") ? "consent-error" : undefined}
            className="mt-1 size-5"
          />
          <span>{tp("consentText.register")}</span>
        </label>
        <Link
          href="/privacy"
          target="_blank"
          className="ml-7 inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
        >
          {tp("readPolicy")}
        </Link>
        {err("consent") ? (
          <p id="consent-error" className="text-sm font-medium text-red-700">
            {err("consent")}
          </p>
        ) : null}
      </div>
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
      <p className="text-sm">
        {t("haveAccount")}{" "}
        <Link href="/login" className="font-medium text-brand-700 underline">
          {tn("signIn")}
        </Link>
      </p>
    </form>
  );
}
