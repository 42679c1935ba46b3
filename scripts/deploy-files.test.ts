import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "@/scripts/paths";

// There is no Docker engine on the build machines, so the deployment files are checked for shape.
// nginx's and PgBouncer's configurations (deploy/) are run for real by e2e/cluster.spec.ts.
const compose = async () => parse(await readFile(path.join(ROOT, "docker-compose.yml"), "utf8"));

describe("docker-compose.yml", () => {
  it("runs the primary, a streaming replica, PgBouncer, two app servers and nginx, each with a health check", async () => {
    const { services, volumes } = await compose();
    expect(Object.keys(services).sort()).toEqual(["app", "db", "nginx", "pgbouncer", "replica"]);
    for (const [name, service] of Object.entries<{ healthcheck?: { test?: unknown } }>(services))
      expect(service.healthcheck?.test, name).toBeTruthy();
    expect(services.db.image).toMatch(/^postgres:\d+/);
    expect(services.replica.image).toBe(services.db.image);
    expect(services.app.deploy.replicas).toBe(2);
    expect(volumes).toHaveProperty("db-data");
    expect(volumes).toHaveProperty("replica-data");
  });

  it("sends migrations to the primary itself, the app's connections through PgBouncer, lagging reads to the replica", async () => {
    const { services } = await compose();
    const env = services.app.environment;
    expect(services.app.build).toBe(".");
    expect(env.DATABASE_URL).toMatch(/@db:5432\//);
    expect(env.DATABASE_POOLER_URL).toMatch(/\/\/pgbouncer:6432\//);
    expect(env.DATABASE_REPLICA_URLS).toMatch(/\/\/replica:5432\//);
    expect(env.AUTH_SECRET).toContain(":?");
    expect(env.TRUSTED_PROXY_HOPS).toBe(1);
    for (const dep of ["db", "pgbouncer", "replica"]) expect(services.app.depends_on[dep].condition).toBe("service_healthy");
    expect(services.pgbouncer.build).toBe("./deploy/pgbouncer");
    expect(services.pgbouncer.environment.PGBOUNCER_DB_HOST).toBe("db");
  });

  it("streams the replica from the primary, with the role the primary's first start makes", async () => {
    const { services } = await compose();
    expect(services.db.volumes).toContain("./deploy/postgres/primary-init.sh:/docker-entrypoint-initdb.d/replication.sh:ro");
    expect(services.replica.environment.PRIMARY_HOST).toBe("db");
    const init = await readFile(path.join(ROOT, "deploy/postgres/primary-init.sh"), "utf8");
    const replica = await readFile(path.join(ROOT, "deploy/postgres/replica-entrypoint.sh"), "utf8");
    expect(init).toMatch(/CREATE ROLE replicator WITH REPLICATION LOGIN/);
    expect(init).toMatch(/host replication replicator all scram-sha-256/);
    expect(replica).toMatch(/pg_basebackup -h "\$PRIMARY_HOST" -U replicator -D "\$PGDATA" -R -X stream/);
    expect(replica).toMatch(/exec docker-entrypoint\.sh postgres/);
  });

  it("puts nginx in front with the template the tests run, filled from PORTAL_ variables", async () => {
    const { services } = await compose();
    expect(services.nginx.volumes).toContain("./deploy/nginx/portal.conf.template:/etc/nginx/templates/default.conf.template:ro");
    const template = await readFile(path.join(ROOT, "deploy/nginx/portal.conf.template"), "utf8");
    const used = [...template.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]);
    expect(new Set(used)).toEqual(new Set(Object.keys(services.nginx.environment).filter((k) => k.startsWith("PORTAL_"))));
  });

  it("has deployment scripts that sh can read", () => {
    for (const f of [
      "deploy/postgres/primary-init.sh",
      "deploy/postgres/replica-entrypoint.sh",
      "deploy/pgbouncer/entrypoint.sh",
    ])
      expect(() => execFileSync("sh", ["-n", path.join(ROOT, f)])).not.toThrow();
  });

  it("builds the app from the Dockerfile with npm ci and starts it with npm start", async () => {
    const dockerfile = await readFile(path.join(ROOT, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/CMD \["npm", "start"\]/);
  });
});
