import { useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { CONSENT_KINDS, consentTextVi, type ConsentKind } from "@/lib/consent/texts";

/**
 * A form's consent box for a person whose data an official records (a household member, a walk-in
 * at a class): the sentence exactly as it is stored (Vietnamese, with its version), read to the
 * person, and the required "the person agreed" tick. An English interface also shows a translation,
 * but the sentence read and stored stays Vietnamese. The form posts `consent=yes` and
 * `consentTextKey`, which the server action checks against the kind it expects.
 */
export function ConsentTick({
  kind,
  label,
  title,
  read,
  defaultChecked,
  error,
}: {
  /** Which sentence is read and stored, and so its version. */
  kind: ConsentKind;
  /** The tick's label: who heard the sentence and agreed. */
  label: string;
  /** The box's title and the instruction above the sentence; the privacy wording when not given. */
  title?: string;
  read?: string;
  defaultChecked?: boolean;
  /** The translated error, shown beside the box. */
  error?: string;
}) {
  const t = useTranslations("privacy.consentForm");
  const tText = useTranslations("privacy.consentText");
  const tClass = useTranslations("schedule.class");
  const locale = useLocale();
  const id = useId();
  const textId = `${id}-text`;
  const errorId = `${id}-error`;
  // The same sentences as consentTextVi, in the interface's language.
  const translation = kind === "signup" ? tClass("consent") : tText(kind);
  return (
    <fieldset
      className={`flex flex-col gap-2 rounded-lg border p-4 ${error ? "border-red-600" : "border-slate-300"}`}
      aria-describedby={textId}
    >
      <legend className="px-1 font-medium">{title ?? t("title")}</legend>
      <p className="text-sm text-slate-600">{read ?? t("read")}</p>
      <blockquote id={textId} lang="vi" className="border-l-4 border-brand-700 pl-3 text-slate-900">
        {consentTextVi(kind)}
      </blockquote>
      {locale !== "vi" ? <p className="text-sm text-slate-600">{t("translation", { text: translation })}</p> : null}
      <p className="text-xs text-slate-500">{t("version", { key: CONSENT_KINDS[kind].key })}</p>
      <input type="hidden" name="consentTextKey" value={CONSENT_KINDS[kind].key} />
      <label className="flex min-h-11 items-center gap-2">
        <input
          type="checkbox"
          name="consent"
          value="yes"
          required
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="size-5"
        />
        <span className="font-medium">{label}</span>
      </label>
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
