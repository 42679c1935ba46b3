"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { requestSignInUnlock, signInAccount } from "@/lib/auth/credentials";
import { signInLockedUntil } from "@/lib/auth/lockout";
import { clientIp } from "@/lib/security/rate-limit";
import { sameOriginPath } from "@/lib/security/redirect";
import { signIn } from "@/lib/auth/config";
import { LoginSchema, type LoginField } from "@/lib/auth/schemas";
import { echoValues, fieldErrorsOf, type FormState } from "@/lib/validation/form-state";

export async function signInAction(_prev: FormState<LoginField>, formData: FormData): Promise<FormState<LoginField>> {
  const values = echoValues(formData, ["login", "code"] as const);
  if (formData.get("intent") === "unlock") {
    const login = LoginSchema.shape.login.safeParse(formData.get("login"));
    if (!login.success) return { ok: false, fieldErrors: { login: "required" }, values };
    await requestSignInUnlock(login.data, clientIp(await headers()));
    return { ok: false, formError: "unlockSent", values };
  }
  const parsed = LoginSchema.safeParse({
    login: formData.get("login"),
    password: formData.get("password"),
    code: formData.get("code") ?? undefined,
  });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  const redirectTo = sameOriginPath(formData.get("next"), "/home");
  try {
    // On success this throws Next's redirect, which must propagate.
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (err) {
    if (err instanceof AuthError) {
      const lockedUntil = await signInLockedUntil(await signInAccount(parsed.data.login), clientIp(await headers()));
      const formError = parsed.data.code ? "invalidWithCode" : lockedUntil ? "locked" : "invalid";
      return { ok: false, formError, values };
    }
    throw err;
  }
  return { ok: true };
}
