// Records the SQL statements the app's Prisma client sends (through the pg driver adapter), so
// that the benchmark can time and EXPLAIN exactly the statements behind a lib function.
import pg from "pg";

export type Captured = { text: string; values: unknown[] };

let sink: Captured[] | null = null;
const originalQuery = pg.Client.prototype.query;
const IGNORED = /^\s*(BEGIN|COMMIT|ROLLBACK|SET|SHOW|DEALLOCATE|SELECT 1\b)/i;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
(pg.Client.prototype as any).query = function (this: pg.Client, ...args: any[]) {
  if (sink) {
    const first = args[0];
    const text: string | undefined = typeof first === "string" ? first : first?.text;
    if (text && !IGNORED.test(text)) {
      const values = (typeof first === "string" ? args[1] : first.values) ?? [];
      sink.push({ text, values: Array.isArray(values) ? values : [] });
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (originalQuery as any).apply(this, args);
};

/** Runs `fn` once and returns the statements it sent (in the order they were sent). */
export async function captureSql(fn: () => Promise<unknown>): Promise<Captured[]> {
  const out: Captured[] = [];
  sink = out;
  try {
    await fn();
  } finally {
    sink = null;
  }
  return out;
}

/** A short one-line label for a statement: its first table and a hint of what it computes. */
export function label(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  const from = /\bFROM\s+"?(?:public"?\.)?"?([a-z_]+)"?/i.exec(flat)?.[1] ?? "?";
  const head = flat.slice(0, 60);
  return `${from}: ${head}${flat.length > 60 ? "…" : ""}`;
}
