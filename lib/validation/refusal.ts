// How lib says no, in one way (docs/decisions/0015-one-refusal.md). Three errors, all thrown:
//
// - `Refusal`: a reason the person can fix (a date in the future, a stale form, a full class).
//   `key` is a message key the form translates, `field` the field it belongs beside (null for the
//   whole form), `params` the values the message names, `data` what the form shows with the
//   message (`Refusal.withData`). Server actions turn it into their form state with `formAction`
//   (lib/validation/form-state.ts); it never reaches a page.
// - `Forbidden` (403) and `NotFound` (404): the user may not, or the record is not theirs to see
//   (an id from another commune is "not found"). Pages, layouts, route handlers and actions let
//   them pass: each carries the digest Next gives its own forbidden()/notFound(), which is the one
//   place they become Next's 403 and 404 responses (refusal.test.ts pins it to Next's).
import type { z } from "zod";

export type RefusalParams = Record<string, string | number>;

/** A problem on one row of an uploaded file: the row number the spreadsheet shows, a message key and its values. */
export type RowIssue = { row: number; key: string; values?: Record<string, string | number> };

/** What a refusal may bring back for the form to show (it reaches the client as the form's state). */
export type RefusalData = string | number | boolean | null | readonly RefusalData[] | { readonly [key: string]: RefusalData };

export class Refusal extends Error {
  constructor(
    readonly field: string | null,
    readonly key: string,
    readonly params?: RefusalParams,
    /** Other fields refused at the same time (see `Refusal.fields`). */
    readonly more?: Readonly<Record<string, string>>,
    /** The rows of an uploaded file that were refused, each with its problem (see `Refusal.rows`). */
    readonly rows?: readonly RowIssue[],
    /** What the form shows with the message (see `Refusal.withData`). */
    readonly data?: RefusalData,
  ) {
    super(`refused: ${field ?? "form"}: ${key}`);
    this.name = "Refusal";
  }

  /** An uploaded file refused (`key` above the form), with the problem of each bad row when there are some. */
  static rows(key: string, rows?: readonly RowIssue[]): Refusal {
    return new Refusal(null, key, undefined, undefined, rows?.length ? rows : undefined);
  }

  /** Several fields refused at once (a whole form's parse, its references), each beside its field. */
  static fields(errors: Partial<Record<string, string>>): Refusal {
    const [[field, key], ...more] = Object.entries(errors).filter((e): e is [string, string] => e[1] !== undefined);
    return new Refusal(field, key, undefined, more.length ? Object.fromEntries(more) : undefined);
  }

  /**
   * A refusal the form shows with data, as the form state's `data`: the probable duplicates of a
   * new household, listed beside a "create anyway" button.
   */
  static withData(field: string | null, key: string, data: RefusalData): Refusal {
    return new Refusal(field, key, undefined, undefined, undefined, data);
  }
}

// Next answers an error whose digest is "NEXT_HTTP_ERROR_FALLBACK;<status>" with that status and
// the segment's forbidden.tsx / not-found.tsx, in pages, route handlers and server actions alike.
const HTTP_FALLBACK = "NEXT_HTTP_ERROR_FALLBACK";

/** The user may not do this (403; app/forbidden.tsx says why). */
export class Forbidden extends Error {
  readonly status = 403;
  readonly digest = `${HTTP_FALLBACK};403`;
  constructor() {
    super("forbidden");
    this.name = "Forbidden";
  }
}

/** No such record, or not one this user may see (404). */
export class NotFound extends Error {
  readonly status = 404;
  readonly digest = `${HTTP_FALLBACK};404`;
  constructor() {
    super("not found");
    this.name = "NotFound";
  }
}

/** Throws Forbidden (403): `if (!mine) forbidden();`. */
export function forbidden(): never {
  throw new Forbidden();
}

/** Throws NotFound (404): `if (!row) notFound();`. */
export function notFound(): never {
  throw new NotFound();
}

/**
 * Parses input at lib's boundary (lib functions hold whoever calls them): the data, or a Refusal
 * for the first issue, beside its field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Refusal(String(issue.path[0] ?? "") || null, issue.message);
}

/** Parses a whole form at lib's boundary: the data, or a Refusal naming the first issue of every field. */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (field) errors[field] ??= issue.message;
  }
  throw Object.keys(errors).length ? Refusal.fields(errors) : new Refusal(null, parsed.error.issues[0].message);
}
