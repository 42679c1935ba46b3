import { defineConfig } from "prisma/config";

// Prisma 7 does not read .env; the URL comes from the environment. Migrations are applied by
// scripts/db.ts with Prisma's WebAssembly schema engine (no downloaded binary, see STACK.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
