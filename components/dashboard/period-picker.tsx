import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { isoOf, PERIOD_PRESETS, periodSearch, presetRange, type Period, type PeriodResult } from "@/lib/indicators/period";

/**
 * The period: quick choices as links and a from/to form. Both only change the URL's search
 * params (a GET form: works without JavaScript, and the address can be shared or bookmarked).
 */
export async function PeriodPicker({
  path,
  period,
  error,
  today,
}: {
  path: string;
  period: Period;
  error: PeriodResult["error"];
  today: Date;
}) {
  const t = await getTranslations("dashboard.period");
  return (
    <div className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm print:hidden">
      <nav aria-label={t("presets")} className="mb-3 flex flex-wrap gap-2">
        {PERIOD_PRESETS.map((p) => {
          const current = period.preset === p;
          return (
            <Link
              key={p}
              href={`${path}?${periodSearch(presetRange(p, today))}`}
              aria-current={current ? "page" : undefined}
              className={cn(buttonClass(current ? "primary" : "secondary"), "min-h-11 text-sm")}
            >
              {t(p)}
            </Link>
          );
        })}
      </nav>
      <form method="get" action={path} className="flex flex-wrap items-end gap-3">
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="sr-only">{t("legend")}</legend>
          <label className="flex flex-col text-sm font-medium text-slate-800">
            {t("from")}
            <input
              type="date"
              name="from"
              required
              defaultValue={isoOf(period.from)}
              className="mt-1 min-h-11 rounded-lg border border-slate-400 px-3"
            />
          </label>
          <label className="flex flex-col text-sm font-medium text-slate-800">
            {t("to")}
            <input
              type="date"
              name="to"
              required
              defaultValue={isoOf(period.to)}
              className="mt-1 min-h-11 rounded-lg border border-slate-400 px-3"
            />
          </label>
        </fieldset>
        <button type="submit" className={buttonClass("primary")}>
          {t("apply")}
        </button>
      </form>
      {error ? (
        <p role="alert" className="mt-3 text-sm font-medium text-red-800">
          {t(`errors.${error}`)}
        </p>
      ) : null}
    </div>
  );
}
