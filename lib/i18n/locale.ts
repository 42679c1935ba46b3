import { cookies } from "next/headers";
import { LOCALE_COOKIE, isLocale } from "@/lib/i18n/config";

export async function rememberLocale(locale: unknown): Promise<boolean> {
  if (!isLocale(locale)) return false;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  return true;
}

const SELF = "http://portal.invalid";

/**
 * Where the language switch goes back to: a path on this site, or "/". Browsers read "\" as "/",
 * so "/\evil.example" is "//evil.example", another site (an open redirect); tabs and line breaks
 * are dropped by URL parsers. Only a path that resolves to this origin and that a browser reads the
 * same way is kept.
 */
export function sameOriginPath(back: unknown): string {
  if (typeof back !== "string" || !back.startsWith("/") || back.startsWith("//")) return "/";
  if (/[\\\u0000-\u001f\u007f]/.test(back)) return "/";
  try {
    const url = new URL(back, SELF);
    return url.origin === SELF ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
