import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DATE_FORMATS } from "@/lib/format/date-formats";
import { loadMessages } from "@/lib/i18n/messages";
import { DEFAULT_LOCALE, LOCALE_COOKIE, TIME_ZONE, isLocale } from "@/lib/i18n/config";

// No locale in the URL: Vietnamese by default, English when the visitor chose it (a cookie).
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: TIME_ZONE,
    messages: await loadMessages(locale),
    formats: { dateTime: DATE_FORMATS },
  };
});
