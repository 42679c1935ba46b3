// The site's Content-Security-Policy, in one place. Plain JavaScript because two runtimes read it:
// proxy.ts (a nonce fresh for each request, for pages rendered per request) and the page cache
// (lib/cache/page-cache.mjs, loaded by Next.js itself: the hashes of the inline scripts of a page
// rendered once and served many times). See docs/decisions/0025.
import { createHash } from "node:crypto";

/**
 * Zod compiles a fast parser with `new Function` where it may, and finds out by trying once. The
 * policy forbids eval, so in the browser that try is a reported violation. Zod reads its
 * configuration from globalThis.__zod_globalConfig: set jitless there before any chunk runs.
 * Rendered by the page's document (components/layout/site-document.tsx).
 */
export const ZOD_JITLESS = "(globalThis.__zod_globalConfig ??= {}).jitless = true;";

/** ZOD_JITLESS's hash source: listed by every policy, so the script runs with or without a nonce. */
export const ZOD_JITLESS_HASH = `'sha256-${createHash("sha256").update(ZOD_JITLESS, "utf8").digest("base64")}'`;

/**
 * The inline scripts a cached page may run, each matched whole: Next.js's flight data
 * (`self.__next_f.push(…)`, which only hands a string to the router), the bundler's bootstrap (a
 * list of this build's chunk files and module numbers) and ZOD_JITLESS. Anything else inline in the
 * HTML — whatever put it there — gets no hash and is blocked.
 */
const TRUSTED_INLINE = [
  /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\(\{"otherChunks":\[(?:"static\/chunks\/[\w.-]+\.js",?)*\],"runtimeModuleIds":\[[0-9,]*\]\}\);$/,
  /^\(self\.__next_f=self\.__next_f\|\|\[\]\)\.push\(\[0\]\)$/,
  /^self\.__next_f\.push\(\[[0-9]+(,"(?:[^"\\]|\\.)*")?\]\)$/,
  /^self\.__next_f\.push\(\[[0-9]+,null\]\)$/,
];

function trusted(code) {
  return code === ZOD_JITLESS || TRUSTED_INLINE.some((re) => re.test(code));
}

/** The CSP hash sources of a rendered page's trusted inline scripts, in order, without repeats. */
export function inlineScriptHashes(html) {
  const found = new Set();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(m[1]) || !trusted(m[2])) continue;
    found.add(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return [...found];
}

/**
 * The policy. `scripts` are the script-src sources besides 'self': a nonce with 'strict-dynamic'
 * for a page rendered per request, or the hashes of a cached page's inline scripts (its chunks
 * load from this origin, 'self'). Styles keep 'unsafe-inline': React renders `style` attributes
 * (recharts, progress bars), which a nonce cannot cover; a style cannot run code, so the XSS
 * protection rests on script-src.
 */
export function contentSecurityPolicy(scripts, { dev, https }) {
  return [
    "default-src 'self'",
    // React's dev build evaluates source maps; the production build never needs eval.
    `script-src 'self' ${scripts.join(" ")}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // QR codes are data: images; the check-in camera shows a MediaStream.
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    // The offline service worker (public/sw.js) and the web app manifest. Said outright: a worker
    // would otherwise fall under script-src, where 'strict-dynamic' ignores 'self'.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** How this server runs, for the policy: development, and whether it is served over HTTPS. */
export function policyOptions(env = process.env) {
  return { dev: env.NODE_ENV === "development", https: env.AUTH_URL?.startsWith("https://") ?? false };
}
