// Next's request-bound helpers, faked so server actions and route handlers run as plain functions
// in Vitest against the real test database. The one seam is the session: next-auth's auth()
// returns the claims of a REAL user row, and lib/auth/session.ts re-reads that row (role, commune,
// active, version) as in production. The rest are minimal fakes: a client address per test so rate
// limits work, a cookie jar, no-op cache invalidation, Vietnamese messages for getTranslations.
//
// In a test file:
//   vi.mock("@/lib/auth/config", async () => (await import("@/lib/testing/next-fakes")).fakeAuthModule());
//   vi.mock("next/headers", async () => (await import("@/lib/testing/next-fakes")).fakeHeadersModule());
//   vi.mock("next/cache", async () => (await import("@/lib/testing/next-fakes")).fakeCacheModule());
//   vi.mock("next-auth", async () => (await import("@/lib/testing/next-fakes")).fakeNextAuthModule());
//   vi.mock("next-intl/server", async () => (await import("@/lib/testing/next-fakes")).fakeIntlModule());
// then `actAs(userRow)` / `actAs(null)` before each call, and `outcome(call())` (lib/testing/calls.ts)
// to read the result. Users and records to act on: lib/testing/fixtures.ts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { MESSAGE_FILES } from "@/lib/i18n/messages";

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
