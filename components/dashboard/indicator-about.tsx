import { getTranslations } from "next-intl/server";
import { INDICATORS, indicatorText, type IndicatorKey } from "@/lib/indicators/registry";

/**
 * What a figure means, beside it: definition, numerator, denominator, period, source and target,
 * from the registry. A native <details> disclosure: keyboard and screen-reader friendly, no script.
 */
export async function IndicatorAbout({ indicator }: { indicator: IndicatorKey }) {
  const [t, ti] = await Promise.all([getTranslations("dashboard"), getTranslations("indicators")]);
  const def = INDICATORS[indicator];
  const k = indicatorText(indicator);
  const label = ti(k.label);
  return (
    <details className="mt-2 text-sm text-slate-700 print:hidden">
      <summary className="cursor-pointer font-medium text-brand-700">
        {t("about")}
        <span className="sr-only">: {label}</span>
      </summary>
      <p className="mt-2">{ti(k.definition)}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 gap-y-1">
        <dt className="font-medium">{t("numeratorLabel")}</dt>
        <dd>{ti(k.numerator)}</dd>
        {def.kind === "rate" ? (
          <>
            <dt className="font-medium">{t("denominatorLabel")}</dt>
            <dd>{ti(k.denominator)}</dd>
          </>
        ) : null}
        <dt className="font-medium">{t("periodLabel")}</dt>
        <dd>{t(`periods.${def.period}`)}</dd>
        <dt className="font-medium">{t("sourceLabel")}</dt>
        <dd>{t(`sources.${def.source}`)}</dd>
        {def.target ? (
          <>
            <dt className="font-medium">{t("targetLabel")}</dt>
            <dd>{t("targetBranches")}</dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}
