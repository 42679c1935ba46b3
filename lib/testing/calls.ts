// Calling server actions and route handlers as plain functions in Vitest (with the fakes of
// lib/testing/next-fakes.ts mocked in): load them by their path in the permission matrix, build
// their FormData, read how a call ended, and check that a refused call wrote nothing.
import { readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
type Callable = (...args: never[]) => Promise<unknown>;

/** A server-action module by its path in the matrix (e.g. "app/(portal)/households/actions.ts"). */
export async function loadActionModule(file: string): Promise<Record<string, Callable>> {
  return (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, Callable>;
}

function walkRoutes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walkRoutes(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );
}

/** The route-handler module serving a matrix path (e.g. "/api/exports/[table]"). */
export async function loadRouteModule(pattern: string): Promise<Record<string, Callable>> {
  const app = path.join(ROOT, "app");
  const file = walkRoutes(app).find(
    (f) =>
      "/" +
        path
          .relative(app, path.dirname(f))
          .split(path.sep)
          .filter((s) => s && !(s.startsWith("(") && s.endsWith(")")))
          .join("/") ===
      pattern,
  );
  if (!file) throw new Error(`no route.ts serves ${pattern}`);
  return (await import(/* @vite-ignore */ file)) as Record<string, Callable>;
}

/** What an action or route ended with. */
export type Outcome =
  | { kind: "redirect"; to: string; status: number }
  | { kind: "status"; status: number }
  | { kind: "returned"; value: unknown }
  | { kind: "response"; status: number; response: Response };

/** Runs a call and reads how it ended: a redirect, an HTTP refusal (403/404/401), or its value. */
export async function outcome(p: Promise<unknown> | (() => Promise<unknown>)): Promise<Outcome> {
  try {
    const value = await (typeof p === "function" ? p() : p);
    if (value instanceof Response) return { kind: "response", status: value.status, response: value };
    return { kind: "returned", value };
  } catch (err) {
    const digest = String((err as { digest?: string } | null)?.digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) {
      const [, , to = "", status = "307"] = digest.split(";");
      return { kind: "redirect", to, status: Number(status) };
    }
    const http = /^NEXT_HTTP_ERROR_FALLBACK;(\d+)/.exec(digest);
    if (http) return { kind: "status", status: Number(http[1]) };
    throw err;
  }
}

/** requireUser() sends an anonymous caller to exactly "/login" (a success may go to /login?…). */
function isSentToSignIn(o: { to: string; status: number }): boolean {
  return o.to === "/login" && o.status !== 303;
}

/** A refusal: sent to sign in, 401/403/404, or a returned failure. */
export function isRefusal(o: Outcome): boolean {
  // A plain form's action answers a failure by redirecting back with ?error=….
  if (o.kind === "redirect") return isSentToSignIn(o) || /[?&]error=/.test(o.to);
  if (o.kind === "status") return o.status === 401 || o.status === 403 || o.status === 404;
  if (o.kind === "response") return o.status === 401 || o.status === 403 || o.status === 404;
  return !succeeded(o.value);
}

/** A hard refusal by the guard itself (not a validation or business error). */
export function isGuardRefusal(o: Outcome): boolean {
  if (o.kind === "redirect") return isSentToSignIn(o);
  if (o.kind === "status" || o.kind === "response") return o.status === 401 || o.status === 403 || o.status === 404;
  const v = o.value as { formError?: unknown; error?: unknown } | null;
  const code = v?.formError ?? v?.error;
  // "signedOut": an action the phone calls in the background answers so instead of redirecting.
  return code === "forbidden" || code === "notFound" || code === "signedOut";
}

function succeeded(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value === undefined || value === null) return true;
  if (typeof value !== "object") return true;
  return (value as { ok?: unknown }).ok !== false;
}

/** Builds FormData from plain fields; arrays become repeated fields. */
export function form(fields: Record<string, string | number | boolean | null | undefined | (string | number)[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue;
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, String(one));
  }
  return fd;
}

/**
 * A fingerprint of every table's content except logs that a refused call may legitimately add
 * to (the audit trail, rate-limit counters): equal before and after means nothing was written.
 */
export async function tableFingerprint(db: { $queryRawUnsafe: <T>(sql: string) => Promise<T> }): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<{ t: string }[]>(
    `SELECT table_name AS t FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('audit_log', 'rate_limit_bucket', '_prisma_migrations')
       AND table_name NOT LIKE 'pgboss%'
     ORDER BY table_name`,
  );
  if (tables.length === 0) return {};
  const sql = tables
    .map(
      ({ t }) =>
        `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') AS h FROM "${t}" x`,
    )
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ t: string; h: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/** The tables whose content differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
