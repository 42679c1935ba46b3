// The production build served by `next start` against the bench database, and a signed-in
// client for it: sign-in goes through next-auth's own credentials callback, as the login form does.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve("next/dist/bin/next");

/**
 * Builds the portal into `distDir` unless a build is there already (BENCH_BUILD=1 forces one).
 * A build with a non-default dist dir rewrites tsconfig.json; it is put back as it was.
 */
export async function ensureBuild(root: string, distDir: string, force: boolean, log: (s: string) => void): Promise<void> {
  if (!force && existsSync(path.join(root, distDir, "BUILD_ID"))) {
    log(`  using the existing production build in ${distDir}/ (BENCH_BUILD=1 rebuilds)`);
    return;
  }
  const tsconfig = path.join(root, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  const t = performance.now();
  log(`  building the portal into ${distDir}/ …`);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [NEXT_BIN, "build"], {
        cwd: root,
        env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`next build failed (${code}):\n${out.slice(-4000)}`)),
      );
    });
  } finally {
    if (readFileSync(tsconfig, "utf8") !== before) writeFileSync(tsconfig, before);
  }
  log(`  built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

export type Server = { origin: string; pid: number; stop: () => Promise<void> };

export async function startServer(opts: {
  root: string;
  distDir: string;
  port: number;
  databaseUrl: string;
  /** More environment for the server (e.g. DATABASE_REPLICA_URLS). */
  env?: Record<string, string>;
}): Promise<Server> {
  const origin = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
      ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      NEXT_BIN,
      "start",
      "--port",
      String(opts.port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: opts.root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: opts.distDir,
        DATABASE_URL: opts.databaseUrl,
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        AUTH_TRUST_HOST: "true",
        AUTH_URL: origin,
        NEXT_TELEMETRY_DISABLED: "1",
        OUTBOX_WORKER: "off",
        DEMO_MODE: "",
        PORTAL_COMMUNE_CODE: "tu-ky",
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d) => (output = (output + d).slice(-8000)));
  child.stderr?.on("data", (d) => (output = (output + d).slice(-8000)));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${origin}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`next start did not answer /api/health within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    origin,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Signs in through /api/auth/callback/credentials; returns the Cookie header of the session. */
export async function signIn(origin: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, login, password, callbackUrl: `${origin}/official` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.endsWith("authjs.session-token"))) {
    throw new Error(`sign-in as ${login} failed: ${res.status} ${res.headers.get("location") ?? ""}`);
  }
  return cookie();
}

export type PageTiming = { status: number; ttfb: number; total: number; bytes: number };

/** GETs `url` with the session cookie and reads the whole (streamed) body. */
export async function getPage(url: string, cookie: string): Promise<PageTiming> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie, "accept-language": "vi" }, redirect: "manual" });
  const ttfb = performance.now() - t;
  const body = await res.text();
  return { status: res.status, ttfb, total: performance.now() - t, bytes: Buffer.byteLength(body) };
}
