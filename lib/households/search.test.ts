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
