// `npm test`: every check, in order, and one closing line `N passed, N failed` for the whole run.
// Typecheck, lint and format count as one test each; Vitest and Playwright report their own.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "@/scripts/paths";

// TEST_CLOCK="2027-03-01 00:30" runs the whole suite as if Vietnam's wall clock read that time when
// it started: every process it starts (Node, the embedded PostgreSQL, Chromium) is moved by the
// same offset through libfaketime (Debian's `libfaketime`), so the database's now() and the
// browser's Date agree with the server's. The clock still runs, so the run ends later than it began.
const TEST_CLOCK = process.env.TEST_CLOCK?.trim();
if (TEST_CLOCK && !process.env.FAKETIME) {
  const lib = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(TEST_CLOCK);
  if (!m) throw new Error(`TEST_CLOCK must read "yyyy-MM-dd HH:mm" (Vietnam time), not "${TEST_CLOCK}"`);
  if (!existsSync(lib)) throw new Error(`TEST_CLOCK needs libfaketime: apt-get install libfaketime (${lib})`);
  const target = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 7, +m[5]);
  const offset = Math.round((target - Date.now()) / 1000);
  console.log(`TEST_CLOCK: the run starts at ${TEST_CLOCK} in Vietnam (offset ${offset} s)`);
  const res = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: {
      ...process.env,
      LD_PRELOAD: [lib, process.env.LD_PRELOAD].filter(Boolean).join(":"),
      FAKETIME: `${offset >= 0 ? "+" : ""}${offset}`,
      // Timers and file times stay real: only the calendar moves.
      FAKETIME_DONT_FAKE_MONOTONIC: "1",
      NO_FAKE_STAT: "1",
    },
  });
  process.exit(res.status ?? 1);
}

const OUT = path.join(ROOT, ".test-results");
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

type Tally = { passed: number; failed: number };
const total: Tally = { passed: 0, failed: 0 };
const failedNames: string[] = [];
const started = Date.now();

function run(label: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(" ")}`);
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`◀ ${label}: ${res.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return res.status === 0;
}

function check(label: string, cmd: string, args: string[]) {
  if (run(label, cmd, args)) total.passed++;
  else {
    total.failed++;
    failedNames.push(label);
  }
}

type PlaywrightSuite = {
  title: string;
  specs?: { title: string; file: string; tests: { projectName: string; status: string }[] }[];
  suites?: PlaywrightSuite[];
};
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number }; suites?: PlaywrightSuite[] };

function collectPlaywrightFailures(suites: PlaywrightSuite[], out: string[]) {
  for (const suite of suites) {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests) if (t.status === "unexpected") out.push(`${spec.file} › ${spec.title} [${t.projectName}]`);
    collectPlaywrightFailures(suite.suites ?? [], out);
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

check("prisma generate", "npm", ["run", "--silent", "db:generate"]);
check("typecheck", "npm", ["run", "--silent", "typecheck"]);
check("lint", "npm", ["run", "--silent", "lint"]);
check("format", "npm", ["run", "--silent", "format:check"]);

// Unit and integration tests against a real PostgreSQL (embedded unless TEST_DATABASE_URL is set).
const vitestOut = path.join(OUT, "vitest.json");
const unitOk = run("unit and integration tests", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestOut}`,
]);
type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: { name: string; assertionResults?: { fullName: string; status: string }[] }[];
};
const vitest = readJson<VitestReport>(vitestOut);
if (vitest) {
  total.passed += vitest.numPassedTests;
  total.failed += vitest.numFailedTests;
  for (const file of vitest.testResults ?? [])
    for (const t of file.assertionResults ?? [])
      if (t.status === "failed") failedNames.push(`${path.relative(ROOT, file.name)} › ${t.fullName}`);
}
if (!unitOk && (!vitest || vitest.numFailedTests === 0)) total.failed++; // failed before or outside any test

// End-to-end tests in Chromium against a production build.
if (run("build", "npm", ["run", "--silent", "build"])) {
  total.passed++;
  const pwOut = path.join(OUT, "playwright.json");
  const e2eOk = run("end-to-end tests", "npx", ["playwright", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwOut,
  });
  const pw = readJson<PlaywrightReport>(pwOut);
  if (pw) {
    total.passed += pw.stats.expected + pw.stats.flaky;
    total.failed += pw.stats.unexpected;
    collectPlaywrightFailures(pw.suites ?? [], failedNames);
  }
  if (!e2eOk && (!pw || pw.stats.unexpected === 0)) total.failed++;
} else {
  total.failed++;
}

// Name what failed at the end, where a reader of only the last lines of the log will see it.
for (const name of failedNames) console.log(`FAILED: ${name}`);
console.log(`\nWhole run: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
