import "server-only";
import { readReplicas } from "@prisma/extension-read-replicas";
import { createPrismaClient, db, isDatabaseBusy, type Db } from "@/lib/db";

/**
 * Reads that may lag the primary by a moment go to a streaming replica when DATABASE_REPLICA_URLS
 * lists some (comma-separated): the dashboards, drill-downs, the city view, exports, the public
 * pages and the household search. Everything else — writes, and reads that must show what the
 * person just saved (the volunteer's list after a visit, a form re-opened, a roster after a
 * check-in) — uses `db`, the primary. docs/decisions/0026-read-replicas.md says which and why.
 *
 * The routing is Prisma's own extension (@prisma/extension-read-replicas: it picks a replica at
 * random per call). A replica that cannot be reached is left alone for DOWN_MS and the read runs
 * on the primary: a request never fails because a replica is down.
 */
export const DOWN_MS = 5_000;

type Replicated = { $replica(): Db };
type Routing = { routed: Replicated; down: Map<Db, number> } | null;

const globalForReads = globalThis as unknown as { readRouting?: Routing; readRoutingUrls?: string };

function replicaUrls(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.DATABASE_REPLICA_URLS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function routing(): Routing {
  const urls = replicaUrls();
  const key = urls.join(",");
  if (globalForReads.readRoutingUrls !== key) {
    globalForReads.readRoutingUrls = key;
    globalForReads.readRouting =
      urls.length === 0
        ? null
        : {
            routed: db.$extends(readReplicas({ replicas: urls.map(createPrismaClient) })) as unknown as Replicated,
            down: new Map(),
          };
  }
  return globalForReads.readRouting ?? null;
}

/** A replica that is up (picked by the extension), or null: read on the primary. */
function pickReplica(r: NonNullable<Routing>): Db | null {
  const replica = r.routed.$replica();
  const until = r.down.get(replica);
  if (until !== undefined && until > Date.now()) return null;
  return replica;
}

async function onReplicaElsePrimary<T>(
  r: NonNullable<Routing>,
  replica: Db,
  read: () => Promise<T>,
  fallback: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!isDatabaseBusy(err)) throw err;
    r.down.set(replica, Date.now() + DOWN_MS);
    console.error(`[db] a read replica is out of reach; reading on the primary for ${DOWN_MS / 1000} s`);
    return fallback();
  }
}

function call(target: object, name: PropertyKey, args: unknown[]): Promise<unknown> {
  return (Reflect.get(target, name) as (...a: unknown[]) => Promise<unknown>).apply(target, args);
}

/**
 * The client for reads that may lag (see above): a replica when one is configured and up, else
 * the primary. Use it only in lib modules that read; its calls return plain promises.
 */
export const readDb: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const r = routing();
    const replica = r ? pickReplica(r) : null;
    if (!r || !replica) {
      const value = Reflect.get(db, prop);
      return typeof value === "function" ? value.bind(db) : value;
    }
    const value = Reflect.get(replica, prop);
    if (typeof value === "function") {
      // $queryRaw, $queryRawUnsafe: the indicator queries are raw SQL.
      return (...args: unknown[]) =>
        onReplicaElsePrimary(
          r,
          replica,
          () => call(replica, prop, args),
          () => call(db, prop, args),
        );
    }
    if (value && typeof value === "object") {
      // A model: db.household.findMany(…) and the like.
      return new Proxy(value, {
        get(model, method) {
          const fn = Reflect.get(model, method);
          if (typeof fn !== "function") return fn;
          return (...args: unknown[]) =>
            onReplicaElsePrimary(
              r,
              replica,
              () => call(model, method, args),
              () => call(Reflect.get(db, prop) as object, method, args),
            );
        },
      });
    }
    return value;
  },
});
