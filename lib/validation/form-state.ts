import type { z } from "zod";
import { Refusal, type RefusalParams, type RowIssue } from "@/lib/validation/refusal";

/**
 * What every form action returns. Error strings are message keys (in the form's namespace); the
 * form translates them, filling in `params`. `values` echoes the input, since React 19 resets a
 * form after its action. `data` is what a refusal brings back for the form to show (`D`: its shape,
 * as the lib function that throws it documents; `Refusal.withData`).
 */
export type FormState<F extends string = string, D = never> = {
  ok: boolean;
  fieldErrors?: Partial<Record<F, string>>;
  formError?: string;
  params?: RefusalParams;
  data?: D;
  values?: Partial<Record<F, string>>;
  /** An uploaded file's bad rows, each with its problem (an import's form lists them). */
  issues?: RowIssue[];
};

/** A Refusal as a form shows it: beside its field, or above the form; with its data, if any. */
export function refusalState<F extends string, D = never>(r: Refusal, values?: Partial<Record<F, string>>): FormState<F, D> {
  return {
    ok: false,
    ...(r.field ? { fieldErrors: { [r.field]: r.key, ...r.more } as Partial<Record<F, string>> } : { formError: r.key }),
    ...(r.params ? { params: r.params } : {}),
    ...(r.rows ? { issues: [...r.rows] } : {}),
    // The data's shape is the throwing lib function's word (`D`), as a message key's is.
    ...(r.data !== undefined ? { data: r.data as D } : {}),
    ...(values ? { values } : {}),
  };
}

/**
 * Every server action's one way to answer a refusal: runs the action's work, and a Refusal thrown
 * by lib becomes the form's state. Anything else passes: a redirect, and Forbidden/NotFound, which
 * Next answers 403/404 (lib/validation/refusal.ts).
 */
export async function formAction<F extends string = string, D = never>(
  run: () => Promise<FormState<F, D>>,
  values?: Partial<Record<F, string>>,
): Promise<FormState<F, D>> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Refusal) return refusalState<F, D>(err, values);
    throw err;
  }
}

/** The first error of each field of a failed zod parse. */
export function fieldErrorsOf<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "") as F;
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}

/** Form fields as strings, for echoing back (never passwords). */
export function echoValues<F extends string>(formData: FormData, fields: readonly F[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const f of fields) {
    const v = formData.get(f);
    if (typeof v === "string") out[f] = v;
  }
  return out;
}
