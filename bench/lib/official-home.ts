// What /official computes, called directly: lib/indicators/queries getOfficialDashboard with the
// period the page reads from its URL, or another entry point named by BENCH_OFFICIAL_FN
// ("@/lib/x#fn", to compare a candidate rewrite in the same run).
import type { CurrentUser } from "@/lib/auth/user";
import { parsePeriod } from "@/lib/indicators/period";
import { getOfficialDashboard } from "@/lib/indicators/queries";

/** `search` is the page's query string (e.g. { from, to }); the entry point gets the same period the page would. */
export type OfficialHome = { name: string; run: (user: CurrentUser, search?: Record<string, string>) => Promise<unknown> };

type EntryPoint = (user: CurrentUser, period?: unknown) => Promise<unknown>;

export async function resolveOfficialHome(): Promise<OfficialHome> {
  const override = process.env.BENCH_OFFICIAL_FN;
  let name = "lib/indicators/queries getOfficialDashboard";
  let call: EntryPoint = getOfficialDashboard as EntryPoint;
  if (override) {
    const [spec, fn] = override.split("#");
    const f = ((await import(spec!)) as Record<string, unknown>)[fn ?? ""];
    if (typeof f !== "function") throw new Error(`BENCH_OFFICIAL_FN: ${spec} has no function ${fn}`);
    name = `${spec!.replace(/^@\//, "")} ${fn}`;
    call = f as EntryPoint;
  }
  if (call.length < 2) return { name: `${name}(user)`, run: (user) => call(user) };
  return { name: `${name}(user, period)`, run: (user, search = {}) => call(user, parsePeriod(search).period) };
}
