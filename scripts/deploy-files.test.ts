import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "@/scripts/paths";

// There is no Docker engine on the build machines, so the deployment files are checked for shape.
describe("docker-compose.yml", () => {
  it("runs PostgreSQL and the app, wired together, with the secrets required", async () => {
    const compose = parse(await readFile(path.join(ROOT, "docker-compose.yml"), "utf8"));
    expect(Object.keys(compose.services).sort()).toEqual(["app", "db"]);
    expect(compose.services.db.image).toMatch(/^postgres:\d+/);
    expect(compose.services.app.build).toBe(".");
    expect(compose.services.app.depends_on.db.condition).toBe("service_healthy");
    expect(compose.services.app.environment.DATABASE_URL).toMatch(/@db:5432\//);
    expect(compose.services.app.environment.AUTH_SECRET).toContain(":?");
    expect(compose.volumes).toHaveProperty("db-data");
  });

  it("builds the app from the Dockerfile with npm ci and starts it with npm start", async () => {
    const dockerfile = await readFile(path.join(ROOT, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/CMD \["npm", "start"\]/);
  });
});
