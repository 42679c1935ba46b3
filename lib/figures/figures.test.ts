import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { importFigures, saveFigure } from "@/lib/figures/mutations";
import { getFigure, listFigures, monthsAgo } from "@/lib/figures/queries";
import { monthKey } from "@/lib/figures/schemas";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState, refused } from "@/lib/testing/refusals";
import { importOutcome } from "@/lib/testing/refusals";

describe("monthly administrative figures", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  const users: Record<string, CurrentUser> = {};

  const make = async (key: string, role: Role, communeId: number | null) => {
    const u = await t.db.user.create({ data: { communeId, username: key, name: key, role, passwordHash: "x" } });
    users[key] = { id: u.id, name: key, role, communeId, memberId: null, username: key, phone: null };
  };
  const count = () => t.db.adminFigure.count({ where: { communeId: a } });
  const thisMonth = () => monthKey(monthsAgo(0));
  const lastMonth = () => monthKey(monthsAgo(1));

  beforeAll(async () => {
    t = await createTestDatabase();
    a = (await t.db.commune.create({ data: { code: "fa", name: "Xã A", province: "Hải Phòng" } })).id;
    b = (await t.db.commune.create({ data: { code: "fb", name: "Xã B", province: "Hải Phòng" } })).id;
    await make("official", "official", a);
    await make("admin", "admin", a);
    await make("volunteer", "volunteer", a);
    await make("city", "city", null);
    await make("otherOfficial", "official", b);
  });

  afterAll(async () => {
    await t?.drop();
  });

  it("lets an official enter a month, audited, and lists it with its rate and change", async () => {
    const res = await asFormState(
      saveFigure(users.official, {
        month: lastMonth(),
        applicationsTotal: "200",
        applicationsOnline: "50",
        recordsDigitised: "10",
      }),
    );
    expect(res).toMatchObject({ ok: true, month: lastMonth() });
    const row = await t.db.adminFigure.findFirstOrThrow({ where: { communeId: a } });
    expect(row.month.toISOString()).toBe(`${lastMonth()}-01T00:00:00.000Z`);
    expect(row).toMatchObject({ applicationsTotal: 200, applicationsOnline: 50, recordsDigitised: 10, version: 1 });
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "figure.create", entityId: String(row.id) } });
    expect(log).toMatchObject({ communeId: a, actorId: users.official.id, entity: "AdminFigure" });

    // An admin enters this month; the list gives the change against the previous month.
    expect(
      await asFormState(
        saveFigure(users.admin, {
          month: thisMonth(),
          applicationsTotal: "100",
          applicationsOnline: "40",
          recordsDigitised: "",
        }),
      ),
    ).toMatchObject({ ok: true });
    const list = await listFigures(users.official);
    expect(list.map((r) => [r.key, r.rate])).toEqual([
      [thisMonth(), 0.4],
      [lastMonth(), 0.25],
    ]);
    expect(list[0].change).toBeCloseTo(0.15, 10);
    expect(list[1].change).toBeNull();
    expect(list[0].recordsDigitised).toBe(0);
  });

  it("corrects a month with the version read, and refuses a stale version", async () => {
    const before = await getFigure(users.official, lastMonth());
    expect(before?.version).toBe(1);
    const ok = await asFormState(
      saveFigure(users.official, {
        month: lastMonth(),
        applicationsTotal: "210",
        applicationsOnline: "60",
        recordsDigitised: "12",
        version: "1",
      }),
    );
    expect(ok).toMatchObject({ ok: true });
    const after = await getFigure(users.official, lastMonth());
    expect(after).toMatchObject({ applicationsTotal: 210, applicationsOnline: 60, recordsDigitised: 12, version: 2 });
    expect(await t.db.auditLog.count({ where: { action: "figure.update", entityId: String(after!.id) } })).toBe(1);

    // Someone else read version 1 too: refused, nothing changed.
    const stale = await asFormState(
      saveFigure(users.admin, {
        month: lastMonth(),
        applicationsTotal: "1",
        applicationsOnline: "1",
        version: "1",
      }),
    );
    expect(stale).toEqual({ ok: false, formError: "stale" });
    // Entering the month afresh, without the version, is refused too.
    const fresh = await asFormState(
      saveFigure(users.admin, { month: lastMonth(), applicationsTotal: "1", applicationsOnline: "1" }),
    );
    expect(fresh).toEqual({ ok: false, formError: "monthExists" });
    expect(await getFigure(users.official, lastMonth())).toMatchObject({ applicationsTotal: 210, version: 2 });
  });

  it("refuses the volunteer and the city user", async () => {
    const input = { month: "2025-01", applicationsTotal: "1", applicationsOnline: "0" };
    expect(await refused(saveFigure(users.volunteer, input))).toBe(true);
    expect(await refused(saveFigure(users.city, input))).toBe(true);
    expect(await refused(listFigures(users.volunteer))).toBe(true);
    expect(await refused(listFigures(users.city))).toBe(true);
    expect(await t.db.adminFigure.count({ where: { month: new Date("2025-01-01T00:00:00Z") } })).toBe(0);
  });

  it("keeps another commune's official out of ours", async () => {
    const before = await count();
    const mine = await getFigure(users.official, lastMonth());
    // The other official writes the same month: it lands in their own commune, ours is untouched.
    const res = await asFormState(
      saveFigure(users.otherOfficial, {
        month: lastMonth(),
        applicationsTotal: "5",
        applicationsOnline: "5",
        version: String(mine!.version),
      }),
    );
    expect(res).toEqual({ ok: false, formError: "stale" });
    expect(await getFigure(users.official, lastMonth())).toMatchObject({ applicationsTotal: 210, version: mine!.version });
    expect(await getFigure(users.otherOfficial, lastMonth())).toBeNull();
    expect(await listFigures(users.otherOfficial)).toEqual([]);
    expect(await count()).toBe(before);
  });

  it("refuses bad input with message keys and saves nothing", async () => {
    const before = await t.db.adminFigure.count();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ month: "2025-02", applicationsTotal: "10", applicationsOnline: "11" }, { applicationsOnline: "onlineOverTotal" }],
      [{ month: "2025-02", applicationsTotal: "-1", applicationsOnline: "0" }, { applicationsTotal: "negative" }],
      [
        { month: "2025-02", applicationsTotal: "10", applicationsOnline: "1", recordsDigitised: "-3" },
        { recordsDigitised: "negative" },
      ],
      [{ month: "2025-13", applicationsTotal: "10", applicationsOnline: "1" }, { month: "badMonth" }],
      [{ month: "02/2025", applicationsTotal: "10", applicationsOnline: "1" }, { month: "badMonth" }],
      [
        { month: "", applicationsTotal: "1.5", applicationsOnline: "" },
        { month: "required", applicationsTotal: "notWhole", applicationsOnline: "required" },
      ],
    ];
    for (const [input, fieldErrors] of cases) {
      expect(await asFormState(saveFigure(users.official, input))).toEqual({ ok: false, fieldErrors });
    }
    expect(await t.db.adminFigure.count()).toBe(before);
  });

  describe("importing months from a file", () => {
    const csv = (text: string) => new File([text], "so-lieu.csv", { type: "text/csv" });
    const monthsOf = async (communeId: number, from: string, to: string) =>
      (
        await t.db.adminFigure.findMany({
          where: { communeId, month: { gte: new Date(`${from}-01T00:00:00Z`), lte: new Date(`${to}-01T00:00:00Z`) } },
          orderBy: { month: "asc" },
        })
      ).map((r) => [monthKey(r.month), r.applicationsTotal, r.applicationsOnline, r.recordsDigitised, r.version]);

    it("saves every month in either format, overwriting an entered month with its version moved on", async () => {
      await asFormState(saveFigure(users.official, { month: "2024-03", applicationsTotal: "50", applicationsOnline: "5" }));
      const res = await importOutcome(
        importFigures(
          users.official,
          csv(
            "\uFEFFTháng;Tổng số hồ sơ tiếp nhận;Số hồ sơ nộp trực tuyến;Số hồ sơ được số hóa\r\n" +
              '2024-01;1.200;300;12\r\n02/2024;"1.100";400;\r\n3/2024;90;45;9\r\n',
          ),
        ),
      );
      expect(res).toEqual({ ok: true, count: 3 });
      expect(await monthsOf(a, "2024-01", "2024-03")).toEqual([
        ["2024-01", 1200, 300, 12, 1],
        ["2024-02", 1100, 400, 0, 1],
        ["2024-03", 90, 45, 9, 2],
      ]);
      expect(await t.db.auditLog.count({ where: { action: "figure.import", communeId: a } })).toBe(3);
      const upd = await t.db.auditLog.findFirstOrThrow({
        where: { action: "figure.import", details: { path: ["month"], equals: "2024-03" } },
      });
      expect(upd.before).toEqual({ applicationsTotal: 50, applicationsOnline: 5, recordsDigitised: 0 });
      expect(upd.after).toEqual({ applicationsTotal: 90, applicationsOnline: 45, recordsDigitised: 9 });
      // The same file again changes nothing: no version moves, no audit entry.
      expect(
        await importOutcome(
          importFigures(
            users.official,
            csv("Tháng,Tổng số hồ sơ,Trực tuyến,Số hóa\n2024-01,1200,300,12\n2024-02,1100,400,0\n2024-03,90,45,9\n"),
          ),
        ),
      ).toEqual({ ok: true, count: 3 });
      expect(await monthsOf(a, "2024-01", "2024-03")).toEqual([
        ["2024-01", 1200, 300, 12, 1],
        ["2024-02", 1100, 400, 0, 1],
        ["2024-03", 90, 45, 9, 2],
      ]);
      expect(await t.db.auditLog.count({ where: { action: "figure.import", communeId: a } })).toBe(3);
      // Written to the importer's commune only.
      expect(await monthsOf(b, "2024-01", "2024-03")).toEqual([]);
    });

    it("saves nothing when one row is bad, and says which rows and why", async () => {
      const before = await t.db.adminFigure.count();
      const res = await importOutcome(
        importFigures(
          users.official,
          csv(
            [
              "Month,Applications filed,Filed online",
              "2023-01,10,5",
              "2023-13,10,5",
              "01/2023,10,6",
              "2023-02,10,11",
              "2023-03,-1,x",
              "tháng 4,10,1",
              ",,",
              "2023-05,1.5,",
            ].join("\n"),
          ),
        ),
      );
      expect(res).toEqual({
        ok: false,
        formError: "rowsHaveErrors",
        issues: [
          { row: 3, key: "field.badMonth", values: { column: "month" } },
          { row: 4, key: "monthDuplicate", values: { month: "2023-01", first: 2 } },
          { row: 5, key: "field.onlineOverTotal", values: { column: "applicationsOnline" } },
          { row: 6, key: "field.negative", values: { column: "applicationsTotal" } },
          { row: 6, key: "field.notWhole", values: { column: "applicationsOnline" } },
          { row: 7, key: "field.badMonth", values: { column: "month" } },
          { row: 9, key: "field.notWhole", values: { column: "applicationsTotal" } },
          { row: 9, key: "field.required", values: { column: "applicationsOnline" } },
        ],
      });
      expect(await t.db.adminFigure.count()).toBe(before);
      expect(await importOutcome(importFigures(users.official, csv("Tháng,Tổng\n2023-01,1\n")))).toEqual({
        ok: false,
        formError: "badHeader",
        issues: [{ row: 1, key: "missingColumn", values: { column: "applicationsOnline" } }],
      });
      expect(await refused(importFigures(users.volunteer, csv("Tháng,Tổng,Trực tuyến\n2023-01,1,1\n")))).toBe(true);
      expect(await refused(importFigures(users.city, csv("Tháng,Tổng,Trực tuyến\n2023-01,1,1\n")))).toBe(true);
      expect(await t.db.adminFigure.count()).toBe(before);
    });
  });
});
