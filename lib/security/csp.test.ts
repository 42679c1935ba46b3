import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, inlineScriptHashes, ZOD_JITLESS, ZOD_JITLESS_HASH } from "@/lib/security/csp.mjs";

const sha = (code: string) => `'sha256-${createHash("sha256").update(code).digest("base64")}'`;

describe("a cached page's script hashes", () => {
  it("lists Next.js's flight data, the bundler's bootstrap and the zod setting, once each", () => {
    const flight = 'self.__next_f.push([1,"0:{\\"P\\":null}\\n"])';
    const boot =
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/0a1b.js","static/chunks/x_y-z.js"],"runtimeModuleIds":[494553]});';
    const html = `<head><script>${ZOD_JITLESS}</script><script src="/_next/static/chunks/a.js" async=""></script></head>
      <body><script id="_R_">${boot}</script><script>(self.__next_f=self.__next_f||[]).push([0])</script>
      <script>${flight}</script><script>${flight}</script></body>`;
    expect(inlineScriptHashes(html)).toEqual([
      sha(ZOD_JITLESS),
      sha(boot),
      sha("(self.__next_f=self.__next_f||[]).push([0])"),
      sha(flight),
    ]);
  });

  it("gives no hash to any other inline script, even one that starts like Next.js's", () => {
    for (const evil of [
      "alert(1)",
      'self.__next_f.push([1,"x"]);alert(1)',
      'self.__next_f.push([1,"x"+alert(1)])',
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["https://evil.example/x.js"],"runtimeModuleIds":[1]});',
    ]) {
      expect(inlineScriptHashes(`<script>${evil}</script>`), evil).toEqual([]);
    }
  });

  it("lists the zod setting's hash for pages with a nonce too", () => {
    expect(ZOD_JITLESS_HASH).toBe(sha(ZOD_JITLESS));
  });

  it("puts the hashes, never 'unsafe-inline', into script-src", () => {
    const csp = contentSecurityPolicy(["'sha256-abc='"], { dev: false, https: true });
    expect(csp).toContain("script-src 'self' 'sha256-abc='");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("upgrade-insecure-requests");
  });
});
