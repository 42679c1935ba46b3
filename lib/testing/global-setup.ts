// Once per test run: a PostgreSQL server (TEST_DATABASE_URL's, or an embedded one in a temporary
// directory), and a template database with every migration applied. Each test file copies the
// template into a fresh database of its own (lib/testing/db.ts).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { freePort } from "@/lib/testing/ports";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let tempDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tempDir = await mkdtemp(path.join(tmpdir(), "cds-test-"));
    await chmod(tempDir, 0o755); // the server runs as the `postgres` user when we are root
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg"), port: await freePort() });
    adminUrl = embedded.url("postgres");
  }
  const templateDb = `cds_template_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${templateDb}"`);
  await admin.end();
  await applyMigrations(withDatabase(adminUrl, templateDb), path.resolve(import.meta.dirname, "../../prisma/migrations"));

  project.provide("adminUrl", adminUrl);
  project.provide("templateDb", templateDb);

  return async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`);
    await c.end();
    if (embedded) await embedded.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
}
