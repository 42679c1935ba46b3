// `npm run bench:pages`: what each page costs a cheap phone and the server, on the production build
// (`next start` through scripts/serve.ts, the embedded database with the demo data, as the README's
// quick start serves it). For each public page and each role's home:
//   - first-load JS: every <script src> the HTML names, gzipped (the bytes a phone downloads before
//     the page works), and the HTML itself gzipped;
//   - req/s and p95 at concurrency 10 for BENCH_SECONDS, with /api/health measured in the same run
//     as the baseline (the cost of Next's server with no page at all).
// Targets (issue 17): every page's first-load JS ≤ 1.25× the smallest page of the same build;
// public pages ≥ 0.5× the health rate. Prints a table with the load average; writes it to
// docs/bench-pages.txt unless BENCH_OUT=- .
//
// Environment: BENCH_SECONDS (5), BENCH_CONCURRENCY (10), BENCH_PORT (3170), BENCH_PG_PORT (54395),
// NEXT_DIST_DIR (.next-bench), BENCH_BUILD (1 forces a build), BENCH_OUT (docs/bench-pages.txt).
import path from "node:path";
import { gzipSync } from "node:zlib";
import { startDemo } from "@/bench/lib/demo";
import { ensureBuild, signIn } from "@/bench/lib/server";
import { loadAverage, machineLine, report } from "@/bench/lib/report";
import { ms, stats } from "@/bench/lib/stats";

const ROOT = path.resolve(__dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3170);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54395);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next-bench";
const DATA_DIR = path.join(ROOT, ".data-bench-pages");
const OUT = process.env.BENCH_OUT ?? path.join(ROOT, "docs/bench-pages.txt");
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PASSWORD = "congdanso";
const JS_TARGET = 1.25;
const RATE_TARGET = 0.5;

const { out, save } = report();

type Page = { path: string; who: string; public: boolean; cookie: string };

const get = (p: string, cookie: string) =>
  fetch(`${ORIGIN}${p}`, { headers: { cookie, "accept-language": "vi" }, redirect: "manual" });

const chunkSizes = new Map<string, number>();
/** The page's HTML (gzipped bytes) and the gzipped bytes of every script it loads. */
async function weigh(page: Page) {
  const res = await get(page.path, page.cookie);
  if (res.status !== 200) throw new Error(`${page.path} as ${page.who}: HTTP ${res.status}`);
  const html = await res.text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1].replaceAll("&amp;", "&")))];
  let js = 0;
  for (const src of srcs) {
    if (!chunkSizes.has(src)) {
      const body = Buffer.from(await (await fetch(new URL(src, ORIGIN))).arrayBuffer());
      chunkSizes.set(src, gzipSync(body).length);
    }
    js += chunkSizes.get(src)!;
  }
  return { htmlGz: gzipSync(Buffer.from(html)).length, jsGz: js, scripts: srcs.length };
}

/** CONCURRENCY clients asking for `path` back to back for SECONDS: requests per second and latency. */
async function hammer(p: string, cookie: string) {
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const res = await get(p, cookie);
          await res.arrayBuffer();
          if (res.status !== 200) errors++;
        } catch {
          errors++;
        }
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { rate: times.length / seconds, ...stats(times), errors };
}

const kb = (n: number) => (n / 1024).toFixed(1);

async function main() {
  out(`# npm run bench:pages — ${new Date().toISOString()}`);
  out(machineLine());
  out(
    `concurrency ${CONCURRENCY}, ${SECONDS} s per page; the demo data on the embedded PostgreSQL; production build in ${DIST_DIR}/`,
  );
  await ensureBuild(ROOT, DIST_DIR, process.env.BENCH_BUILD === "1", out);
  const server = await startDemo({ root: ROOT, distDir: DIST_DIR, dataDir: DATA_DIR, port: PORT, pgPort: PG_PORT });
  try {
    const anon = "";
    const classHtml = await (await get("/schedule", anon)).text();
    const classId = /href="\/schedule\/(\d+)"/.exec(classHtml)?.[1];
    const pages: Page[] = [
      ...["/", "/schedule", ...(classId ? [`/schedule/${classId}`] : []), "/progress", "/privacy", "/login"].map((p) => ({
        path: p,
        who: "anyone",
        public: true,
        cookie: anon,
      })),
    ];
    const homes: [string, string][] = [
      ["official", "/official"],
      ["leader", "/branch"],
      ["volunteer", "/volunteer"],
      ["admin", "/admin"],
      ["resident", "/resident"],
      ["city", "/city"],
    ];
    for (const [who, p] of homes) pages.push({ path: p, who, public: false, cookie: await signIn(ORIGIN, who, PASSWORD) });

    const weights = [];
    for (const page of pages) weights.push({ page, ...(await weigh(page)) });
    // Warm every page once more, then the baseline, then each page.
    for (const page of pages) await (await get(page.path, page.cookie)).arrayBuffer();
    const health = await hammer("/api/health", anon);
    const rates: Awaited<ReturnType<typeof hammer>>[] = [];
    for (const page of pages) rates.push(await hammer(page.path, page.cookie));
    const healthAfter = await hammer("/api/health", anon);
    const baseRate = (health.rate + healthAfter.rate) / 2;
    const smallest = Math.min(...weights.map((w) => w.jsGz));

    out();
    out(
      `/api/health: ${health.rate.toFixed(1)} req/s before the pages, ${healthAfter.rate.toFixed(1)} after (baseline ${baseRate.toFixed(1)}); p95 ${ms(health.p95)} ms`,
    );
    out(`smallest first-load JS: ${kb(smallest)} KB gz`);
    out();
    out("page                 who        JS gz KB  ×smallest  HTML gz KB   req/s  ×health   p95 ms  errors  targets");
    let missed = 0;
    weights.forEach((w, i) => {
      const r = rates[i]!;
      const jsRatio = w.jsGz / smallest;
      const rateRatio = r.rate / baseRate;
      const jsOk = jsRatio <= JS_TARGET;
      const rateOk = !w.page.public || rateRatio >= RATE_TARGET;
      if (!jsOk || !rateOk) missed++;
      out(
        [
          w.page.path.padEnd(20),
          w.page.who.padEnd(10),
          kb(w.jsGz).padStart(8),
          jsRatio.toFixed(2).padStart(10),
          kb(w.htmlGz).padStart(11),
          r.rate.toFixed(1).padStart(7),
          rateRatio.toFixed(2).padStart(8),
          ms(r.p95).padStart(8),
          String(r.errors).padStart(7),
          `  ${jsOk ? "JS ok" : `JS > ${JS_TARGET}×`}${w.page.public ? (rateOk ? ", rate ok" : `, rate < ${RATE_TARGET}×`) : ""}`,
        ].join(" "),
      );
    });
    out();
    out(
      `targets: first-load JS ≤ ${JS_TARGET}× the smallest page; public pages ≥ ${RATE_TARGET}× the health rate. ${missed === 0 ? "All met." : `${missed} page(s) miss one.`}`,
    );
    out(`load average at end ${loadAverage()}`);
  } finally {
    await server.stop();
  }
  save(OUT);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
