import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, admits, PAGES, ROUTES } from "@/lib/auth/permissions";
import { ROLES } from "@/lib/auth/roles";

// Every page, route handler and server action in app/ must have an entry in the permission
// matrix, and every entry must still exist: a new page without a declaration fails here.
const ROOT = path.resolve(import.meta.dirname, "../..");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(p);
    return [p];
  });
}

/** The URL pattern of a file under app/: route groups and private folders dropped. */
function urlOf(file: string): string {
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !(s.startsWith("(") && s.endsWith(")")));
  return "/" + segments.join("/");
}

/** Names a module exports (function and const declarations, and `export const { A, B } = …`). */
function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  for (const m of source.matchAll(/export\s+const\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  for (const m of source.matchAll(/export\s+const\s+\{([^}]*)\}/g))
    for (const n of m[1]!.split(",")) names.add(n.split(":").pop()!.trim());
  for (const m of source.matchAll(/export\s+\{([^}]*)\}/g))
    for (const n of m[1]!.split(",")) {
      const name = n
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      if (name && !name.startsWith("type ")) names.add(name);
    }
  names.delete("");
  return [...names];
}

const isUseServer = (source: string) => /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source);

const files = [...walk(path.join(ROOT, "app")), ...walk(path.join(ROOT, "lib"))].filter((f) => /\.(ts|tsx)$/.test(f));
const appFiles = files.filter((f) => f.startsWith(path.join(ROOT, "app") + path.sep));

const allPages = appFiles.filter((f) => /[/\\]page\.(tsx|ts|jsx|js)$/.test(f)).map(urlOf);
// app/cached/[locale]/… are the anonymous renderings of public pages, reached by proxy.ts's rewrite
// of the page's own address (docs/decisions/0025): checked against that page's entry, below.
const CACHED = "/cached/[locale]";
const foundPages = allPages.filter((p) => !p.startsWith(CACHED));
const cachedPages = allPages.filter((p) => p.startsWith(CACHED)).map((p) => p.slice(CACHED.length) || "/");
const foundRoutes = appFiles
  .filter((f) => /[/\\]route\.(ts|js)$/.test(f))
  .flatMap((f) => {
    const names = exportedNames(readFileSync(f, "utf8"));
    return names.filter((n) => HTTP_METHODS.includes(n)).map((m) => `${m} ${urlOf(f)}`);
  });
const foundActions = files
  .map((f) => ({ f, source: readFileSync(f, "utf8") }))
  .filter(({ source }) => isUseServer(source))
  .flatMap(({ f, source }) => exportedNames(source).map((name) => `${path.relative(ROOT, f).split(path.sep).join("/")}#${name}`));
const declaredActions = Object.entries(ACTIONS).flatMap(([file, fns]) => Object.keys(fns).map((n) => `${file}#${n}`));

describe("the permission matrix covers app/", () => {
  it("finds the app's pages, routes and actions (the walk itself works)", () => {
    expect(foundPages).toContain("/households/[id]");
    expect(foundRoutes).toContain("GET /api/health");
    expect(foundActions).toContain("app/(portal)/households/actions.ts#createHouseholdAction");
  });

  it("declares every page", () => {
    expect(foundPages.filter((p) => !(p in PAGES)).sort()).toEqual([]);
  });

  it("caches only pages that anyone may see and that show nothing personal", () => {
    expect(cachedPages.length).toBeGreaterThan(0);
    for (const page of cachedPages) {
      expect(PAGES[page], page).toBeDefined();
      expect(PAGES[page]!.who, page).toBe("anyone");
      expect(["public", "aggregates"], page).toContain(PAGES[page]!.scope);
    }
  });

  it("declares every route handler method", () => {
    expect(foundRoutes.filter((r) => !(r in ROUTES)).sort()).toEqual([]);
  });

  it("declares every exported function of every server-action file", () => {
    expect(foundActions.filter((a) => !declaredActions.includes(a)).sort()).toEqual([]);
  });

  it("declares nothing that no longer exists", () => {
    expect(Object.keys(PAGES).filter((p) => !foundPages.includes(p))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !foundRoutes.includes(r))).toEqual([]);
    expect(declaredActions.filter((a) => !foundActions.includes(a))).toEqual([]);
  });

  it("names every dynamic segment's record kind, and only real segments", () => {
    for (const [pattern, p] of [
      ...Object.entries(PAGES),
      ...Object.entries(ROUTES).map(([k, v]) => [k.split(" ")[1]!, v] as const),
    ]) {
      const segments = [...pattern.matchAll(/\[([^\].]+)\]/g)].map((m) => m[1]!);
      expect(Object.keys(p.params ?? {}).sort(), pattern).toEqual(segments.sort());
    }
  });

  it("denies by default: role lists name real roles, and no portal entry admits anonymous visitors by accident", () => {
    const all = [...Object.values(PAGES), ...Object.values(ROUTES), ...Object.values(ACTIONS).flatMap(Object.values)];
    for (const p of all) if (Array.isArray(p.who)) for (const r of p.who) expect(ROLES).toContain(r);
    for (const [pattern, p] of Object.entries(PAGES)) {
      const portal =
        !["/", "/login", "/register", "/activate", "/privacy", "/progress"].includes(pattern) && !pattern.startsWith("/schedule");
      if (portal) expect(admits(p.who, null), pattern).toBe(false);
    }
  });

  it("prints the matrix's size", () => {
    const n = foundPages.length + foundRoutes.length + foundActions.length;
    console.log(
      `permission matrix: ${foundPages.length} pages, ${foundRoutes.length} route methods, ${foundActions.length} actions (${n} entries)`,
    );
    expect(n).toBeGreaterThan(0);
  });
});
