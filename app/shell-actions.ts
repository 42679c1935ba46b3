"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth, signOut } from "@/lib/auth/config";
import { endSession } from "@/lib/auth/ended-session";
import { rememberLocale } from "@/lib/i18n/locale";
import { sameOriginPath } from "@/lib/security/redirect";

export async function setLocaleAction(formData: FormData) {
  await rememberLocale(formData.get("locale"));
  // Pages already in this browser's router are drawn again in the new language; the server's
  // cached pages are not touched (each language has its own).
  refresh();
  // Back to the page the form was on (the Referer; its path only, never another site).
  redirect(sameOriginPath(refererPath((await headers()).get("referer"))));
}

export async function signOutAction() {
  // Ended on the server first: clearing the cookie alone leaves any copy of it valid.
  await endSession((await auth()) as { sid?: unknown } | null);
  await signOut({ redirectTo: "/login" });
}

function refererPath(referer: string | null): string | undefined {
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}
