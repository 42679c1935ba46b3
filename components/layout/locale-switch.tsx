import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { setLocaleAction } from "@/app/shell-actions";

/** A plain form (works without JavaScript): switches the language and comes back to this page. */
export async function LocaleSwitch() {
  const [locale, t, h] = await Promise.all([getLocale(), getTranslations("locale"), headers()]);
  const other = locale === "vi" ? "en" : "vi";
  const back = h.get("x-pathname") ?? "/";
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="back" value={back} />
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
