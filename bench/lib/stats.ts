// Timing helpers shared by the city benchmark: nearest-rank percentiles over wall-clock runs.

export type Stats = { n: number; p50: number; p95: number; mean: number; min: number; max: number };

export function stats(ms: readonly number[]): Stats {
  const s = [...ms].sort((x, y) => x - y);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return {
    n: s.length,
    p50: at(0.5),
    p95: at(0.95),
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    min: s[0],
    max: s[s.length - 1],
  };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; the wall-clock milliseconds. */
export async function time(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
