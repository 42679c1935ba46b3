import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/app/shell-actions";

/**
 * A plain form (works without JavaScript): switches the language and comes back to this page (the
 * action reads which from the Referer, so the header needs no request data and can be cached).
 */
export async function LocaleSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("locale")]);
  const other = locale === "vi" ? "en" : "vi";
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={other} />
      <button
        type="submit"
        lang={other}
        className="min-h-11 rounded-lg px-3 text-sm font-medium text-brand-700 hover:bg-brand-50"
        aria-label={`${t("label")}: ${t(other)}`}
      >
        {t("switchTo")}
      </button>
    </form>
  );
}
