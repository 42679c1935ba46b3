/**
 * Where an action sends the user back to, with a notice: only a path inside `area` (a posted
 * `back` is hostile, so no other site and no other area).
 */
export function backWithNotice(back: unknown, area: string, notice: Record<string, string | number>): string {
  const path = typeof back === "string" && back.startsWith(`${area}`) && !back.startsWith("//") ? back : area;
  const url = new URL(path, "http://portal.invalid");
  if (url.origin !== "http://portal.invalid" || !url.pathname.startsWith(area)) return area;
  for (const k of ["notice", "name", "changed"]) url.searchParams.delete(k);
  for (const [k, v] of Object.entries(notice)) url.searchParams.set(k, String(v));
  return `${url.pathname}${url.search}`;
}
