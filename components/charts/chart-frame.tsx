"use client";

import type { ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/**
 * The largest size of a chart for paper: fits the width of an A4 page inside the report's margins
 * (Decree 30: 30 mm left, 15 mm right, so 165 mm, about 623 CSS pixels).
 */
export const PAPER_CHART = { width: 620, height: 240 } as const;

export const CHART_COLORS = ["#0b5cad", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0f766e", "#a16207", "#475569"];

/**
 * A chart with its title and a one-line description (announced to screen readers as the figure's
 * caption). It fills its container's width, on a phone too; a chart for paper (`paper`) stops at
 * PAPER_CHART's width, since the browser lays out the printed page without re-measuring charts:
 * measured on screen, it keeps that width on paper, where it then fits. Until the browser has
 * measured it the chart is drawn at a guessed width, which is clipped, not allowed to widen the page.
 */
export function ChartFrame({
  title,
  description,
  paper,
  height = 260,
  children,
}: {
  title: string;
  description: string;
  paper?: boolean;
  height?: number;
  children: ReactElement;
}) {
  const size = paper ? PAPER_CHART : { width: 600, height };
  return (
    <figure className="m-0 min-w-0 break-inside-avoid" aria-label={title}>
      <figcaption className="mb-2">
        <span className="block font-semibold text-slate-900">{title}</span>
        <span className="block text-sm text-slate-600">{description}</span>
      </figcaption>
      <div className="overflow-hidden" style={{ width: "100%", maxWidth: paper ? size.width : undefined, height: size.height }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={size}>
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function percentFormatter(locale: string) {
  const f = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return (v: unknown) => (typeof v === "number" ? f.format(v) : "");
}

export function numberFormatter(locale: string) {
  const f = new Intl.NumberFormat(locale);
  return (v: unknown) => (typeof v === "number" ? f.format(v) : "");
}
