// The one open-redirect guard: every redirect to a path the client posted goes through
// sameOriginPath (a posted `back` is hostile).
const SELF = "http://portal.invalid";

/**
 * A path on this site, or `fallback`. Browsers read "\" as "/", so "/\evil.example" is "//evil.example",
 * another site (an open redirect); tabs and line breaks are dropped by URL parsers. Only a path
 * that resolves to this origin and that a browser reads the same way is kept.
 */
export function sameOriginPath(back: unknown, fallback = "/"): string {
  if (typeof back !== "string" || !back.startsWith("/") || back.startsWith("//")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(back)) return fallback;
  try {
    const url = new URL(back, SELF);
    return url.origin === SELF ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Where an action sends the user back to, with a notice: only a path on this site inside `area`
 * (no other site and no other area), else `area` itself.
 */
export function backWithNotice(back: unknown, area: string, notice: Record<string, string | number>): string {
  const path = sameOriginPath(back);
  const url = new URL(path.startsWith(area) ? path : area, SELF);
  for (const k of ["notice", "name", "changed"]) url.searchParams.delete(k);
  for (const [k, v] of Object.entries(notice)) url.searchParams.set(k, String(v));
  return `${url.pathname}${url.search}`;
}
