import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
// schema.prisma as it stood at the last migration: the next migration is the diff from it.
export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");
