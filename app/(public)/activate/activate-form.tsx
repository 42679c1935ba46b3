"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { PasswordProblem } from "@/lib/auth/password";
import type { ActivationField } from "@/lib/users/activation";
import type { FormState } from "@/lib/validation/form-state";
import { activateAccountAction, sendActivationCodeAction } from "./actions";

const PASSWORD_MESSAGES: Record<PasswordProblem, true> = {
  passwordShort: true,
  passwordLong: true,
  passwordDigits: true,
  passwordCommon: true,
  passwordLikeLogin: true,
};

/** The two steps; "use another number" starts them over. */
export function ActivateForm() {
  const [round, setRound] = useState(0);
  return <ActivateSteps key={round} restart={() => setRound((r) => r + 1)} />;
}

function ActivateSteps({ restart }: { restart: () => void }) {
  const t = useTranslations("activate");
  const tv = useTranslations("validation");
  const tpp = useTranslations("passwordPolicy");
  const tn = useTranslations("nav");
  const [sent, sendAction] = useActionState<FormState<ActivationField>, FormData>(sendActivationCodeAction, { ok: false });
  const [state, activateAction] = useActionState<FormState<ActivationField>, FormData>(activateAccountAction, { ok: false });
  const err = (s: FormState<ActivationField>, f: ActivationField) => {
    const key = s.fieldErrors?.[f];
    if (!key) return undefined;
    if (f === "password" && key in PASSWORD_MESSAGES) return tpp(key as PasswordProblem);
    if (key === "activationCodeInvalid") return t("codeInvalid");
    return tv(key as "required");
  };
  // Step 2 once a code was asked for (the answer is the same whether one was sent), and while the
  // code and password are being corrected.
  const phone = state.values?.phone ?? (sent.ok ? sent.values?.phone : undefined);

  if (!phone) {
    return (
      <form action={sendAction} className="flex flex-col gap-4" noValidate>
        <div aria-live="polite">
          {sent.fieldErrors ? <FormMessage tone="error">{tv("formHasErrors")}</FormMessage> : null}
          {sent.formError ? <FormMessage tone="error">{tv(sent.formError as "rateLimited")}</FormMessage> : null}
        </div>
        <Field
          name="phone"
          type="tel"
          inputMode="tel"
          label={t("phone")}
          hint={t("phoneHint")}
          autoComplete="tel"
          required
          defaultValue={sent.values?.phone}
          error={err(sent, "phone")}
        />
        <SubmitButton label={t("send")} pendingLabel={t("sending")} />
        <p className="text-sm">
          {t("haveAccount")}{" "}
          <Link href="/login" className="font-medium text-brand-700 underline">
            {tn("signIn")}
          </Link>
        </p>
      </form>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite" className="flex flex-col gap-2">
        <FormMessage tone="success">{t("sent", { phone })}</FormMessage>
        {state.fieldErrors ? <FormMessage tone="error">{tv("formHasErrors")}</FormMessage> : null}
        {state.formError ? <FormMessage tone="error">{tv(state.formError as "rateLimited")}</FormMessage> : null}
        {sent.formError ? <FormMessage tone="error">{tv(sent.formError as "rateLimited")}</FormMessage> : null}
      </div>
      <form action={activateAction} className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="phone" value={phone} />
        {state.fieldErrors?.phone ? <FormMessage tone="error">{err(state, "phone")}</FormMessage> : null}
        <Field
          name="code"
          label={t("code")}
          hint={t("codeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          defaultValue={state.values?.code}
          error={err(state, "code")}
        />
        <Field
          name="password"
          type="password"
          label={t("password")}
          hint={tpp("hint")}
          autoComplete="new-password"
          required
          error={err(state, "password")}
        />
        <Field
          name="confirm"
          type="password"
          label={t("confirm")}
          autoComplete="new-password"
          required
          error={err(state, "confirm")}
        />
        <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
      </form>
      <form action={sendAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="phone" value={phone} />
        <button type="submit" className="min-h-11 rounded-lg border border-brand-700 px-4 py-2 font-medium text-brand-700">
          {t("resend")}
        </button>
        <button type="button" onClick={restart} className="min-h-11 text-sm font-medium text-brand-700 underline">
          {t("otherNumber")}
        </button>
      </form>
    </div>
  );
}
