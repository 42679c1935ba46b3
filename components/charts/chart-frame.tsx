"use client";

import type { ReactElement } from "react";
import { ResponsiveContainer } from "recharts";

/** Paper size for the printed report: fits an A4 page's width inside 12 mm margins. */
export const PAPER_CHART = { width: 680, height: 240 } as const;

export const CHART_COLORS = ["#0b5cad", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0f766e", "#a16207", "#475569"];

/**
 * A chart with its title and a one-line description (announced to screen readers as the figure's
 * caption). On screen it fills its card's width; for paper (`paper`) it has a fixed size, since
 * the browser lays out the printed page without re-measuring responsive charts.
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
  return (
    <figure className="m-0 break-inside-avoid" aria-label={title}>
      <figcaption className="mb-2">
        <span className="block font-semibold text-slate-900">{title}</span>
        <span className="block text-sm text-slate-600">{description}</span>
      </figcaption>
      {paper ? (
        <div style={{ width: PAPER_CHART.width, height: PAPER_CHART.height }}>{children}</div>
      ) : (
        <div style={{ width: "100%", height }}>
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height }}>
            {children}
          </ResponsiveContainer>
        </div>
      )}
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
