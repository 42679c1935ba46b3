// How a lib call was refused, for tests: lib throws Forbidden (403) or NotFound (404) from
// lib/validation/refusal.ts, and a Refusal for a reason the person can fix.
import { refusalState, type FormState } from "@/lib/validation/form-state";
import { Forbidden, NotFound, Refusal, type RefusalData, type RowIssue } from "@/lib/validation/refusal";

/** Whether a call was refused with 403 (Forbidden). */
export async function refused(p: Promise<unknown>): Promise<boolean> {
  return (await httpError(p)) === "403";
}

/** "403" or "404" if the call was refused so, "none" if it went through; any other error is rethrown. */
export async function httpError(p: Promise<unknown>): Promise<"403" | "404" | "none"> {
  try {
    await p;
    return "none";
  } catch (err) {
    if (err instanceof Forbidden) return "403";
    if (err instanceof NotFound) return "404";
    throw err;
  }
}

/** What a call that throws a Refusal settled to, as data: its value, or the refusal's key, field and params. */
export type Settled<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; field?: string; params?: Record<string, string | number>; data?: RefusalData };

/** Runs a lib call and reads a Refusal it throws as data (Forbidden, NotFound and anything else are rethrown). */
export async function settled<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    return {
      ok: false,
      error: err.key,
      ...(err.field ? { field: err.field } : {}),
      ...(err.params ? { params: err.params } : {}),
      ...(err.data !== undefined ? { data: err.data } : {}),
    };
  }
}

/** Runs a lib call and reads it as a form would: `{ ok: true, ...value }`, or a Refusal's form state. */
export async function asFormState<T extends object>(
  p: Promise<T>,
): Promise<({ ok: true } & T) | (FormState<string, RefusalData> & { ok: false })> {
  try {
    return { ok: true, ...(await p) };
  } catch (err) {
    if (err instanceof Refusal) return { ...refusalState<string, RefusalData>(err), ok: false };
    throw err;
  }
}

/**
 * An import's answer as its form shows it: `{ ok: true, …value }`, or `{ ok: false, formError,
 * issues? }` for a refused file (Refusal.rows) or any other refusal.
 */
export async function importOutcome<T extends object>(
  p: Promise<T>,
): Promise<({ ok: true } & T) | { ok: false; formError: string; issues?: RowIssue[] }> {
  try {
    return { ok: true, ...(await p) };
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    return { ok: false, formError: err.key, ...(err.rows ? { issues: [...err.rows] } : {}) };
  }
}
