// Exports want every row of a list at once, screens one page. The paged list functions take an
// options argument `{ all: true }` for that, built by server code (the tables' lists,
// lib/<domain>/tables.ts) and never from a URL's query string, so a visitor cannot ask a screen
// for an unbounded page.

/** The most rows one file may hold (a hard cap on `{ all: true }`). */
export const EXPORT_MAX_ROWS = 50_000;

/** Server-only option of a paged list function: `all` returns every row (up to EXPORT_MAX_ROWS) in one query. */
export type ListRows = { all?: boolean };
