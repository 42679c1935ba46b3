import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, clientMessages, EVERY_PAGE, type ClientComponentName } from "@/lib/i18n/client-messages";
import { LOCALES } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";

// A page sends only the messages of the client components it renders. Nothing checks that at
// build time, so this reads the sources: every client component's useTranslations(...) namespaces
// (and those of the client components it renders itself) are covered by its CLIENT_MESSAGES
// entry, and every server file that renders it wraps it in <ClientMessages of={[…"Name"…]}>.
const ROOT = path.resolve(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
  });
}

type Source = { file: string; text: string; client: boolean; exports: string[]; namespaces: string[]; imports: string[] };

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(ROOT, path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const ext of [".tsx", ".ts"]) {
    try {
      if (statSync(base + ext).isFile()) return path.relative(ROOT, base + ext);
    } catch {
      // not this extension
    }
  }
  return null;
}

const all: Source[] = [...sources("app"), ...sources("components")].map((file) => {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return {
    file,
    text,
    // A client module: marked so, or a component using next-intl's hooks that only client modules import (ConsentTick).
    client: /^\s*["']use client["']/.test(text) || (/from "next-intl"/.test(text) && /useTranslations\(/.test(text)),
    exports: [...text.matchAll(/export (?:default )?(?:async )?function ([A-Z]\w*)/g)].map((m) => m[1]),
    namespaces: [...text.matchAll(/useTranslations(?:<[^>]*>)?\("([^"]+)"\)/g)].map((m) => m[1]),
    imports: [...text.matchAll(/from "([^"]+)"/g)].map((m) => resolveImport(file, m[1])).filter((f): f is string => f !== null),
  };
});
const byFile = new Map(all.map((s) => [s.file, s]));

/** A client file's namespaces and those of the client files it imports, transitively. */
function namespacesOf(s: Source, seen = new Set<string>()): string[] {
  if (seen.has(s.file)) return [];
  seen.add(s.file);
  const inner = s.imports.map((f) => byFile.get(f)).filter((x): x is Source => !!x && x.client);
  return [...s.namespaces, ...inner.flatMap((x) => namespacesOf(x, seen))];
}

const covers = (paths: readonly string[], ns: string) => paths.some((p) => ns === p || ns.startsWith(`${p}.`));
const translating = all.filter((s) => s.client && namespacesOf(s).length > 0);
/** Rendered by a server file (a client component only another client component renders needs no entry). */
const renderedByServer = (name: string) =>
  EVERY_PAGE.includes(name as ClientComponentName) || all.some((x) => !x.client && new RegExp(`<${name}\\b`).test(x.text));
const everyPage = EVERY_PAGE.flatMap((n) => CLIENT_MESSAGES[n]);

describe("the messages sent to the browser", () => {
  it("finds the client components that translate", () => {
    expect(translating.length).toBeGreaterThan(25);
  });

  it("lists, for every client component that translates, the namespaces it and its client children read", () => {
    const missing: string[] = [];
    for (const s of translating) {
      const needed = [...new Set(namespacesOf(s))];
      for (const name of s.exports.filter(renderedByServer)) {
        const listed = [...((CLIENT_MESSAGES as Record<string, readonly string[]>)[name] ?? []), ...everyPage];
        if (!(name in CLIENT_MESSAGES)) {
          missing.push(`${name} (${s.file}) has no CLIENT_MESSAGES entry`);
          continue;
        }
        for (const ns of needed) if (!covers(listed, ns)) missing.push(`${name} (${s.file}) reads "${ns}"`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has no entry for a component that does not exist, and names are unique", () => {
    const exported = translating.flatMap((s) => s.exports.filter(renderedByServer));
    expect(new Set(exported).size).toBe(exported.length);
    expect(Object.keys(CLIENT_MESSAGES).filter((n) => !exported.includes(n))).toEqual([]);
  });

  it("wraps every client component that translates in ClientMessages where a server file renders it", () => {
    const unwrapped: string[] = [];
    for (const s of translating) {
      for (const name of s.exports) {
        for (const server of all.filter((x) => !x.client && new RegExp(`<${name}\\b`).test(x.text))) {
          if (EVERY_PAGE.includes(name as ClientComponentName)) continue;
          const wrapped = [...server.text.matchAll(/<ClientMessages of=\{\[([^\]]*)\]\}/g)].some((m) =>
            m[1].includes(`"${name}"`),
          );
          if (!wrapped) unwrapped.push(`${server.file} renders ${name}`);
        }
      }
    }
    expect(unwrapped).toEqual([]);
  });

  it("every path exists in every locale, and a page's catalogue is a small part of the whole", async () => {
    for (const locale of LOCALES) {
      const messages = await loadMessages(locale);
      const whole = JSON.stringify(messages).length;
      const everything = clientMessages(messages, Object.keys(CLIENT_MESSAGES) as ClientComponentName[]);
      expect(JSON.stringify(everything).length).toBeLessThan(whole);
      // The class page's sign-up form: a few kilobytes, not the catalogue.
      const signUp = JSON.stringify(clientMessages(messages, ["SignUpForm", "OneTapForm"])).length;
      expect(signUp).toBeLessThan(whole / 10);
    }
  });
});
