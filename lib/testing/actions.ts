// A harness for calling server actions and route handlers as plain functions in Vitest, against
// the real test database. The one seam is the session: next-auth's auth() returns the claims of a
// REAL user row, and lib/auth/session.ts re-reads that row (role, commune, active, version) as in
// production. Next's request-bound helpers get minimal fakes: a client address per test so rate
// limits work, a cookie jar, no-op cache invalidation, Vietnamese messages for getTranslations.
//
// In a test file:
//   vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/actions")).fakeAuthModule());
//   vi.mock("next/headers", async () => (await import("@/lib/testing/actions")).fakeHeadersModule());
//   vi.mock("next/cache", async () => (await import("@/lib/testing/actions")).fakeCacheModule());
//   vi.mock("next-auth", async () => (await import("@/lib/testing/actions")).fakeNextAuthModule());
//   vi.mock("next-intl/server", async () => (await import("@/lib/testing/actions")).fakeIntlModule());
// then `actAs(userRow)` / `actAs(null)` before each call, and `outcome(call())` to read the result.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/auth/roles";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { localToUtc, vietnamIsoDay } from "@/lib/format/dates";
import { MESSAGE_FILES } from "@/lib/i18n/messages";
import type { TestDatabase } from "@/lib/testing/db";
import { seedDemo } from "@/prisma/seed/demo";

type Claims = { uid: number; sv: number; sid: string } | null;

const state: { claims: Claims; ip: string; cookies: Map<string, string> } = {
  claims: null,
  ip: "192.0.2.1",
  cookies: new Map(),
};

/** Acts as this user (a real row: id and session version) on the next calls; null = anonymous. */
export function actAs(user: { id: number; sessionVersion: number } | null): void {
  state.claims = user ? { uid: user.id, sv: user.sessionVersion, sid: crypto.randomUUID() } : null;
}

/** The session the next calls carry, as a cookie copied now would replay it. */
export function currentSession(): Claims {
  return state.claims && { ...state.claims };
}

/** Replays a session taken earlier with currentSession() (e.g. a cookie copied before sign-out). */
export function replaySession(claims: Claims): void {
  state.claims = claims && { ...claims };
}

/** The client address the next calls come from (rate limits key on it). */
export function fromAddress(ip: string): void {
  state.ip = ip;
}

let ipCounter = 0;
/** A fresh address from the documentation range, so each caller has its own rate-limit budget. */
export function freshAddress(): string {
  ipCounter++;
  const ip = `198.51.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
  state.ip = ip;
  return ip;
}

/** Stands in for next-auth's AuthError (next-auth itself does not load outside Next's bundler). */
export class FakeAuthError extends Error {
  type = "CredentialsSignin";
}

/** Replaces the "next-auth" package: only what the app imports from it outside lib/auth/config.ts. */
export function fakeNextAuthModule() {
  return { AuthError: FakeAuthError, default: () => ({}) };
}

function redirectError(url: string): Error {
  // The shape next/navigation's redirect() throws; 303 as next-auth answers a sign-in or sign-out
  // form, which tells it apart from requireUser()'s redirect of an anonymous caller.
  return Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;push;${url};303;` });
}

/** Replaces lib/auth/config.ts: auth() is the only seam; signIn checks the real credentials. */
export async function fakeAuthModule() {
  const { authenticate } = await import("@/lib/auth/credentials");
  return {
    auth: async () => state.claims,
    signIn: async (_provider: string, input: { login?: unknown; password?: unknown; redirectTo?: string }) => {
      const claims = await authenticate(String(input.login ?? ""), String(input.password ?? ""), state.ip);
      if (!claims) throw new FakeAuthError("CredentialsSignin");
      state.claims = { uid: claims.id, sv: claims.sessionVersion, sid: crypto.randomUUID() };
      throw redirectError(input.redirectTo ?? "/home");
    },
    signOut: async (opts?: { redirectTo?: string }) => {
      state.claims = null;
      throw redirectError(opts?.redirectTo ?? "/");
    },
    handlers: {
      GET: async () => new Response(null, { status: 404 }),
      POST: async () => new Response(null, { status: 404 }),
    },
  };
}

export function fakeHeadersModule() {
  return {
    headers: async () => new Headers({ "x-forwarded-for": state.ip, host: "localhost", origin: "http://localhost" }),
    cookies: async () => ({
      get: (name: string) => (state.cookies.has(name) ? { name, value: state.cookies.get(name)! } : undefined),
      getAll: () => [...state.cookies].map(([name, value]) => ({ name, value })),
      has: (name: string) => state.cookies.has(name),
      set: (name: string, value: string) => void state.cookies.set(name, value),
      delete: (name: string) => void state.cookies.delete(name),
    }),
  };
}

export function fakeCacheModule() {
  const noop = () => {};
  return { revalidatePath: noop, revalidateTag: noop, updateTag: noop, refresh: noop, unstable_cache: <T>(fn: T) => fn };
}

let viMessages: Record<string, unknown> | undefined;
/** The Vietnamese messages, merged as lib/i18n/messages.ts merges them. */
export function vietnameseMessages(): Record<string, unknown> {
  if (!viMessages) {
    const dir = path.resolve(import.meta.dirname, "../../messages/vi");
    viMessages = Object.assign(
      {},
      ...MESSAGE_FILES.map((f) => JSON.parse(readFileSync(path.join(dir, `${f}.json`), "utf8")) as Record<string, unknown>),
    );
  }
  return viMessages!;
}

/** The message at a dotted path, or undefined. */
export function messageAt(dotted: string): string | undefined {
  let node: unknown = vietnameseMessages();
  for (const part of dotted.split(".")) {
    if (node && typeof node === "object" && part in node) node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof node === "string" ? node : undefined;
}

/** Whether `key` is a message somewhere in the Vietnamese messages (error keys are looked up per form). */
export function isVietnameseMessageKey(key: string): boolean {
  const walk = (node: unknown): boolean =>
    !!node &&
    typeof node === "object" &&
    Object.entries(node as Record<string, unknown>).some(([k, v]) => (k === key && typeof v === "string") || walk(v));
  return walk(vietnameseMessages());
}

export function fakeIntlModule() {
  const t = (namespace?: string) => {
    const fn = (key: string) => messageAt(namespace ? `${namespace}.${key}` : key) ?? key;
    return Object.assign(fn, { rich: fn, markup: fn, raw: fn, has: (key: string) => fn(key) !== key });
  };
  return {
    getTranslations: async (arg?: string | { namespace?: string }) => t(typeof arg === "string" ? arg : arg?.namespace),
    getLocale: async () => "vi",
    getMessages: async () => vietnameseMessages(),
    getFormatter: async () => ({}),
    getNow: async () => new Date(),
    getTimeZone: async () => "Asia/Ho_Chi_Minh",
    getRequestConfig: <T>(fn: T) => fn,
    setRequestLocale: () => {},
  };
}

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
  const v = o.value as { formError?: unknown; error?: unknown; result?: { formError?: unknown } } | null;
  const code = v?.formError ?? v?.error ?? v?.result?.formError;
  // "signedOut": an action the phone calls in the background answers so instead of redirecting.
  return code === "forbidden" || code === "notFound" || code === "signedOut";
}

function succeeded(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value === undefined || value === null) return true;
  if (typeof value !== "object") return true;
  const v = value as { ok?: unknown; result?: { ok?: unknown } };
  if (v.result && typeof v.result === "object") return v.result.ok === true;
  return v.ok !== false;
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

// ---------------------------------------------------------------------------------------------
// A world to call actions in: real users of every role in two communes.

/** Commune roles created in the other commune (B), and the second set of users in A (A2). */
export const WORLD_B_ROLES: Role[] = ["resident", "volunteer", "branch_leader", "official", "admin"];
export const WORLD_A2_ROLES: Role[] = ["resident", "volunteer", "branch_leader"];

export type UserRow = { id: number; sessionVersion: number; role: Role; communeId: number | null };
export type World = {
  t: TestDatabase;
  a: number;
  b: number;
  users: Record<string, UserRow>;
  village: number;
  branch: number;
  volunteer: number;
  skill: number;
  topic: number;
  campaign: number;
  todayCampaign: number;
  futureEvent: number;
  todayEvent: number;
};

let seq = 0;
/** A short unique suffix for names and codes. */
export const uniq = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;
export const phone = () => `09${String(10_000_000 + ((Date.now() + seq++ * 7919) % 89_999_999)).slice(0, 8)}`;
export const todayVn = () => vietnamIsoDay();
export const inDaysVn = (d: number) => vietnamIsoDay(d);

export async function freshHousehold(w: World, members = 1) {
  const name = `Hộ Thử ${uniq()}`;
  const h = await w.t.db.household.create({
    data: {
      communeId: w.a,
      villageId: w.village,
      headName: name,
      address: `Số ${uniq()}`,
      members: {
        create: Array.from({ length: members }, (_, i) => ({
          communeId: w.a,
          fullName: i === 0 ? name : `Thành Viên ${uniq()}`,
          birthYear: 1980 + i,
          gender: "female" as const,
          isHead: i === 0,
        })),
      },
    },
    include: { members: { orderBy: { id: "asc" } } },
  });
  return h;
}

export async function adoptedFamily(w: World) {
  const h = await freshHousehold(w);
  const f = await w.t.db.digitalFamily.create({
    data: { communeId: w.a, householdId: h.id, branchId: w.branch, enrolledOn: new Date(`${todayVn()}T00:00:00Z`) },
  });
  return { household: h, family: f };
}

export async function freshEvent(w: World, startsAt: Date, endsAt: Date) {
  return w.t.db.trainingEvent.create({
    data: {
      communeId: w.a,
      topicId: w.topic,
      title: `Lớp thử ${uniq()}`,
      audience: "residents",
      place: "Nhà văn hóa thôn",
      organiser: "Trung tâm Chính trị",
      startsAt,
      endsAt,
      capacity: 30,
    },
  });
}

export async function freshRegistration(w: World, eventId: number) {
  return w.t.db.registration.create({
    data: { communeId: w.a, eventId, fullName: `Người Học ${uniq()}`, phone: phone(), code: uniq().toUpperCase().slice(0, 10) },
  });
}

/**
 * The demo commune (A, seeded as `npm run dev` seeds it) with one user per role; the same commune
 * roles of ANOTHER commune (B); and in A another branch's volunteer and leader and another
 * resident (A2). Plus a campaign of the demo leader's branch (in a few days, and today), a class in
 * a week and one today (check-in is only possible on the class's day).
 */
export async function buildWorld(t: TestDatabase, households = 40): Promise<World> {
  await seedDemo(t.db, { households });
  const a = (await t.db.commune.findUniqueOrThrow({ where: { code: "tu-ky" } })).id;
  const b = (await t.db.commune.create({ data: { code: `other-${uniq()}`, name: "Xã Khác", province: "Hải Phòng" } })).id;
  await ensureCommuneDefaults(t.db, b);
  const bVillage = await t.db.village.create({ data: { communeId: b, name: "Thôn Khác", code: "tk" } });
  const bBranch = await t.db.youthBranch.create({ data: { communeId: b, name: "Chi đoàn Khác", villageId: bVillage.id } });
  const users: Record<string, UserRow> = {};
  const select = { id: true, sessionVersion: true, role: true, communeId: true } as const;
  for (const [username, role] of [
    ["admin", "admin"],
    ["official", "official"],
    ["leader", "branch_leader"],
    ["volunteer", "volunteer"],
    ["resident", "resident"],
    ["city", "city"],
  ] as const) {
    users[`A:${role}`] = await t.db.user.findUniqueOrThrow({ where: { username }, select });
  }
  for (const role of WORLD_B_ROLES) {
    const bMember =
      role === "resident"
        ? (
            await t.db.household.create({
              data: {
                communeId: b,
                villageId: bVillage.id,
                headName: "Cư Dân Khác",
                address: "Số 9 thôn Khác",
                members: { create: { communeId: b, fullName: "Cư Dân Khác", birthYear: 1980, gender: "male", isHead: true } },
              },
              include: { members: true },
            })
          ).members[0]!.id
        : null;
    const u = await t.db.user.create({
      data: {
        communeId: b,
        username: `b-${role}`,
        name: `B ${role}`,
        role,
        passwordHash: "x",
        memberId: bMember,
        phone: phone(),
      },
      select,
    });
    if (role === "volunteer" || role === "branch_leader")
      await t.db.volunteerProfile.create({
        data: { userId: u.id, communeId: b, branchId: bBranch.id, isLeader: role === "branch_leader", joinedOn: new Date() },
      });
    users[`B:${role}`] = u;
  }
  const leaderProfile = await t.db.volunteerProfile.findUniqueOrThrow({ where: { userId: users["A:branch_leader"]!.id } });
  const otherBranch = await t.db.youthBranch.findFirstOrThrow({ where: { communeId: a, id: { not: leaderProfile.branchId } } });
  const otherMember = await t.db.member.findFirstOrThrow({
    where: { communeId: a, user: null, household: { members: { none: { user: { isNot: null } } } } },
  });
  for (const role of WORLD_A2_ROLES) {
    const u = await t.db.user.create({
      data: {
        communeId: a,
        username: `a2-${role}`,
        name: `A2 ${role}`,
        role,
        passwordHash: "x",
        phone: phone(),
        memberId: role === "resident" ? otherMember.id : null,
      },
      select,
    });
    if (role !== "resident")
      await t.db.volunteerProfile.create({
        data: { userId: u.id, communeId: a, branchId: otherBranch.id, isLeader: role === "branch_leader", joinedOn: new Date() },
      });
    users[`A2:${role}`] = u;
  }
  const village = (await t.db.village.findFirstOrThrow({ where: { communeId: a }, orderBy: { id: "asc" } })).id;
  const skill = (await t.db.skill.findFirstOrThrow({ where: { communeId: a, scope: "member" }, orderBy: { id: "asc" } })).id;
  const topic = (await t.db.trainingTopic.findFirstOrThrow({ where: { communeId: a }, orderBy: { id: "asc" } })).id;
  const w: World = {
    t,
    a,
    b,
    users,
    village,
    branch: leaderProfile.branchId,
    volunteer: users["A:volunteer"]!.id,
    skill,
    topic,
    campaign: 0,
    todayCampaign: 0,
    futureEvent: 0,
    todayEvent: 0,
  };
  const mkCampaign = (startsOn: string) =>
    t.db.campaign.create({
      data: {
        communeId: a,
        name: `Đợt ${uniq()}`,
        kind: "volunteer_saturday",
        startsOn: new Date(`${startsOn}T00:00:00Z`),
        endsOn: new Date(`${startsOn}T00:00:00Z`),
        createdById: users["A:official"]!.id,
        villages: { create: { villageId: village } },
        branches: { create: { branchId: leaderProfile.branchId } },
      },
    });
  w.campaign = (await mkCampaign(inDaysVn(5))).id;
  w.todayCampaign = (await mkCampaign(todayVn())).id;
  const future = new Date(`${inDaysVn(7)}T01:00:00Z`);
  w.futureEvent = (await freshEvent(w, future, new Date(future.getTime() + 2 * 3_600_000))).id;
  // On today's date in Vietnam, whatever the hour: check-in is only possible on the class's day.
  // Starting five minutes ago, but never before midnight in Vietnam (a run just after 00:00 would
  // otherwise make a class of yesterday).
  const now = Date.now();
  const start = Math.max(now - 5 * 60_000, localToUtc(todayVn()).getTime());
  w.todayEvent = (await freshEvent(w, new Date(start), new Date(Math.max(now, start) + 5 * 60_000))).id;
  return w;
}
