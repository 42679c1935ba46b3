import { setRequestLocale } from "next-intl/server";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { NotFound } from "@/lib/validation/refusal";

/**
 * The language of a cached public page, from its route (app/cached/[locale]), set for every
 * translation in this render so that no cookie is read. Call it first in each layout, page and
 * generateMetadata there.
 */
export async function routedLocale(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) throw new NotFound();
  setRequestLocale(locale);
  return locale;
}
