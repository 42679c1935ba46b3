import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { importContestResults, saveContestResults } from "@/lib/contests/mutations";
import { getContestGrid, listContests } from "@/lib/contests/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState, refused } from "@/lib/testing/refusals";
import { importOutcome } from "@/lib/testing/refusals";

const csv = (text: string, name = "ket-qua.csv") => new File([text], name, { type: "text/csv" });

describe("contest results per village", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  let contest: number;
  let older: number;
  const v: Record<string, number> = {};
  const users: Record<string, CurrentUser> = {};

  const make = async (key: string, role: Role, communeId: number | null) => {
    const u = await t.db.user.create({ data: { communeId, username: key, name: key, role, passwordHash: "x" } });
    users[key] = { id: u.id, name: key, role, communeId, memberId: null, username: key, phone: null };
  };
  const stored = () =>
    t.db.contestResult.findMany({
      where: { contestId: contest, communeId: a },
      select: { villageId: true, participants: true, visits: true },
      orderBy: { villageId: "asc" },
    });
  const grid = async (user = users.official) => (await getContestGrid(user, contest))!;

  beforeAll(async () => {
    t = await createTestDatabase();
    a = (await t.db.commune.create({ data: { code: "ca", name: "Xã A", province: "Hải Phòng" } })).id;
    b = (await t.db.commune.create({ data: { code: "cb", name: "Xã B", province: "Hải Phòng" } })).id;
    for (const [key, name] of [
      ["dong", "Thôn Đông Hưng"],
      ["tay", "Thôn Tây"],
      ["ha", "Thôn Hà"],
      ["ha2", "Thôn Hạ"],
    ])
      v[key] = (await t.db.village.create({ data: { communeId: a, name, code: key } })).id;
    v.other = (await t.db.village.create({ data: { communeId: b, name: "Thôn Tây", code: "tay" } })).id;
    contest = (
      await t.db.contest.create({
        data: { code: "c2026", name: "Công dân số 2026", startsOn: new Date("2026-10-11"), endsOn: new Date("2026-11-11") },
      })
    ).id;
    older = (
      await t.db.contest.create({
        data: { code: "c2025", name: "Công dân số 2025", startsOn: new Date("2025-10-11"), endsOn: new Date("2025-11-11") },
      })
    ).id;
    // The other commune's own result, which nothing here may touch.
    await t.db.contestResult.create({
      data: { contestId: contest, communeId: b, villageId: v.other, participants: 7, visits: 9 },
    });
    await make("official", "official", a);
    await make("admin", "admin", a);
    await make("volunteer", "volunteer", a);
    await make("leader", "branch_leader", a);
    await make("city", "city", null);
    await make("otherOfficial", "official", b);
  });

  afterAll(async () => {
    await t?.drop();
  });

  it("shows every village of the commune, blank before anything is entered", async () => {
    const g = await grid();
    expect(g.contest.name).toBe("Công dân số 2026");
    expect(g.rows.map((r) => [r.villageName, r.participants, r.visits])).toEqual([
      ["Thôn Đông Hưng", null, null],
      ["Thôn Hà", null, null],
      ["Thôn Hạ", null, null],
      ["Thôn Tây", null, null],
    ]);
    expect(g.total).toEqual({ participants: 0, visits: 0 });
    expect(await getContestGrid(users.official, 999_999)).toBeNull();
    expect(await getContestGrid(users.official, -1)).toBeNull();
  });

  it("saves the grid in one go, audited with before and after, and a retry changes nothing", async () => {
    const g = await grid();
    const input = {
      contestId: String(contest),
      stamp: g.stamp,
      [`participants-${v.dong}`]: "1200",
      [`visits-${v.dong}`]: "3000",
      [`participants-${v.tay}`]: " 800 ",
      [`visits-${v.tay}`]: "1900",
      [`participants-${v.ha}`]: "",
      [`visits-${v.ha}`]: "",
    };
    expect(await asFormState(saveContestResults(users.official, input))).toEqual({ ok: true, contestId: contest, changed: 2 });
    expect(await stored()).toEqual([
      { villageId: v.dong, participants: 1200, visits: 3000 },
      { villageId: v.tay, participants: 800, visits: 1900 },
    ]);
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "contest.results.save" } });
    expect(log).toMatchObject({ communeId: a, actorId: users.official.id, entity: "ContestResult", entityId: String(contest) });
    expect(log.before).toEqual({ "Thôn Đông Hưng": null, "Thôn Tây": null });
    expect(log.after).toEqual({
      "Thôn Đông Hưng": { participants: 1200, visits: 3000 },
      "Thôn Tây": { participants: 800, visits: 1900 },
    });
    // The same submission again (a double click: its stamp is now old): same result, no new write.
    expect(await asFormState(saveContestResults(users.official, input))).toEqual({ ok: true, contestId: contest, changed: 0 });
    expect(await t.db.auditLog.count({ where: { action: "contest.results.save" } })).toBe(1);
    const after = await grid();
    expect(after.total).toEqual({ participants: 2000, visits: 4900 });
    expect(after.rows.find((r) => r.villageId === v.dong)).toMatchObject({ participants: 1200, visits: 3000 });

    const list = await listContests(users.official);
    expect(list.map((c) => [c.id, c.participants, c.visits, c.villagesEntered])).toEqual([
      [contest, 2000, 4900, 2],
      [older, null, null, 0],
    ]);
  });

  it("refuses a save made from an older reading when someone else changed the numbers", async () => {
    const g = await grid();
    expect(
      await asFormState(
        saveContestResults(users.admin, {
          contestId: contest,
          stamp: g.stamp,
          [`participants-${v.tay}`]: "810",
          [`visits-${v.tay}`]: "1900",
        }),
      ),
    ).toMatchObject({ ok: true, changed: 1 });
    const stale = await asFormState(
      saveContestResults(users.official, {
        contestId: contest,
        stamp: g.stamp,
        [`participants-${v.tay}`]: "5",
        [`visits-${v.tay}`]: "5",
      }),
    );
    expect(stale).toEqual({ ok: false, formError: "stale" });
    expect((await stored()).find((r) => r.villageId === v.tay)).toEqual({ villageId: v.tay, participants: 810, visits: 1900 });
    // Clearing both numbers of a village removes its result.
    const now = await grid();
    expect(
      await asFormState(
        saveContestResults(users.official, {
          contestId: contest,
          stamp: now.stamp,
          [`participants-${v.tay}`]: "",
          [`visits-${v.tay}`]: "",
        }),
      ),
    ).toMatchObject({ ok: true, changed: 1 });
    expect((await stored()).map((r) => r.villageId)).toEqual([v.dong]);
  });

  it("refuses bad numbers per field with message keys and saves nothing", async () => {
    const g = await grid();
    const before = await stored();
    const res = await asFormState(
      saveContestResults(users.official, {
        contestId: contest,
        stamp: g.stamp,
        [`participants-${v.dong}`]: "1300",
        [`visits-${v.dong}`]: "3100",
        [`participants-${v.tay}`]: "-1",
        [`visits-${v.tay}`]: "1.5",
        [`participants-${v.ha}`]: "12",
        [`visits-${v.ha}`]: "",
        [`participants-${v.ha2}`]: "1000000000",
        [`visits-${v.ha2}`]: "abc",
      }),
    );
    expect(res).toEqual({
      ok: false,
      fieldErrors: {
        [`participants-${v.tay}`]: "negative",
        [`visits-${v.tay}`]: "notWhole",
        [`visits-${v.ha}`]: "required",
        [`participants-${v.ha2}`]: "tooLarge",
        [`visits-${v.ha2}`]: "notWhole",
      },
    });
    expect(await stored()).toEqual(before);
  });

  it("refuses another commune's village, an unknown contest, and the roles without access", async () => {
    const g = await grid();
    const before = await stored();
    expect(
      await asFormState(
        saveContestResults(users.official, {
          contestId: contest,
          stamp: g.stamp,
          [`participants-${v.dong}`]: "1",
          [`visits-${v.dong}`]: "1",
          [`participants-${v.other}`]: "5",
          [`visits-${v.other}`]: "5",
        }),
      ),
    ).toEqual({ ok: false, formError: "villageNotInCommune" });
    expect(
      await asFormState(saveContestResults(users.official, { contestId: "999999", [`participants-${v.dong}`]: "1" })),
    ).toEqual({
      ok: false,
      formError: "notFound",
    });
    expect(await asFormState(saveContestResults(users.official, { contestId: "abc" }))).toEqual({
      ok: false,
      formError: "notFound",
    });
    for (const u of [users.volunteer, users.leader, users.city]) {
      expect(
        await refused(saveContestResults(u, { contestId: contest, [`participants-${v.dong}`]: "1", [`visits-${v.dong}`]: "1" })),
      ).toBe(true);
      expect(await refused(listContests(u))).toBe(true);
      expect(await refused(getContestGrid(u, contest))).toBe(true);
      expect(await refused(importContestResults(u, contest, csv("Thôn,Tham gia,Truy cập\nThôn Tây,1,1\n")))).toBe(true);
    }
    expect(await stored()).toEqual(before);
    // The other commune's official sees their own village only, with their own numbers.
    const theirs = (await getContestGrid(users.otherOfficial, contest))!;
    expect(theirs.rows).toEqual([{ villageId: v.other, villageName: "Thôn Tây", participants: 7, visits: 9 }]);
    expect(await t.db.contestResult.findFirstOrThrow({ where: { villageId: v.other } })).toMatchObject({
      participants: 7,
      visits: 9,
    });
  });

  it("imports a file, matching village names with or without tone marks", async () => {
    const file = csv(
      '\uFEFFTên thôn;Số người tham gia;Lượt truy cập\r\nthon dong hung;"18.625";40 100\r\nTHÔN TÂY;2;3\r\nThôn Hạ;4;5\r\n',
    );
    expect(await importOutcome(importContestResults(users.official, String(contest), file))).toEqual({ ok: true, count: 3 });
    expect(await stored()).toEqual([
      { villageId: v.dong, participants: 18625, visits: 40100 },
      { villageId: v.tay, participants: 2, visits: 3 },
      { villageId: v.ha2, participants: 4, visits: 5 },
    ]);
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "contest.results.import" } });
    expect(log.after).toMatchObject({ "Thôn Tây": { participants: 2, visits: 3 } });
    // "thon ha" folds to both "Thôn Hà" and "Thôn Hạ": ambiguous, refused.
  });

  it("refuses the whole file when one row is bad, with row-numbered reasons", async () => {
    const before = await stored();
    const file = csv(
      [
        "Thôn,Tham gia,Truy cập",
        "Thôn Đông Hưng,1,1",
        "Thôn Nam,2,2",
        "thon ha,3,3",
        "Thôn Tây,-4,x",
        "thôn đông hưng,5,5",
        ",6,6",
        "Thôn Hà,7,",
      ].join("\n"),
    );
    const res = await importOutcome(importContestResults(users.official, contest, file));
    expect(res).toEqual({
      ok: false,
      formError: "rowsHaveErrors",
      issues: [
        { row: 3, key: "villageUnknown", values: { name: "Thôn Nam" } },
        { row: 4, key: "villageAmbiguous", values: { name: "thon ha" } },
        { row: 5, key: "field.negative", values: { column: "participants" } },
        { row: 5, key: "field.notWhole", values: { column: "visits" } },
        { row: 6, key: "villageDuplicate", values: { name: "Thôn Đông Hưng", first: 2 } },
        { row: 7, key: "villageMissing" },
        { row: 8, key: "field.required", values: { column: "visits" } },
      ],
    });
    expect(await stored()).toEqual(before);
    // A village of another commune is just unknown here.
    expect(
      await importOutcome(
        importContestResults(users.otherOfficial, contest, csv("Thôn,Tham gia,Truy cập\nThôn Đông Hưng,1,1\n")),
      ),
    ).toMatchObject({
      ok: false,
      issues: [{ row: 2, key: "villageUnknown" }],
    });
    expect(await importOutcome(importContestResults(users.official, contest, csv("Tên,Điểm\nThôn Tây,1\n")))).toMatchObject({
      ok: false,
      formError: "badHeader",
    });
    expect(
      await importOutcome(importContestResults(users.official, 999_999, csv("Thôn,Tham gia,Truy cập\nThôn Tây,1,1\n"))),
    ).toEqual({
      ok: false,
      formError: "notFound",
    });
    expect(await stored()).toEqual(before);
  });

  it("replaces a commune-level total once villages get numbers, so nothing counts twice", async () => {
    await t.db.contestResult.create({
      data: { contestId: older, communeId: a, villageId: null, participants: 500, visits: 900 },
    });
    const g = (await getContestGrid(users.official, older))!;
    expect(g.communeLevel).toEqual({ participants: 500, visits: 900 });
    expect(g.total).toEqual({ participants: 500, visits: 900 });
    expect(
      await asFormState(
        saveContestResults(users.official, {
          contestId: older,
          stamp: g.stamp,
          [`participants-${v.dong}`]: "300",
          [`visits-${v.dong}`]: "400",
        }),
      ),
    ).toMatchObject({ ok: true });
    const after = (await getContestGrid(users.official, older))!;
    expect(after.communeLevel).toBeNull();
    expect(after.total).toEqual({ participants: 300, visits: 400 });
  });

  it("tells a commune without villages so", async () => {
    const c = (await t.db.commune.create({ data: { code: "cc", name: "Xã C", province: "Hải Phòng" } })).id;
    await make("emptyOfficial", "official", c);
    expect((await getContestGrid(users.emptyOfficial, contest))!.rows).toEqual([]);
    expect(await asFormState(saveContestResults(users.emptyOfficial, { contestId: contest }))).toEqual({
      ok: false,
      formError: "noVillages",
    });
  });
});
