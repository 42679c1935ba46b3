// `npm run bench:lighthouse`: Lighthouse's scores for the pages a resident and a volunteer open on
// a phone, on the production build served as the README's quick start serves it (scripts/serve.ts,
// the embedded database with the demo data). Lighthouse (npm) drives Debian's Chromium
// (CHROME_PATH, /usr/bin/chromium); nothing is downloaded. Mobile form factor with Lighthouse's
// default (simulated) throttling, one run per page, a fresh Chromium for each (Lighthouse's CLI launches it).
//   - public: /, /schedule, /login, /progress; signed in as the demo volunteer: /volunteer and
//     /visits/new (the session cookie goes to Lighthouse as an extra header);
//   - beside the scores, Lighthouse's own CPU benchmark index (lhr.environment.benchmarkIndex) and
//     the load average at start and end: scores on a loaded machine mean little, so run it idle;
//   - for each missed target, the category's top failing audits (id, score, title, value).
// Targets (issue 17): performance ≥ 95, accessibility 100, best-practices 100 (SEO is shown only).
// Writes the output to docs/bench-lighthouse.txt unless BENCH_OUT=- , and Lighthouse's full
// reports (HTML and JSON) to .data-lighthouse-reports/.
//
// Environment: CHROME_PATH (/usr/bin/chromium), BENCH_PORT (3171), BENCH_PG_PORT (54396),
// NEXT_DIST_DIR (.next-bench), BENCH_BUILD (1 forces a build), BENCH_OUT (docs/bench-lighthouse.txt).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Result } from "lighthouse";
import { startDemo } from "@/bench/lib/demo";
import { loadAverage, machineLine, report } from "@/bench/lib/report";
import { ensureBuild, signIn } from "@/bench/lib/server";

const ROOT = path.resolve(__dirname, "..");
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const LIGHTHOUSE_CLI = path.join(ROOT, "node_modules/lighthouse/cli/index.js");
const PORT = Number(process.env.BENCH_PORT ?? 3171);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54396);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-bench";
const DATA_DIR = path.join(ROOT, ".data-bench-lighthouse");
const REPORTS = path.join(ROOT, ".data-lighthouse-reports");
const OUT = process.env.BENCH_OUT ?? path.join(ROOT, "docs/bench-lighthouse.txt");
const PASSWORD = "congdanso";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const TARGETS: Partial<Record<(typeof CATEGORIES)[number], number>> = {
  performance: 95,
  accessibility: 100,
  "best-practices": 100,
};
const TOP_AUDITS = 5;
const ITEMS = 3;

const { out, save } = report();

type Page = { path: string; who: string; cookie: string };

/**
 * One Lighthouse run of `url` in a fresh headless Chromium, through Lighthouse's own CLI under plain
 * node: Lighthouse sends functions' source to the page, and tsx's transform would add helpers there
 * that the page lacks ("__name is not defined").
 */
async function audit(url: string, cookie: string): Promise<Result> {
  const base = path.join(REPORTS, new URL(url).pathname.replace(/^\/$/, "/home").slice(1).replaceAll("/", "-"));
  const args = [
    LIGHTHOUSE_CLI,
    url,
    "--output=json",
    "--output=html",
    `--output-path=${base}`,
    "--quiet",
    `--only-categories=${CATEGORIES.join(",")}`,
    "--chrome-flags=--headless=new --no-sandbox --lang=vi",
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CHROME_PATH },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log = (log + d).slice(-4000)));
  child.stderr.on("data", (d) => (log = (log + d).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (!existsSync(`${base}.report.json`)) throw new Error(`lighthouse ${url} exited ${code}:\n${log}`);
  const lhr = JSON.parse(readFileSync(`${base}.report.json`, "utf8")) as Result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) {
    throw new Error(`${url} ended on ${lhr.finalDisplayedUrl} (signed out?)`);
  }
  return lhr;
}

const score = (lhr: Result, id: string) => {
  const s = lhr.categories[id]?.score;
  return s == null ? null : Math.round(s * 100);
};

type Item = Record<string, unknown> & {
  node?: { selector?: string };
  subItems?: { items: { url?: string }[] };
};
/** Where an audit failed, in a few words: the first items of its table (issue, element or URL). */
function where(details: Result["audits"][string]["details"]): string[] {
  if (!details || !("items" in details) || !Array.isArray(details.items)) return [];
  return (details.items as Item[])
    .slice(0, ITEMS)
    .map((item) => {
      const what = item.issueType ?? item.node?.selector ?? item.url ?? (item.source as { url?: string })?.url ?? "";
      const urls = (item.subItems?.items ?? []).map((s) => s.url).filter(Boolean);
      return `${String(what)}${urls.length > 0 ? `: ${urls.slice(0, ITEMS).join(", ")}` : ""}`;
    })
    .filter(Boolean);
}

/** The category's audits that did not pass, the costliest first (weight × what was lost, then savings). */
function failing(lhr: Result, category: string) {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  return refs
    .map((ref) => ({ ref, a: lhr.audits[ref.id]! }))
    .filter(({ a }) => a.score !== null && a.score < 1 && ["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode))
    .map(({ ref, a }) => {
      const savings = a.details && "overallSavingsMs" in a.details ? Number(a.details.overallSavingsMs ?? 0) : 0;
      return {
        id: ref.id,
        title: a.title,
        score: a.score!,
        value: a.displayValue ?? "",
        cost: ref.weight * (1 - a.score!),
        savings,
        where: where(a.details),
      };
    })
    .sort((x, y) => y.cost - x.cost || y.savings - x.savings || x.score - y.score)
    .slice(0, TOP_AUDITS);
}

async function main() {
  if (!existsSync(CHROME_PATH)) throw new Error(`no Chromium at ${CHROME_PATH}: apt-get install -y chromium, or set CHROME_PATH`);
  out(`# npm run bench:lighthouse — ${new Date().toISOString()}`);
  out(machineLine());
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  await ensureBuild(ROOT, DIST_DIR, process.env.BENCH_BUILD === "1", out);
  const server = await startDemo({ root: ROOT, distDir: DIST_DIR, dataDir: DATA_DIR, port: PORT, pgPort: PG_PORT });
  const results: { page: Page; lhr: Result }[] = [];
  try {
    const volunteer = await signIn(server.origin, "volunteer", PASSWORD);
    const pages: Page[] = [
      ...["/", "/schedule", "/login", "/progress"].map((p) => ({ path: p, who: "anyone", cookie: "" })),
      ...["/volunteer", "/visits/new"].map((p) => ({ path: p, who: "volunteer", cookie: volunteer })),
    ];
    // One request each first, so no run pays for the server's first render of a route.
    for (const page of pages) {
      await (await fetch(`${server.origin}${page.path}`, { headers: { cookie: page.cookie } })).arrayBuffer();
    }
    for (const page of pages) {
      results.push({ page, lhr: await audit(`${server.origin}${page.path}`, page.cookie) });
      console.error(`  ${page.path} done`);
    }
  } finally {
    await server.stop();
  }

  const first = results[0]!.lhr;
  const t = first.configSettings.throttling;
  out(
    `Lighthouse ${first.lighthouseVersion}, ${/Chrome\/[\d.]+/.exec(first.environment.hostUserAgent)?.[0] ?? "Chromium"} (${CHROME_PATH}), ` +
      `${first.configSettings.formFactor}, ${first.configSettings.throttlingMethod} throttling ` +
      `(RTT ${t.rttMs} ms, ${t.throughputKbps} kbit/s, CPU ×${t.cpuSlowdownMultiplier}); one run per page`,
  );
  out(`the demo data on the embedded PostgreSQL; production build in ${DIST_DIR}/`);
  out(`BI: Lighthouse's CPU benchmark index for that run (higher is faster); scores from a loaded machine mean little`);
  out();
  out("page           who         perf  a11y    bp   seo     BI  targets");
  const misses: { page: Page; lhr: Result; category: string; got: number | null; want: number }[] = [];
  for (const { page, lhr } of results) {
    const missed: string[] = [];
    for (const [category, want] of Object.entries(TARGETS)) {
      const got = score(lhr, category);
      if (got === null || got < want) {
        missed.push(category);
        misses.push({ page, lhr, category, got, want });
      }
    }
    out(
      [
        page.path.padEnd(14),
        page.who.padEnd(10),
        ...CATEGORIES.map((c) => String(score(lhr, c) ?? "–").padStart(5)),
        String(Math.round(lhr.environment.benchmarkIndex)).padStart(6),
        `  ${missed.length === 0 ? "ok" : `missed: ${missed.join(", ")}`}`,
      ].join(" "),
    );
  }
  out();
  out(
    `targets: ${Object.entries(TARGETS)
      .map(([c, v]) => `${c} ${v === 100 ? "100" : `≥ ${v}`}`)
      .join(", ")}. ${misses.length === 0 ? "All met." : `${misses.length} missed.`}`,
  );
  for (const { page, lhr, category, got, want } of misses) {
    out();
    out(`${page.path} — ${category} ${got ?? "–"} (target ${want === 100 ? "100" : `≥ ${want}`}):`);
    for (const f of failing(lhr, category)) {
      out(`  ${f.id.padEnd(34)} ${f.score.toFixed(2)}  ${f.title}${f.value ? ` — ${f.value}` : ""}`);
      for (const w of f.where) out(`  ${"".padEnd(34)}       ${w}`);
    }
  }
  const warnings = [...new Set(results.flatMap(({ lhr }) => lhr.runWarnings))];
  if (warnings.length > 0) {
    out();
    out("Lighthouse's warnings:");
    for (const w of warnings) out(`  ${w}`);
  }
  out();
  out(`full reports: ${path.relative(ROOT, REPORTS)}/*.report.html`);
  out(`load average at end ${loadAverage()}`);
  save(OUT);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
