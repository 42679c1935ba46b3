import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertSameMajorVersion, embeddedMajorVersion, startEmbeddedPostgres } from "@/lib/db/embedded";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cds-embedded-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the embedded PostgreSQL's data directory", () => {
  it("ships PostgreSQL 15, the major version of Debian 12's pg_dump", () => {
    expect(embeddedMajorVersion()).toBe(15);
  });

  it("is refused, with what to do, when another major version created it", async () => {
    const old = path.join(dir, "pg18");
    await mkdir(old);
    await writeFile(path.join(old, "PG_VERSION"), "18\n");
    expect(() => assertSameMajorVersion(old, 15)).toThrow(/created by PostgreSQL 18.*ships PostgreSQL 15.*delete/);
    // Before anything is started: the server is never pointed at the directory.
    await expect(startEmbeddedPostgres({ dataDir: old, port: 1 })).rejects.toThrow(/created by PostgreSQL 18/);
  });

  it("is accepted when the versions match", async () => {
    const same = path.join(dir, "pg15");
    await mkdir(same);
    await writeFile(path.join(same, "PG_VERSION"), `${embeddedMajorVersion()}\n`);
    expect(() => assertSameMajorVersion(same)).not.toThrow();
  });
});
