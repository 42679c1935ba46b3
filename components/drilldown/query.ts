/** The page's search parameters as plain strings (the first of repeated ones). */
export function flatParams(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && first !== "") out[k] = first;
  }
  return out;
}

/** `path` with `params`, `changes` applied (null removes a parameter). */
export function hrefWith(
  path: string,
  params: Record<string, string>,
  changes: Record<string, string | number | null> = {},
): string {
  const next = new URLSearchParams();
  const merged: Record<string, string | number | null> = { ...params, ...changes };
  for (const [k, v] of Object.entries(merged)) if (v !== null && v !== "") next.set(k, String(v));
  const s = next.toString();
  return s ? `${path}?${s}` : path;
}
