"use client";

// The official's charts, drawn by recharts in the browser from aggregates computed on the server
// (lib/indicators/queries.ts). Labels arrive translated; numbers are formatted here in the
// page's locale. Animations are off: the figures are read, not watched, and print at once.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS, ChartFrame, numberFormatter, percentFormatter } from "@/components/charts/chart-frame";

type Common = { title: string; description: string; locale: string; paper?: boolean };

export function VisitsPerWeekChart({
  data,
  seriesLabel,
  ...c
}: Common & { data: { label: string; visits: number }[]; seriesLabel: string }) {
  const n = numberFormatter(c.locale);
  return (
    <ChartFrame title={c.title} description={c.description} paper={c.paper}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
        <YAxis allowDecimals={false} tickFormatter={n} width={40} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => n(v)} />
        <Bar dataKey="visits" name={seriesLabel} fill={CHART_COLORS[0]} maxBarSize={48} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export function SkillTrendChart({
  data,
  series,
  ...c
}: Common & { data: ({ label: string } & Record<string, number | string | null>)[]; series: { key: string; name: string }[] }) {
  const pct = percentFormatter(c.locale);
  return (
    <ChartFrame title={c.title} description={c.description} paper={c.paper} height={300}>
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis domain={[0, 1]} tickFormatter={pct} width={44} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => pct(v)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={CHART_COLORS[i % CHART_COLORS.length]}
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}

export function FunnelChart({
  data,
  seriesLabel,
  ...c
}: Common & { data: { label: string; families: number }[]; seriesLabel: string }) {
  const n = numberFormatter(c.locale);
  return (
    <ChartFrame title={c.title} description={c.description} paper={c.paper}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickFormatter={n} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => n(v)} />
        <Bar dataKey="families" name={seriesLabel} fill={CHART_COLORS[2]} maxBarSize={40} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export function TopicsChart({
  data,
  registeredLabel,
  attendedLabel,
  ...c
}: Common & { data: { label: string; registered: number; attended: number }[]; registeredLabel: string; attendedLabel: string }) {
  const n = numberFormatter(c.locale);
  return (
    <ChartFrame title={c.title} description={c.description} paper={c.paper}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} tickFormatter={n} width={40} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => n(v)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="registered" name={registeredLabel} fill={CHART_COLORS[0]} maxBarSize={48} isAnimationActive={false} />
        <Bar dataKey="attended" name={attendedLabel} fill={CHART_COLORS[1]} maxBarSize={48} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
