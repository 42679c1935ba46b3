// `npm run dev` and `npm start`. With no DATABASE_URL: start an embedded PostgreSQL whose data
// lives in .data/, apply migrations, seed the demo data on first start only, then serve the
// portal. With DATABASE_URL set: use that server and start nothing.
//
// Several app servers (docs/decisions/0027): each runs this at its start, so the setup below
// (migrations, the job queue's schema, the runtime role) takes a lock on the server and runs one
// server at a time. DATABASE_URL is always the server itself, where the setup runs; with
// DATABASE_POOLER_URL (PgBouncer in transaction mode) the portal's own connections go through
// the pooler, and DATABASE_REPLICA_URLS's reads use the same runtime role.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "@/lib/db/schema-engine";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import pg from "pg";
import { prepareRuntimeRole, withCredentialsOf } from "@/lib/db/runtime-role";
import { channelsByKind } from "@/lib/outbox/channels";
import { installJobQueue } from "@/lib/outbox/queues";
import { seedIfRequested } from "@/scripts/db-tasks";
import { MIGRATIONS_DIR, ROOT } from "@/scripts/paths";

const require = createRequire(import.meta.url);
const mode = process.argv[2] === "start" ? "start" : "dev";
const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? ".data");
const port = process.env.PORT ?? "3000";

function say(message: string) {
  console.log(`[công dân số] ${message}`);
}

/** The embedded default keeps a generated AUTH_SECRET in .data/ so sessions survive restarts. */
function embeddedAuthSecret(): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Runs `fn` while holding a session lock on the database server: app servers starting together
 * set up one after another (a migration must not run twice, nor two GRANTs at once). Straight to
 * the server, never through a pooler, which would hand the lock's session to someone else.
 */
async function oneServerAtATime<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Says who it waits for (their server process id), every 10 s, rather than waiting in silence.
    for (let waited = 0; ; waited += 10) {
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext('congdanso setup')) AS ok");
      if (rows[0].ok) break;
      const holder = await client.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid::int = hashtext('congdanso setup')",
      );
      say(
        `waiting for another app server's setup (database process ${holder.rows.map((r) => r.pid).join(", ") || "?"}), ${waited} s`,
      );
      await new Promise((r) => setTimeout(r, 10_000));
    }
    return await fn();
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}

async function main() {
  const started = Date.now();
  // A setting the portal would only trip over at its first message: refused now, by name.
  channelsByKind();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port };
  let embedded: EmbeddedServer | undefined;

  if (!process.env.DATABASE_URL) {
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    say(`no DATABASE_URL: starting the embedded PostgreSQL (data in ${path.relative(ROOT, dataDir) || "."}/)`);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: pgPort });
    await ensureDatabase(embedded.url("postgres"), "congdanso");
    env.DATABASE_URL = embedded.url("congdanso");
    env.AUTH_SECRET ??= embeddedAuthSecret();
    env.DEMO_MODE ??= "1";
  } else if (mode === "start") {
    if (!process.env.AUTH_SECRET) {
      console.error("AUTH_SECRET is not set. A production start needs one: openssl rand -base64 32");
      process.exit(1);
    }
    // Calendar links and UIDs name the portal by its public address (lib/public-url.ts).
    if (!process.env.AUTH_URL) {
      console.error("AUTH_URL is not set. A production start needs the public URL, e.g. https://congdanso.example.vn");
      process.exit(1);
    }
  }

  const stopDb = async () => {
    if (embedded) {
      await embedded.stop().catch(() => {});
      embedded = undefined;
    }
  };

  try {
    const ownerUrl = env.DATABASE_URL!;
    const runtime = await oneServerAtATime(ownerUrl, async () => {
      const applied = await applyMigrations(ownerUrl, MIGRATIONS_DIR);
      if (applied.length) say(`applied migrations: ${applied.join(", ")}`);
      if (embedded && (await seedIfRequested(ownerUrl, { force: false }))) say("demo data loaded");
      // Everything that changes the schema is done above, as the owner; the portal itself connects
      // as a role that can only read and write rows (lib/db/runtime-role.ts).
      await installJobQueue(ownerUrl);
      return prepareRuntimeRole(ownerUrl, env.AUTH_SECRET);
    });
    if (runtime.role) say(`the portal connects as the database role ${runtime.role}`);
    else say(`warning: the portal connects as the database's owner (${runtime.reason})`);
    const pooler = process.env.DATABASE_POOLER_URL?.trim();
    env.DATABASE_URL = pooler ? withCredentialsOf(pooler, runtime.url) : runtime.url;
    if (pooler) say("the portal's connections go through the pooler at DATABASE_POOLER_URL");
    if (env.DATABASE_REPLICA_URLS?.trim()) {
      env.DATABASE_REPLICA_URLS = env.DATABASE_REPLICA_URLS.split(",")
        .map((u) => u.trim())
        .filter(Boolean)
        .map((u) => withCredentialsOf(u, runtime.url))
        .join(",");
    }
  } catch (err) {
    await stopDb();
    throw err;
  }

  env.AUTH_TRUST_HOST ??= "true";
  // A closed government network: Next.js must not try to send telemetry.
  env.NEXT_TELEMETRY_DISABLED ??= "1";
  const next = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), mode, "--port", port, "--hostname", process.env.HOSTNAME ?? "0.0.0.0"],
    { cwd: ROOT, env, stdio: "inherit" },
  );
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (database); portal on http://localhost:${port}`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (next.exitCode === null) next.kill(signal);
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  next.on("exit", async (code) => {
    await stopDb();
    say("stopped");
    process.exit(code ?? 0);
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
