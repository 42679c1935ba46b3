// Backups of the portal's database (README "Backups"):
//   npm run db:backup [-- <file>]                          pg_dump -Fc into backups/<time>.dump
//   npm run db:restore -- <file> [--into <db>] [--clean]   pg_restore into a NEW database by default
// The database is DATABASE_URL's, or else the embedded one of `npm run dev` / `npm start`
// (DATA_DIR, EMBEDDED_PG_PORT), which is started for the job if the portal is not running.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Client } from "pg";
import { backupDatabase, BackupError, redact, restoreDatabase, stamp } from "@/lib/db/backup";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { ROOT } from "@/scripts/paths";

const EMBEDDED_DATABASE = "congdanso"; // scripts/serve.ts

async function reachable(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** Whether a live server holds the data directory (a crash can leave a stale postmaster.pid). */
function serverRunning(dataDir: string): boolean {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0], 10);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The portal's database URL, starting the embedded server when it is not running. */
async function portalDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? ".data", "pg");
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  if (await reachable(url)) return { url, stop: async () => {} };
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new BackupError(
      `No DATABASE_URL, and no embedded database in ${path.relative(ROOT, dataDir)}/. Start the portal once ` +
        `(npm run dev) or set DATABASE_URL.`,
    );
  }
  if (serverRunning(dataDir)) {
    throw new BackupError(
      `The embedded database in ${path.relative(ROOT, dataDir)}/ seems to be running but does not answer on port ` +
        `${port}. Set EMBEDDED_PG_PORT to the port the portal uses.`,
    );
  }
  console.log(`Starting the embedded PostgreSQL (${path.relative(ROOT, dataDir)}/, port ${port}) for this job…`);
  const server: EmbeddedServer = await startEmbeddedPostgres({ dataDir, port });
  return { url, stop: () => server.stop() };
}

function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

async function backup(args: string[]) {
  const file = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(ROOT, "backups", `${stamp()}.dump`));
  const db = await portalDatabase();
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const started = Date.now();
    const { bytes, pgDump } = await backupDatabase(db.url, file);
    console.log(
      `Backed up ${redact(db.url)} to ${shown(file)} ` +
        `(${(bytes / 1024).toFixed(0)} KB, ${((Date.now() - started) / 1000).toFixed(1)} s, ${pgDump}).`,
    );
  } finally {
    await db.stop();
  }
}

async function restore(args: string[]) {
  const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--into");
  const intoAt = args.indexOf("--into");
  const into = intoAt >= 0 ? args[intoAt + 1] : undefined;
  if (!file || (intoAt >= 0 && !into)) {
    console.error("Usage: npm run db:restore -- <file.dump> [--into <database>] [--clean]");
    process.exit(2);
  }
  const db = await portalDatabase();
  try {
    const live = decodeURIComponent(new URL(db.url).pathname.slice(1));
    const result = await restoreDatabase(db.url, path.resolve(file), { into, clean: args.includes("--clean"), live });
    console.log(`Restored ${file} into the database "${result.database}" (${redact(result.url)}).`);
    if (result.database !== live) {
      console.log(
        process.env.DATABASE_URL
          ? `To use it, point DATABASE_URL at it.`
          : `The portal still uses "${live}". To replace it with the backup, stop the portal and run: ` +
              `npm run db:restore -- ${file} --into ${live} --clean`,
      );
    }
  } finally {
    await db.stop();
  }
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === "backup") await backup(args);
  else if (command === "restore") await restore(args);
  else {
    console.error("Usage: tsx scripts/backup.ts backup [file] | restore <file> [--into <database>] [--clean]");
    process.exit(2);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof BackupError ? err.message : err);
    process.exit(1);
  },
);
