import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const NUL = "\u0000";
const NUL_ESCAPE = "\\u0000";

/**
 * PostgreSQL's text and jsonb cannot hold U+0000: a NUL in any parameter makes the statement fail
 * (22021, 22P05) instead of saving or finding anything. Nobody types one, so it is dropped from
 * every parameter before it is sent: from text, and from the strings inside a JSON document (where
 * JSON.stringify wrote it as an escape).
 */
export function withoutNul(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNul);
  if (typeof value !== "string" || (!value.includes(NUL) && !value.includes(NUL_ESCAPE))) return value;
  const text = value.replaceAll(NUL, "");
  if (!text.includes(NUL_ESCAPE) || !(text.startsWith("{") || text.startsWith("["))) return text;
  try {
    return JSON.stringify(JSON.parse(text, (_k, v: unknown) => (typeof v === "string" ? v.replaceAll(NUL, "") : v)));
  } catch {
    return text; // not JSON: a person's text that happens to contain the six characters
  }
}

/** pg's client with every query's parameters passed through withoutNul (the pool makes these). */
class NulFreeClient extends pg.Client {}
const sendQuery = pg.Client.prototype.query;
NulFreeClient.prototype.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
  if (
    config !== null &&
    typeof config === "object" &&
    Object.getPrototypeOf(config) === Object.prototype &&
    Array.isArray((config as { values?: unknown }).values)
  ) {
    config = { ...config, values: withoutNul((config as { values: unknown[] }).values) };
  } else if (Array.isArray(values)) {
    values = withoutNul(values);
  }
  return (sendQuery as (...a: unknown[]) => unknown).call(this, config, values, callback);
} as typeof sendQuery;

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
        Client: NulFreeClient,
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
