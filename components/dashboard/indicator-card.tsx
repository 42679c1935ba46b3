import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { figureText } from "@/lib/indicators/figure-text";
import { IndicatorAbout } from "@/components/dashboard/indicator-about";
import type { Figure } from "@/lib/indicators/queries";
import { INDICATORS, indicatorText } from "@/lib/indicators/registry";

/** One headline figure: value, detail, change against the previous period, definition and the records behind it. */
export async function IndicatorCard({ figure, extra }: { figure: Figure; extra?: string }) {
  const [t, ti, format] = await Promise.all([getTranslations("dashboard"), getTranslations("indicators"), getFormatter()]);
  const text = figureText(format, t);
  const label = ti(indicatorText(figure.key).label);
  const href = INDICATORS[figure.key].drill(figure.window);
  const detail = [text.detail(figure), extra].filter(Boolean).join(" · ");
  const direction = figure.change === null || Math.abs(figure.change) < 1e-9 ? "none" : figure.change > 0 ? "up" : "down";
  return (
    <section
      aria-labelledby={`ind-${figure.key}`}
      data-indicator={figure.key}
      className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h3 id={`ind-${figure.key}`} className="text-sm font-medium text-slate-700">
        {label}
      </h3>
      <p className="mt-1 text-3xl font-semibold text-slate-900 tabular-nums" data-testid="value">
        {text.value(figure)}
      </p>
      {detail ? <p className="mt-1 text-sm text-slate-600">{detail}</p> : null}
      <p className="mt-1 text-sm text-slate-700" data-testid="change">
        <span aria-hidden>{direction === "up" ? "▲ " : direction === "down" ? "▼ " : "• "}</span>
        {text.change(figure)}
      </p>
      <IndicatorAbout indicator={figure.key} />
      {href ? (
        <Link href={href} className="mt-2 text-sm font-medium text-brand-700 underline underline-offset-2 print:hidden">
          {t("viewRecords")}
          <span className="sr-only">: {label}</span>
        </Link>
      ) : null}
    </section>
  );
}
