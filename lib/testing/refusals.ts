// How a lib call was refused, for tests: next/navigation's forbidden() and notFound() throw an
// error whose digest carries the HTTP status.

/** Whether a call was refused with 403 (forbidden()). */
export async function refused(p: Promise<unknown>): Promise<boolean> {
  return (await httpError(p)) === "403";
}

/** "403" or "404" if the call was refused so, "none" if it went through; any other error is rethrown. */
export async function httpError(p: Promise<unknown>): Promise<"403" | "404" | "none"> {
  try {
    await p;
    return "none";
  } catch (err) {
    const digest = String((err as { digest?: string } | null)?.digest ?? "");
    if (digest.includes("403")) return "403";
    if (digest.includes("404")) return "404";
    throw err;
  }
}
