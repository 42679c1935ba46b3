import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "@/lib/db/backup";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { seedDemo } from "@/prisma/seed/demo";

let t: TestDatabase;
let dir: string;
const restored: string[] = [];

async function query<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Every table's row count (counted in SQL), and an md5 of a few tables' full contents in key order. */
async function fingerprint(url: string) {
  const tables = await query<{ t: string }>(
    url,
    "SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const counts: Record<string, number> = {};
  for (const { t: table } of tables) {
    counts[table] = Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM ${table}`))[0].n);
  }
  const sums: Record<string, string> = {};
  for (const table of ["household", "member", "visit", "registration", "_prisma_migrations"]) {
    const exists = tables.some((x) => x.t === table);
    if (!exists) continue;
    sums[table] = (
      await query<{ md5: string }>(url, `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${table} x`)
    )[0].md5;
  }
  return { counts, sums };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  dir = await mkdtemp(path.join(tmpdir(), "cds-backup-"));
});

afterAll(async () => {
  for (const name of restored) await query(t.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores a backup into a new database with the same rows", async () => {
    const file = path.join(dir, "portal.dump");
    const { bytes } = await backupDatabase(t.url, file);
    expect(bytes).toBeGreaterThan(0);

    const into = `${new URL(t.url).pathname.slice(1)}_r`;
    restored.push(into);
    const result = await restoreDatabase(t.url, file, { into });
    expect(result.database).toBe(into);

    const before = await fingerprint(t.url);
    const after = await fingerprint(result.url);
    expect(Object.keys(before.counts).length).toBeGreaterThan(10);
    expect(before.counts.household).toBeGreaterThan(0);
    expect(after).toEqual(before);
    console.log(
      `backup test: ${Object.keys(before.counts).length} tables, ${Object.values(before.counts).reduce((a, b) => a + b, 0)} rows, ${(bytes / 1024).toFixed(0)} KB dump, identical after restore`,
    );

    // A second restore under the same name would overwrite it: refused without --clean…
    await expect(restoreDatabase(t.url, file, { into })).rejects.toThrow(/already exists.*--clean/);
    // …and the live database is named as such.
    const live = new URL(t.url).pathname.slice(1);
    await expect(restoreDatabase(t.url, file, { into: live, live })).rejects.toThrow(/live database/);

    // With --clean, an existing database is replaced by the backup's contents.
    await query(result.url, `DELETE FROM visit_co_volunteer; DELETE FROM visit_item; DELETE FROM visit`);
    await restoreDatabase(t.url, file, { into, clean: true });
    expect(await fingerprint(result.url)).toEqual(before);
  });

  it("the default name is a new database, never the live one", async () => {
    const file = path.join(dir, "default.dump");
    await backupDatabase(t.url, file);
    const live = new URL(t.url).pathname.slice(1);
    const result = await restoreDatabase(t.url, file, { live });
    restored.push(result.database);
    expect(result.database).not.toBe(live);
    expect(result.database.startsWith(`${live}_restored_`)).toBe(true);
  });

  it("says clearly when pg_dump is missing, or a file is not a backup", async () => {
    const saved = process.env.PG_DUMP;
    process.env.PG_DUMP = path.join(dir, "no-such-pg_dump");
    try {
      await expect(backupDatabase(t.url, path.join(dir, "x.dump"))).rejects.toThrow(
        /pg_dump was not found.*apt-get install postgresql-client/,
      );
    } finally {
      if (saved === undefined) delete process.env.PG_DUMP;
      else process.env.PG_DUMP = saved;
    }
    // A pg_dump older than the server cannot back it up; a pg_restore older than the dump cannot read it.
    const oldDump = path.join(dir, "pg_dump_14");
    await writeFile(oldDump, '#!/bin/sh\necho "pg_dump (PostgreSQL) 14.0"\n');
    const oldRestore = path.join(dir, "pg_restore_14");
    await writeFile(
      oldRestore,
      '#!/bin/sh\nif [ "$1" = --version ]; then echo "pg_restore (PostgreSQL) 14.0"; else echo ";     Dumped by pg_dump version: 15.2"; fi\n',
    );
    await chmod(oldDump, 0o755);
    await chmod(oldRestore, 0o755);
    const server = Math.floor(
      Number((await query<{ v: string }>(t.url, "SELECT current_setting('server_version_num') AS v"))[0].v) / 10_000,
    );
    process.env.PG_DUMP = oldDump;
    process.env.PG_RESTORE = oldRestore;
    try {
      await expect(backupDatabase(t.url, path.join(dir, "y.dump"))).rejects.toThrow(
        new RegExp(`version 14, older than the database server \\(PostgreSQL ${server}\\)`),
      );
      await expect(restoreDatabase(t.url, path.join(dir, "default.dump"), { into: "cds_never_created" })).rejects.toThrow(
        /written by pg_dump 15; .* is version 14/,
      );
    } finally {
      delete process.env.PG_DUMP;
      delete process.env.PG_RESTORE;
      if (saved !== undefined) process.env.PG_DUMP = saved;
    }

    const junk = path.join(dir, "junk.dump");
    await writeFile(junk, "not a dump");
    await expect(restoreDatabase(t.url, junk, { into: "cds_never_created" })).rejects.toThrow(/not a backup/);
    expect((await query(t.url, "SELECT 1 FROM pg_database WHERE datname = 'cds_never_created'")).length).toBe(0);
  });
});
