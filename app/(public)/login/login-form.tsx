"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { LoginField } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/validation/form-state";
import { signInAction } from "./actions";

const FORM_MESSAGES = ["locked", "invalid", "invalidWithCode", "unlockSent"] as const;
const formMessage = (key: string) => FORM_MESSAGES.find((k) => k === key) ?? "invalid";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const tv = useTranslations("validation");
  const [state, action] = useActionState<FormState<LoginField>, FormData>(signInAction, { ok: false });
  const err = (f: LoginField) => (state.fieldErrors?.[f] ? tv(state.fieldErrors[f] as "required") : undefined);
  // The unlock code's field shows once a code was asked for, and while one is being used.
  const askCode = state.formError === "unlockSent" || state.formError === "invalidWithCode" || Boolean(state.fieldErrors?.code);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite">
        {state.formError ? (
          <FormMessage tone={state.formError === "unlockSent" ? "success" : "error"}>
            {t(formMessage(state.formError))}
          </FormMessage>
        ) : null}
      </div>
      <input type="hidden" name="next" value={next} />
      <Field
        name="login"
        label={t("login")}
        autoComplete="username"
        required
        defaultValue={state.values?.login}
        error={err("login")}
      />
      <Field
        name="password"
        type="password"
        label={t("password")}
        autoComplete="current-password"
        required
        error={err("password")}
      />
      {askCode ? (
        <Field
          name="code"
          label={t("code")}
          hint={t("codeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          defaultValue={state.values?.code}
          error={err("code")}
        />
      ) : null}
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
      {state.formError === "locked" ? (
        // Sends only the login (the password is not needed to ask for a code).
        <button
          type="submit"
          name="intent"
          value="unlock"
          formNoValidate
          className="min-h-11 rounded-lg border border-brand-700 px-4 py-2 font-medium text-brand-700"
        >
          {t("sendUnlock")}
        </button>
      ) : null}
      <p className="text-sm">
        {t("noAccount")}{" "}
        <Link href="/register" className="font-medium text-brand-700 underline">
          {t("register")}
        </Link>
      </p>
      <p className="text-sm">
        {t("activatePrompt")}{" "}
        <Link href="/activate" className="font-medium text-brand-700 underline">
          {t("activateLink")}
        </Link>
      </p>
    </form>
  );
}
