import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { createTranslator } from "next-intl";
import { rolesWith } from "@/lib/auth/capabilities";
import { searchesByPhone, searchHouseholds } from "@/lib/households/search";
import enHouseholds from "@/messages/en/households.json";
import enVisits from "@/messages/en/visits.json";
import viHouseholds from "@/messages/vi/households.json";
import viVisits from "@/messages/vi/visits.json";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

const user = (role: CurrentUser["role"], communeId: number | null): CurrentUser => ({
  id: 1,
  name: "x",
  role,
  communeId,
  memberId: null,
  username: null,
  phone: null,
});

describe("searchHouseholds", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;

  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await createTestDatabase();
    const mk = async (code: string, name: string) =>
      (await t.db.commune.create({ data: { code, name, province: "Hải Phòng" } })).id;
    a = await mk("a", "Xã Tứ Kỳ");
    b = await mk("b", "Xã Khác");
    const va = await t.db.village.create({ data: { communeId: a, name: "Thôn Tứ Kỳ", code: "tk" } });
    const va2 = await t.db.village.create({ data: { communeId: a, name: "Thôn Đông", code: "d" } });
    const vb = await t.db.village.create({ data: { communeId: b, name: "Thôn B", code: "b" } });
    const hh = async (
      communeId: number,
      villageId: number,
      headName: string,
      extra: { phone?: string; member?: string; last?: string } = {},
    ) =>
      t.db.household.create({
        data: {
          communeId,
          villageId,
          headName,
          address: `Số 1, ${headName === "Dương Văn Bình" ? "đường Lạch Tray" : "xóm 2"}`,
          phone: extra.phone,
          lastVisitOn: extra.last ? new Date(extra.last) : null,
          members: {
            create: [
              { communeId, fullName: headName, birthYear: 1970, gender: "male", isHead: true },
              ...(extra.member ? [{ communeId, fullName: extra.member, birthYear: 2001, gender: "female" as const }] : []),
            ],
          },
        },
      });
    // Visit days relative to today: one recent, one long past (the 60-day rule counts from today).
    await hh(a, va.id, "Nguyễn Văn An", { phone: "0912345678", last: daysAgo(10) });
    await hh(a, va2.id, "Dương Văn Bình", { member: "Trần Thị Hoa", last: daysAgo(400) });
    await hh(a, va2.id, "Đường Văn Bình");
    await hh(a, va2.id, "Lê Thị Cúc");
    await hh(b, vb.id, "Nguyễn Văn An");
  });
  afterAll(() => t.drop());

  const official = () => user("official", a);

  it("finds a name typed without diacritics, only in the user's commune", async () => {
    const r = await searchHouseholds(official(), { q: "nguyen van an" });
    expect(r.rows.map((x) => x.headName)).toEqual(["Nguyễn Văn An"]);
    expect(r.total).toBe(1);
  });

  it("tolerates a typo", async () => {
    const r = await searchHouseholds(official(), { q: "nguyen van ann" });
    expect(r.rows.map((x) => x.headName)).toContain("Nguyễn Văn An");
  });

  it("ranks the exact spelling with tone marks first", async () => {
    const r = await searchHouseholds(official(), { q: "Đường Văn Bình" });
    expect(r.rows[0]?.headName).toBe("Đường Văn Bình");
    expect(r.rows.map((x) => x.headName)).toContain("Dương Văn Bình");
  });

  it("finds a household by a member's name, its village, its address or its phone", async () => {
    expect((await searchHouseholds(official(), { q: "tran thi hoa" })).rows.map((x) => x.headName)).toEqual(["Dương Văn Bình"]);
    expect((await searchHouseholds(official(), { q: "tu ky" })).rows.map((x) => x.headName)).toEqual(["Nguyễn Văn An"]);
    expect((await searchHouseholds(official(), { q: "lach tray" })).rows.map((x) => x.headName)).toEqual(["Dương Văn Bình"]);
    expect((await searchHouseholds(official(), { q: "0912 345" })).rows.map((x) => x.headName)).toEqual(["Nguyễn Văn An"]);
  });

  it("filters never visited and not visited for 60 days, sorts and paginates on the server", async () => {
    expect((await searchHouseholds(official(), { visit: "never" })).total).toBe(2);
    expect((await searchHouseholds(official(), { visit: "stale60" })).rows.map((x) => x.headName)).toEqual(["Dương Văn Bình"]);
    const p1 = await searchHouseholds(official(), { sort: "head", dir: "desc", size: 5 });
    expect(p1.total).toBe(4);
    const page2 = await searchHouseholds(official(), { sort: "head", size: 5, page: 2 });
    expect(page2.rows).toEqual([]);
    expect(page2.total).toBe(4);
  });

  // The search box's wording must promise what the role's search does (issue 13: volunteers were
  // told "or a phone number" by a search that ignores phone numbers for them).
  it.each([...rolesWith("registry:read")])(
    "a %s's search box says whether it finds phone numbers, and it does what it says",
    async (role) => {
      const byPhone = searchesByPhone({ role });
      const found = await searchHouseholds(user(role, a), { q: "0912 345" });
      expect(found.rows.map((x) => x.headName)).toEqual(byPhone ? ["Nguyễn Văn An"] : []);
      const phone = byPhone ? "yes" : "no";
      const texts = [
        ...[viHouseholds, enHouseholds].flatMap((messages) => {
          const t = createTranslator({ locale: "vi", messages, namespace: "households" });
          return [t("intro", { phone }), t("searchHint", { phone })];
        }),
        ...[viVisits, enVisits].flatMap((messages) => {
          const t = createTranslator({ locale: "vi", messages, namespace: "visits" });
          return [t("findIntro", { phone }), t("searchLabel", { phone })];
        }),
      ];
      for (const text of texts) expect(/điện thoại|phone|\d{4}/i.test(text), text).toBe(byPhone);
    },
  );

  it("refuses roles without registry access", async () => {
    await expect(searchHouseholds(user("resident", a), {})).rejects.toThrow();
    await expect(searchHouseholds(user("city", null), {})).rejects.toThrow();
  });
});

// Paging (docs/decisions/0023-household-search-paging.md): each page is cut by an index scan in the
// list's order; the rows must be exactly those a plain ORDER BY … LIMIT … OFFSET gives.
describe("searchHouseholds pages", () => {
  let t: TestDatabase;
  let c: number;
  const official = () => user("official", c);
  const SIZE = 5;
  const N = 23; // 5 pages, the last one short

  beforeAll(async () => {
    t = await createTestDatabase();
    c = (await t.db.commune.create({ data: { code: "p", name: "Xã Trang", province: "Hải Phòng" } })).id;
    const villages = await Promise.all(
      ["Thôn Đông", "Thôn Dương", "Thôn Ê"].map((name, i) =>
        t.db.village.create({ data: { communeId: c, name, code: `p${i}` } }),
      ),
    );
    // Equal names (ties broken by id), names that sort apart only in Vietnamese order, equal visit
    // days and households never visited.
    const names = ["Nguyễn Văn An", "Đỗ Thị Bích", "Dương Văn Cường", "Lê Thị Hoa", "Nguyễn Văn An", "Ân Văn Khải"];
    for (let i = 0; i < N; i++) {
      await t.db.household.create({
        data: {
          communeId: c,
          villageId: villages[i % 3].id,
          headName: names[i % names.length],
          address: `Số ${i}, xóm Trang`,
          lastVisitOn: i % 4 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 3))),
          members: {
            create: [{ communeId: c, fullName: names[i % names.length], birthYear: 1970, gender: "male", isHead: true }],
          },
        },
      });
    }
  });
  afterAll(() => t.drop());

  const reference: Record<string, string> = {
    "relevance asc": "h.head_name ASC, h.id ASC",
    "head asc": "h.head_name ASC, h.id ASC",
    "head desc": "h.head_name DESC, h.id DESC",
    "village asc": "v.name ASC, h.head_name ASC, h.id ASC",
    "village desc": "v.name DESC, h.head_name ASC, h.id ASC",
    "lastVisit asc": "h.last_visit_on ASC NULLS FIRST, h.id ASC",
    "lastVisit desc": "h.last_visit_on DESC NULLS LAST, h.id DESC",
  };
  const offsetPage = async (order: string, page: number) =>
    (
      await t.db.$queryRawUnsafe<{ id: number }[]>(
        `SELECT h.id FROM household h JOIN village v ON v.id = h.village_id WHERE h.commune_id = $1
         ORDER BY ${order} LIMIT ${SIZE} OFFSET ${(page - 1) * SIZE}`,
        c,
      )
    ).map((r) => r.id);

  it.each(Object.keys(reference))("sorted by %s, every page holds exactly the rows OFFSET gives", async (key) => {
    const [sort, dir] = key.split(" ") as ["head", "asc"];
    const seen: number[] = [];
    for (let page = 1; page <= 5; page++) {
      const r = await searchHouseholds(official(), { sort, dir, page, size: SIZE });
      expect(
        r.rows.map((x) => x.id),
        `page ${page}`,
      ).toEqual(await offsetPage(reference[key], page));
      expect(r).toMatchObject({ total: N, pages: 5, page });
      seen.push(...r.rows.map((x) => x.id));
    }
    // The last page is the short one, and together the pages list every household once.
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
  });

  it("breaks ties on equal names by id, in the direction of the sort", async () => {
    const asc = (await searchHouseholds(official(), { sort: "head", size: 100 })).rows;
    const same = asc.filter((r) => r.headName === "Nguyễn Văn An").map((r) => r.id);
    expect(same.length).toBeGreaterThan(2);
    expect(same).toEqual([...same].sort((x, y) => x - y));
    const desc = (await searchHouseholds(official(), { sort: "head", dir: "desc", size: 100 })).rows;
    expect(desc.map((r) => r.id)).toEqual(asc.map((r) => r.id).reverse());
    // Vietnamese order: "Ân" before "Dương", "Dương" before "Đỗ", "Đỗ" before "Lê".
    expect([...new Set(asc.map((r) => r.headName))]).toEqual([
      "Ân Văn Khải",
      "Dương Văn Cường",
      "Đỗ Thị Bích",
      "Lê Thị Hoa",
      "Nguyễn Văn An",
    ]);
  });

  it("past the last page: no rows, and the real total so the pager can lead back", async () => {
    const r = await searchHouseholds(official(), { sort: "head", page: 7, size: SIZE });
    expect(r).toMatchObject({ rows: [], total: N, pages: 5, page: 7 });
    const filtered = await searchHouseholds(official(), { visit: "never", page: 3, size: SIZE });
    expect(filtered).toMatchObject({ rows: [], total: 6, pages: 2 });
  });

  it("pages through filtered results and through a search's matches", async () => {
    const never = [1, 2].map((page) => searchHouseholds(official(), { visit: "never", sort: "lastVisit", page, size: SIZE }));
    const [p1, p2] = await Promise.all(never);
    expect([...p1.rows, ...p2.rows].map((r) => r.lastVisitOn)).toEqual(Array(6).fill(null));
    expect(p2.rows).toHaveLength(1);
    // A search: page 2 continues page 1 in order of relevance, then name, then id.
    const all = (await searchHouseholds(official(), { q: "van", size: 100 })).rows.map((r) => r.id);
    const pages = await Promise.all([1, 2, 3].map((page) => searchHouseholds(official(), { q: "van", page, size: SIZE })));
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(all.slice(0, 3 * SIZE));
    expect(pages[0].total).toBe(all.length);
  });

  it("a typo is matched by similarity on every page, and a page past a real match's end stays empty", async () => {
    // 8 households are headed by "Nguyễn Văn An": the closest ones fill page 1 and begin page 2.
    const typo = await searchHouseholds(official(), { q: "nguyen van ann", size: SIZE });
    expect(typo.total).toBeGreaterThanOrEqual(8);
    expect(typo.rows.map((r) => r.headName)).toEqual(Array(SIZE).fill("Nguyễn Văn An"));
    const typo2 = await searchHouseholds(official(), { q: "nguyen van ann", size: SIZE, page: 2 });
    expect(typo2.total).toBe(typo.total);
    expect(typo2.rows.slice(0, 3).map((r) => r.headName)).toEqual(Array(3).fill("Nguyễn Văn An"));
    expect(typo2.rows.map((r) => r.id).filter((id) => typo.rows.some((r) => r.id === id))).toEqual([]);
    // "le thi hoa" matches by substring (4 households): its page 2 is empty, not a page of look-alikes.
    const exact = await searchHouseholds(official(), { q: "le thi hoa", size: SIZE });
    expect(exact.total).toBe(4);
    const past = await searchHouseholds(official(), { q: "le thi hoa", size: SIZE, page: 2 });
    expect(past).toMatchObject({ rows: [], total: 4, pages: 1 });
  });
});
