// The demo portal as the README's quick start serves it (scripts/serve.ts: `next start` on a fresh
// embedded PostgreSQL with the demo data), against the production build in `distDir`.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

export type Demo = { origin: string; stop: () => Promise<void> };

/** Starts the demo portal on a fresh database in `dataDir`; resolves when /api/health answers. */
export async function startDemo(opts: {
  root: string;
  distDir: string;
  dataDir: string;
  port: number;
  pgPort: number;
  /** More environment for the portal (e.g. the outbox worker and its SMS gateway). */
  env?: Record<string, string>;
}): Promise<Demo> {
  const origin = `http://127.0.0.1:${opts.port}`;
  rmSync(opts.dataDir, { recursive: true, force: true });
  const tsx = path.join(opts.root, "node_modules/.bin/tsx");
  const child = spawn(tsx, ["--conditions=react-server", "scripts/serve.ts", "start"], {
    cwd: opts.root,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOSTNAME: "127.0.0.1",
      DATA_DIR: opts.dataDir,
      EMBEDDED_PG_PORT: String(opts.pgPort),
      NEXT_DIST_DIR: opts.distDir,
      DATABASE_URL: "",
      DEMO_MODE: "1",
      OUTBOX_WORKER: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log = (log + d).slice(-8000)));
  child.stderr.on("data", (d) => (log = (log + d).slice(-8000)));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(opts.dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the portal did not answer within 10 minutes:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { origin, stop };
}
