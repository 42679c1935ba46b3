"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { auth, signOut } from "@/lib/auth/config";
import { endSession } from "@/lib/auth/ended-session";
import { rememberLocale } from "@/lib/i18n/locale";
import { sameOriginPath } from "@/lib/security/redirect";

export async function setLocaleAction(formData: FormData) {
  await rememberLocale(formData.get("locale"));
  revalidatePath("/", "layout");
  // Only a path on this site: never an absolute URL (an open redirect).
  redirect(sameOriginPath(formData.get("back")));
}

export async function signOutAction() {
  // Ended on the server first: clearing the cookie alone leaves any copy of it valid.
  await endSession((await auth()) as { sid?: unknown } | null);
  await signOut({ redirectTo: "/login" });
}
