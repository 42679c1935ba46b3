"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/config";
import { rememberLocale } from "@/lib/i18n/locale";

export async function setLocaleAction(formData: FormData) {
  await rememberLocale(formData.get("locale"));
  revalidatePath("/", "layout");
  const back = formData.get("back");
  // Only a path on this site: never an absolute URL (an open redirect).
  redirect(typeof back === "string" && back.startsWith("/") && !back.startsWith("//") ? back : "/");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
