import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";

export type TestDatabase = { url: string; db: Db; drop: () => Promise<void> };

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: inject("adminUrl") });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh, migrated database of this test file's own (a copy of the run's template). It also
 * becomes the database behind `db` from lib/db.ts, so lib functions under test use it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cds_test_${randomBytes(6).toString("hex")}`;
  // CREATE DATABASE … TEMPLATE needs the template to have no other connections; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDb")}"`));
      break;
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const u = new URL(inject("adminUrl"));
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = createPrismaClient(url);
  process.env.DATABASE_URL = url;
  (globalThis as { db?: Db }).db = db;
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
