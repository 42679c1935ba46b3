"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { LoginField } from "@/lib/auth/schemas";
import type { FormState } from "@/lib/validation/form-state";
import { signInAction } from "./actions";

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const tv = useTranslations("validation");
  const [state, action] = useActionState<FormState<LoginField>, FormData>(signInAction, { ok: false });
  const err = (f: LoginField) => (state.fieldErrors?.[f] ? tv(state.fieldErrors[f] as "required") : undefined);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <div aria-live="polite">
        {state.formError ? (
          <FormMessage tone="error">{t(state.formError === "locked" ? "locked" : "invalid")}</FormMessage>
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
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
      <p className="text-sm">
        {t("noAccount")}{" "}
        <Link href="/register" className="font-medium text-brand-700 underline">
          {t("register")}
        </Link>
      </p>
    </form>
  );
}
