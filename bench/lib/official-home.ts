// What /official computes, called directly. The official's home is being moved onto
// lib/indicators (an indicator registry and its SQL); the benchmark uses that module's entry
// point when it exists, and otherwise the dashboard it replaces, getCommuneOverview(user).
import type { CurrentUser } from "@/lib/auth/user";

/** `search` is the page's query string (e.g. { from, to }); the entry point gets the same period the page would. */
export type OfficialHome = { name: string; run: (user: CurrentUser, search?: Record<string, string>) => Promise<unknown> };

// Looked up at run time, so the benchmark compiles and runs whether or not these exist yet.
const MODULES = ["@/lib/indicators", "@/lib/indicators/official", "@/lib/indicators/queries"];
const ENTRY_POINTS = ["getOfficialHome", "getOfficialDashboard"];
const PERIOD_MODULE = "@/lib/indicators/period";

async function tryImport(spec: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(spec)) as Record<string, unknown>;
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_MODULE_NOT_FOUND" || /Cannot find module/.test(String(err))) return null;
    throw err;
  }
}

export async function resolveOfficialHome(): Promise<OfficialHome> {
  const override = process.env.BENCH_OFFICIAL_FN; // e.g. "@/lib/indicators/queries#getOfficialDashboard"
  const candidates: [string, string][] = override
    ? [override.split("#") as [string, string]]
    : MODULES.flatMap((m) => ENTRY_POINTS.map((fn): [string, string] => [m, fn]));
  for (const [spec, fn] of candidates) {
    const mod = await tryImport(spec);
    const f = mod?.[fn];
    if (typeof f !== "function") {
      if (override) throw new Error(`BENCH_OFFICIAL_FN: ${spec} has no function ${fn}`);
      continue;
    }
    const call = f as (user: CurrentUser, period?: unknown) => Promise<unknown>;
    if (call.length < 2) return { name: `${spec.slice(2)} ${fn}(user)`, run: (user) => call(user) };
    // The period as the page reads it from its URL (?from=&to=; this month when absent).
    const periods = await tryImport(PERIOD_MODULE);
    const parse = periods?.parsePeriod as ((q: Record<string, string>) => { period: unknown }) | undefined;
    if (!parse) throw new Error(`${spec} ${fn} takes a period, and ${PERIOD_MODULE} has no parsePeriod`);
    return { name: `${spec.slice(2)} ${fn}(user, period)`, run: (user, search = {}) => call(user, parse(search).period) };
  }
  const { getCommuneOverview } = await import("@/lib/dashboards/overview");
  return { name: "lib/dashboards/overview getCommuneOverview(user)", run: (user) => getCommuneOverview(user) };
}
