"use client";

// The official's charts, loaded only where they are drawn and after the figures: recharts (with
// its state libraries, ~120 KB gzipped) is a chunk of its own, fetched once the page has hydrated,
// so the figures above never wait for it. Until it arrives, each chart's place is held by a
// placeholder of the same size (title, description and plot area), so nothing moves when it draws.
import { lazy, Suspense, useSyncExternalStore, type ComponentProps, type ComponentType } from "react";
import type * as Charts from "@/components/charts/dashboard-charts";

// The plot heights below are the charts' own (components/charts/dashboard-charts.tsx), and this the
// printed report's size (PAPER_CHART in components/charts/chart-frame.tsx, which imports recharts).
const PAPER = { width: 620, height: 240 };

const load = () => import("@/components/charts/dashboard-charts");
type Module = typeof Charts;
type Common = { title: string; description: string; paper?: boolean };

function ChartPlaceholder({
  title,
  description,
  height,
  maxWidth,
}: {
  title: string;
  description: string;
  height: number;
  maxWidth?: number;
}) {
  return (
    <figure className="m-0 min-w-0 break-inside-avoid" aria-label={title} aria-busy="true">
      <figcaption className="mb-2">
        <span className="block font-semibold text-slate-900">{title}</span>
        <span className="block text-sm text-slate-600">{description}</span>
      </figcaption>
      <div className="animate-pulse rounded bg-slate-100" style={{ width: "100%", maxWidth, height }} />
    </figure>
  );
}

const noSubscribe = () => () => {};

function lazyChart<N extends keyof Module>(name: N, height: number) {
  type Props = ComponentProps<Module[N]> & Common;
  const Chart = lazy(() => load().then((m) => ({ default: m[name] as unknown as ComponentType<object> })));
  function LazyChart(props: Props) {
    // Drawn in the browser only: the server and the first render show the placeholder.
    const mounted = useSyncExternalStore(
      noSubscribe,
      () => true,
      () => false,
    );
    const placeholder = props.paper ? (
      <ChartPlaceholder title={props.title} description={props.description} height={PAPER.height} maxWidth={PAPER.width} />
    ) : (
      <ChartPlaceholder title={props.title} description={props.description} height={height} />
    );
    if (!mounted) return placeholder;
    return (
      <Suspense fallback={placeholder}>
        <Chart {...(props as object)} />
      </Suspense>
    );
  }
  return LazyChart;
}

export const VisitsPerWeekChart = lazyChart("VisitsPerWeekChart", 260);
export const SkillTrendChart = lazyChart("SkillTrendChart", 300);
export const FunnelChart = lazyChart("FunnelChart", 260);
export const TopicsChart = lazyChart("TopicsChart", 260);
