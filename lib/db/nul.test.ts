import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "@/lib/audit/log";
import { withoutNul } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

// PostgreSQL refuses U+0000 in text and jsonb (22021, 22P05). A form field carrying one (pasted,
// or sent by a script) must not turn a save into a server error: lib/db drops it from every
// parameter, for model writes, raw SQL and JSON documents alike.
describe("a NUL character in a parameter", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it("is dropped from model writes and reads, raw SQL, and the strings of a JSON document", async () => {
    const c = await t.db.commune.create({ data: { code: "n\u0000ul", name: "Xã\u0000 Một", province: "Hải Phòng" } });
    expect(c).toMatchObject({ code: "nul", name: "Xã Một" });
    expect(await t.db.commune.count({ where: { name: { contains: "\u0000Một" } } })).toBe(1);
    const [{ s }] = await t.db.$queryRaw<{ s: string }[]>`SELECT ${"a\u0000b"}::text AS s`;
    expect(s).toBe("ab");

    await audit(t.db, { id: null, communeId: c.id }, "test.nul", "commune", c.id, { title: "Tên\u0000 lạ", list: ["a\u0000"] });
    const row = await t.db.auditLog.findFirstOrThrow({ where: { action: "test.nul" } });
    expect(row.details).toEqual({ title: "Tên lạ", list: ["a"] });
  });

  it("leaves everything else as it was, the six characters \\u0000 of a person's text included", () => {
    expect(withoutNul("Nguyễn Văn An")).toBe("Nguyễn Văn An");
    expect(withoutNul("gõ \\u0000 như vậy")).toBe("gõ \\u0000 như vậy");
    expect(withoutNul('{"a":"\\u0000b","n":[1,2]}')).toBe('{"a":"b","n":[1,2]}');
    expect(withoutNul([1, null, "x\u0000", ["\u0000y"]])).toEqual([1, null, "x", ["y"]]);
  });
});
