import { useLocale, useTranslations } from "next-intl";
import { CONSENT_KINDS, consentTextVi } from "@/lib/consent/texts";

/**
 * A form's consent box for a person added to the registry: the sentence exactly as it is stored
 * (Vietnamese, with its version), read to the person, and the required "the person agreed" tick.
 * An English interface also shows a translation, but the sentence read and stored stays Vietnamese.
 */
export function ConsentTick({
  who,
  defaultChecked,
  error,
}: {
  who: "member" | "head";
  defaultChecked?: boolean;
  /** The translated error, shown beside the box. */
  error?: string;
}) {
  const t = useTranslations("privacy");
  const locale = useLocale();
  const kind = CONSENT_KINDS.member;
  return (
    <fieldset
      className={`flex flex-col gap-2 rounded-lg border p-4 ${error ? "border-red-600" : "border-slate-300"}`}
      aria-describedby="consent-text"
    >
      <legend className="px-1 font-medium">{t("consentForm.title")}</legend>
      <p className="text-sm text-slate-600">{t("consentForm.read")}</p>
      <blockquote id="consent-text" lang="vi" className="border-l-4 border-brand-700 pl-3 text-slate-900">
        {consentTextVi("member")}
      </blockquote>
      {locale !== "vi" ? (
        <p className="text-sm text-slate-600">{t("consentForm.translation", { text: t("consentText.member") })}</p>
      ) : null}
      <p className="text-xs text-slate-500">{t("consentForm.version", { key: kind.key })}</p>
      <input type="hidden" name="consentTextKey" value={kind.key} />
      <label className="flex min-h-11 items-center gap-2">
        <input
          type="checkbox"
          name="consent"
          value="yes"
          required
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "consent-error" : undefined}
          className="size-5"
        />
        <span className="font-medium">{who === "head" ? t("consentForm.agreedHead") : t("consentForm.agreedMember")}</span>
      </label>
      {error ? (
        <p id="consent-error" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
