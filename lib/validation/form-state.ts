import type { z } from "zod";

/**
 * What every form action returns. Error strings are message keys in `validation`; the form
 * translates them. `values` echoes the input, since React 19 resets a form after its action.
 */
export type FormState<F extends string = string> = {
  ok: boolean;
  fieldErrors?: Partial<Record<F, string>>;
  formError?: string;
  values?: Partial<Record<F, string>>;
};

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
