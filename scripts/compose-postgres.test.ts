import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { embeddedMajorVersion } from "@/lib/db/embedded";
import { ROOT } from "@/scripts/paths";

// npm run db:backup dumps with the distribution's pg_dump (Debian 12: PostgreSQL 15), which must
// be at least the server's version; the embedded server is pinned to it, so the deployed one is too.
describe("docker-compose.yml's PostgreSQL", () => {
  it("is the embedded server's major version", async () => {
    const compose = parse(await readFile(path.join(ROOT, "docker-compose.yml"), "utf8"));
    const major = Number(/^postgres:(\d+)/.exec(String(compose.services.db.image))?.[1]);
    expect(major).toBe(embeddedMajorVersion());
    expect(major).toBe(15);
  });
});
