import { z } from "zod";
import { dbId, isDbId } from "@/lib/validation/db-id";

// Error strings are message keys in `contests.errors`.
export const RESULT_FIELDS = ["participants", "visits"] as const;
export type ResultField = (typeof RESULT_FIELDS)[number];

/** The form field of one village's number: "participants-12", "visits-12". */
export const resultFieldName = (field: ResultField, villageId: number) => `${field}-${villageId}`;

const count = z
  .string({ error: "notWhole" })
  .trim()
  .regex(/^-?\d+$/, "notWhole")
  .transform(Number)
  // "999…9" becomes Infinity, which z.number() refuses before max() could say why.
  .pipe(z.number({ error: "tooLarge" }).int("notWhole").min(0, "negative").max(100_000_000, "tooLarge"));

/**
 * One village's row. Both blank: the village has no result (an entered one is removed); one of
 * the two blank: "required".
 */
export const ResultRowSchema = z
  .object({
    villageId: dbId<number>(),
    participants: z.string({ error: "notWhole" }).trim().max(40, "tooLarge"),
    visits: z.string({ error: "notWhole" }).trim().max(40, "tooLarge"),
  })
  .transform((r, ctx) => {
    if (r.participants === "" && r.visits === "") return { villageId: r.villageId, result: null };
    const out: Partial<Record<ResultField, number>> = {};
    for (const f of RESULT_FIELDS) {
      if (r[f] === "") {
        ctx.addIssue({ code: "custom", path: [f], message: "required" });
        continue;
      }
      const p = count.safeParse(r[f]);
      if (p.success) out[f] = p.data;
      else ctx.addIssue({ code: "custom", path: [f], message: p.error.issues[0]?.message ?? "notWhole" });
    }
    return { villageId: r.villageId, result: out as Record<ResultField, number> };
  });

export type ResultRow = z.output<typeof ResultRowSchema>;

export const ContestIdSchema = dbId("notFound");

/** The stamp of the grid as it was read (see `gridStamp`); empty when unknown. */
export const StampSchema = z
  .string()
  .trim()
  .max(64)
  .regex(/^[0-9a-f]*$/)
  .catch("");

/**
 * The grid's rows from form fields named `participants-<villageId>` / `visits-<villageId>`.
 * Other fields are ignored; a village id that is not a plain positive number never becomes a row.
 */
export function gridRowsFromForm(values: Record<string, unknown>): { villageId: number; participants: string; visits: string }[] {
  const rows = new Map<number, { villageId: number; participants: string; visits: string }>();
  for (const [key, value] of Object.entries(values)) {
    const m = /^(participants|visits)-([1-9]\d{0,9})$/.exec(key);
    if (!m) continue;
    const villageId = Number(m[2]);
    if (!isDbId(villageId)) continue;
    const row = rows.get(villageId) ?? { villageId, participants: "", visits: "" };
    // A file or anything but text in a number field is refused as "notWhole", never taken as blank.
    row[m[1] as ResultField] = typeof value === "string" ? value : "?";
    rows.set(villageId, row);
  }
  return [...rows.values()];
}
