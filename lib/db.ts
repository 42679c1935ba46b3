import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

export { isDatabaseBusy } from "@/lib/db/errors";

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

/**
 * pg's client with every query's parameters passed through withoutNul (the pool makes these).
 * Every statement the app sends goes through its `query`: tests count them there.
 */
export class NulFreeClient extends pg.Client {}
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

/**
 * Connections per app server. A Volunteer Saturday sends bursts of saves (a whole branch saving
 * at the end of a street); a visit's transaction holds its connection for a few milliseconds
 * (lib/visits/mutations.ts), so 10 connections serve a burst of 50 in well under a second on
 * two cores, while leaving PostgreSQL's default 100 connections for several app servers.
 */
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
/** How long a request waits for a free connection before it fails with a retryable error. */
const POOL_WAIT_MS = 10_000;

/**
 * Options of a write transaction. Prisma's default maxWait (2 s) gave up on a connection the pool
 * would have handed out moments later ("Unable to start a transaction in the given time", ten
 * saves at once on a busy machine): a save waits as long as any request waits for the pool, and
 * may run 15 s once started. Past that the person gets a retryable error (isDatabaseBusy).
 */
export const WRITE_TRANSACTION = { maxWait: POOL_WAIT_MS, timeout: 15_000 } as const;

export function createPrismaClient(connectionString: string) {
  return new PrismaClient({
    adapter: new PrismaPg(
      {
        connectionString,
        // A request waits at most this long for a connection, then fails with an error the person
        // can retry, instead of hanging while the database is down or unreachable.
        connectionTimeoutMillis: POOL_WAIT_MS,
        // Idle connections are closed after 30 s, so a pool refills with fresh ones after a restart.
        idleTimeoutMillis: 30_000,
        max: POOL_SIZE,
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

type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A Prisma client (plain, or the app's `Db` with its global `omit`) or either's transaction client. */
export type DbClient = PrismaClient | Prisma.TransactionClient | Db | DbTransaction;

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
