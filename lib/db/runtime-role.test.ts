import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareRuntimeRole, RUNTIME_ROLE } from "@/lib/db/runtime-role";
import { installJobQueue } from "@/lib/outbox/queues";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

// The running portal's database role: it reads and writes rows, and nothing else.
describe("the portal's runtime database role", () => {
  let t: TestDatabase;
  let app: Client;

  beforeAll(async () => {
    t = await createTestDatabase();
    await installJobQueue(t.url);
    const runtime = await prepareRuntimeRole(t.url, "a test secret");
    expect(runtime.role).toBe(RUNTIME_ROLE);
    app = new Client({ connectionString: runtime.url });
    await app.connect();
  }, 120_000);

  afterAll(async () => {
    await app?.end();
    await t?.drop();
  });

  /** The SQLSTATE of a statement the role must not run (null when it ran). */
  async function refusal(sql: string): Promise<string | null> {
    await app.query("SAVEPOINT probe");
    try {
      await app.query(sql);
      return null;
    } catch (err) {
      return (err as { code?: string }).code ?? "unknown";
    } finally {
      await app.query("ROLLBACK TO SAVEPOINT probe");
    }
  }

  it("is who the connection is, and is neither a superuser nor an owner", async () => {
    const { rows } = await app.query<{ who: string; superuser: boolean; owns: string }>(
      `SELECT current_user AS who, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              (SELECT count(*) FROM pg_tables WHERE tableowner = current_user) AS owns`,
    );
    expect(rows[0]).toEqual({ who: RUNTIME_ROLE, superuser: false, owns: "0" });
  });

  it("reads and writes the portal's rows and the job queue's", async () => {
    await app.query("BEGIN");
    try {
      const { rows } = await app.query<{ id: number }>(
        `INSERT INTO commune (name, code, province) VALUES ('Xã Thử Quyền', 'TQ-RT', 'Hải Phòng') RETURNING id`,
      );
      expect(rows[0].id).toBeGreaterThan(0);
      expect((await app.query("SELECT count(*) FROM household")).rowCount).toBe(1);
      expect((await app.query("SELECT count(*) FROM pgboss.job")).rowCount).toBe(1);
      expect(await refusal(`INSERT INTO audit_log (action, entity) VALUES ('test.probe', 'test')`)).toBeNull();
    } finally {
      await app.query("ROLLBACK");
    }
  });

  it("cannot change the schema, rewrite the audit trail or drop its append-only trigger", async () => {
    await app.query("BEGIN");
    try {
      expect(await refusal("DROP TRIGGER audit_log_no_update_delete ON audit_log")).toBe("42501");
      expect(await refusal("ALTER TABLE audit_log DISABLE TRIGGER ALL")).toBe("42501");
      expect(await refusal("UPDATE audit_log SET details = '{}'")).toBe("42501");
      expect(await refusal("DELETE FROM audit_log")).toBe("42501");
      expect(await refusal("TRUNCATE audit_log")).toBe("42501");
      expect(await refusal("CREATE TABLE intruder (id int)")).toBe("42501");
      expect(await refusal("ALTER TABLE household ADD COLUMN intruder int")).toBe("42501");
      expect(await refusal("DROP TABLE visit")).toBe("42501");
      expect(await refusal("CREATE SCHEMA intruder")).toBe("42501");
      expect(await refusal("CREATE TABLE pgboss.intruder (id int)")).toBe("42501");
      expect(await refusal(`DELETE FROM "_prisma_migrations"`)).toBe("42501");
      expect(await refusal("CREATE ROLE intruder")).toBe("42501");
    } finally {
      await app.query("ROLLBACK");
    }
  });
});
