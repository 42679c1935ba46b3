// What the families, branches and assignments mutations return: success with a value, or a
// message key (in `families.errors`) with the field it belongs to and any values it names.
import type { z } from "zod";

export type Failure = { ok: false; error: string; field?: string; params?: Record<string, string | number> };
export type MutationResult<T = undefined> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = (error: string, field?: string, params?: Record<string, string | number>): Failure => ({
  ok: false,
  error,
  ...(field ? { field } : {}),
  ...(params ? { params } : {}),
});

/**
 * Parses input in lib as well as in the action: lib functions are the boundary that holds, whoever
 * calls them. The first issue becomes the failure.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | Failure {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return fail(issue.message, String(issue.path[0] ?? "") || undefined);
}
