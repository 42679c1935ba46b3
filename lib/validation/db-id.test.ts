import { describe, expect, it } from "vitest";
import { dbId, isDbId, MAX_DB_ID, toDbId } from "@/lib/validation/db-id";

describe("an id PostgreSQL's integer can hold", () => {
  it("accepts a whole number from 1 to 2^31 − 1", () => {
    for (const n of [1, 42, MAX_DB_ID]) expect(isDbId(n), String(n)).toBe(true);
    expect(toDbId("12")).toBe(12);
    expect(dbId("notFound").parse("12")).toBe(12);
  });

  it("refuses anything else, with the field's message", () => {
    for (const n of [0, -1, 1.5, MAX_DB_ID + 1, 2 ** 53, Number.NaN, Infinity, "12", null, undefined]) {
      expect(isDbId(n), String(n)).toBe(false);
    }
    for (const raw of ["", "0", "abc", "2147483648", undefined, null]) expect(toDbId(raw), String(raw)).toBeNull();
    for (const raw of ["", "0", "-3", "1.5", "abc", "2147483648"]) {
      const r = dbId("notFound").safeParse(raw);
      expect(r.success, raw).toBe(false);
      expect(r.error?.issues[0]?.message, raw).toBe("notFound");
    }
    expect(dbId().safeParse("2147483648").success).toBe(false);
  });
});
