import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DATE_FORMATS } from "@/lib/format/date-formats";
import { loadMessages } from "@/lib/i18n/messages";
import { DEFAULT_LOCALE, LOCALE_COOKIE, TIME_ZONE, isLocale } from "@/lib/i18n/config";

// No locale in the URL the visitor sees: Vietnamese by default, English when the visitor chose it
// (a cookie). The cached public pages (app/cached/[locale]) are rendered once per language: there
// the locale comes from the route, set with setRequestLocale, and no cookie is read.
export default getRequestConfig(async ({ requestLocale }) => {
  const routed = await requestLocale;
  const chosen = isLocale(routed) ? routed : (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: TIME_ZONE,
    messages: await loadMessages(locale),
    formats: { dateTime: DATE_FORMATS },
  };
});
