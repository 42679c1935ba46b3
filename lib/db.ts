import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createPrismaClient(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg(
      {
        connectionString,
        // A request waits at most this long for a connection, then fails with an error the person
        // can retry, instead of hanging while the database is down or unreachable.
        connectionTimeoutMillis: 10_000,
        // Idle connections are closed after 30 s, so a pool refills with fresh ones after a restart.
        idleTimeoutMillis: 30_000,
        max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      },
      {
        // pg drops a connection that reports an error (e.g. the server restarted); it is never
        // handed out again. Logged so an operator sees the database went away.
        onPoolError: (err) => console.error(`[db] idle connection lost: ${err.message}`),
      },
    ),
    // A password hash never leaves lib/auth: it must be selected explicitly where it is checked.
    omit: { user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createPrismaClient>;

const globalForDb = globalThis as unknown as { db?: Db };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set. Start the portal with `npm run dev` or `npm start`.");
  }
  return url;
}

/** The one Prisma client, cached on globalThis so that dev hot reload does not leak connections. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    globalForDb.db ??= createPrismaClient(databaseUrl());
    const value = Reflect.get(globalForDb.db, prop);
    return typeof value === "function" ? value.bind(globalForDb.db) : value;
  },
});
