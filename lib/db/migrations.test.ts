import { readFile } from "node:fs/promises";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, diffSchemas } from "@/lib/db/schema-engine";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { MIGRATIONS_DIR, SCHEMA_PATH, SNAPSHOT_PATH } from "@/scripts/paths";

// The structure of a database as the catalogue sees it, for comparing two databases.
async function structure(url: string) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const columns = await c.query(`
      SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY 1, 2`);
    const constraints = await c.query(`
      SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
      ORDER BY 1, 2`);
    // Expression indexes for search, covering (INCLUDE) indexes and indexes with NULLS FIRST (*_sort_idx)
    // are written by hand in migrations; Prisma cannot express them.
    const indexes = await c.query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexname NOT LIKE '%\\_search\\_idx' AND indexname NOT LIKE '%\\_covering\\_idx' AND indexname NOT LIKE '%\\_sort\\_idx'
      ORDER BY 1, 2`);
    const enums = await c.query(`
      SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY 1 ORDER BY 1`);
    return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows, enums: enums.rows };
  } finally {
    await c.end();
  }
}

describe("migrations", () => {
  let fromMigrations: TestDatabase;
  let fromSchema: TestDatabase;

  beforeAll(async () => {
    fromMigrations = await createTestDatabase(); // the template has every migration applied
    fromSchema = await createTestDatabase();
  });
  afterAll(async () => {
    await fromMigrations.drop();
    await fromSchema.drop();
  });

  it("agree with schema.prisma: the database they build is the one the schema describes", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    // Build a second database straight from schema.prisma, in a clean schema.
    const c = new Client({ connectionString: fromSchema.url });
    await c.connect();
    await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await c.query(await diffSchemas(fromSchema.url, null, schema));
    await c.end();
    expect(await structure(fromMigrations.url)).toEqual(await structure(fromSchema.url));
  });

  it("leave nothing to write: schema.prisma has not changed since the last migration", async () => {
    const [schema, snapshot] = await Promise.all([readFile(SCHEMA_PATH, "utf8"), readFile(SNAPSHOT_PATH, "utf8")]);
    const pending = await diffSchemas(fromMigrations.url, snapshot, schema);
    expect(pending.trim(), "run `npm run db:migration -- <name>`").toBe("");
  });

  it("apply nothing the second time", async () => {
    expect(await applyMigrations(fromMigrations.url, MIGRATIONS_DIR)).toEqual([]);
    const c = new Client({ connectionString: fromMigrations.url });
    await c.connect();
    const { rows } = await c.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1");
    await c.end();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0].migration_name).toMatch(/^\d{14}_init$/);
  });

  it("search without diacritics through the unaccent index function", async () => {
    const c = new Client({ connectionString: fromMigrations.url });
    await c.connect();
    const { rows } = await c.query("SELECT f_unaccent('Nguyễn Văn Đức, Tứ Kỳ') AS s");
    await c.end();
    expect(rows[0].s).toBe("nguyen van duc, tu ky");
  });
});
