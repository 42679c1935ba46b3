"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/config";
import { rememberLocale, sameOriginPath } from "@/lib/i18n/locale";

export async function setLocaleAction(formData: FormData) {
  await rememberLocale(formData.get("locale"));
  revalidatePath("/", "layout");
  // Only a path on this site: never an absolute URL (an open redirect).
  redirect(sameOriginPath(formData.get("back")));
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
