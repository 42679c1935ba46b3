import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { todayInVietnam } from "@/lib/format/dates";
import { getBusinessForm, registerBusiness, updateBusiness } from "@/lib/households/business";
import { getHouseholdDetail } from "@/lib/households/queries";
import { BusinessCreateSchema, BusinessUpdateSchema, type BusinessCreateInput } from "@/lib/households/schemas";
import { asFormState, httpError } from "@/lib/testing/refusals";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("household businesses", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  let villageA: number;
  let villageB: number;
  let volunteerId: number;
  const users: Record<string, CurrentUser> = {};
  const skill: Record<string, number> = {};

  const as = (role: CurrentUser["role"], communeId: number | null, id = 1): CurrentUser => ({
    id,
    name: role,
    role,
    communeId,
    memberId: null,
    username: role,
    phone: null,
  });

  const input = (over: Partial<BusinessCreateInput> = {}): BusinessCreateInput => ({
    name: "Tạp hoá Minh Anh",
    sector: "Tạp hoá",
    skills: [],
    ...over,
  });

  let seq = 0;
  const household = async (communeId = a, villageId = villageA) =>
    (
      await t.db.household.create({
        data: {
          communeId,
          villageId,
          headName: `Chủ Hộ ${++seq}`,
          address: "Số 1, xóm 2",
          members: { create: { communeId, fullName: `Chủ Hộ ${seq}`, birthYear: 1970, gender: "male", isHead: true } },
        },
      })
    ).id;

  const heldKeys = async (householdId: number) =>
    (
      await t.db.businessSkill.findMany({
        where: { business: { householdId } },
        select: { skill: { select: { key: true } } },
        orderBy: { skill: { sortOrder: "asc" } },
      })
    ).map((s) => s.skill.key);

  const counts = async () => ({
    businesses: await t.db.householdBusiness.count(),
    skills: await t.db.businessSkill.count(),
    audits: await t.db.auditLog.count({ where: { action: { startsWith: "business." } } }),
  });

  /** A successful visit of the household that recorded `keys` for its business on `day`. */
  async function visitGave(householdId: number, day: string, keys: string[], outcome: "done" | "not_home" = "done") {
    const visitedOn = new Date(`${day}T00:00:00Z`);
    const v = await t.db.visit.create({
      data: {
        communeId: a,
        householdId,
        volunteerId,
        visitedOn,
        outcome,
        idempotencyKey: randomUUID(),
        items: { create: keys.map((k) => ({ communeId: a, skillId: skill[k]! })) },
      },
    });
    const biz = await t.db.householdBusiness.findUniqueOrThrow({ where: { householdId } });
    if (outcome === "done") {
      await t.db.businessSkill.createMany({
        data: keys.map((k) => ({ communeId: a, businessId: biz.id, skillId: skill[k]!, acquiredOn: visitedOn })),
        skipDuplicates: true,
      });
    }
    return v.id;
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    const mk = async (code: string) =>
      (await t.db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } })).id;
    a = await mk("a");
    b = await mk("b");
    await ensureCommuneDefaults(t.db, a);
    await ensureCommuneDefaults(t.db, b);
    villageA = (await t.db.village.create({ data: { communeId: a, name: "Thôn Tứ Kỳ", code: "tk" } })).id;
    villageB = (await t.db.village.create({ data: { communeId: b, name: "Thôn B", code: "b" } })).id;
    for (const s of await t.db.skill.findMany({ where: { communeId: a } })) skill[s.key] = s.id;
    volunteerId = (await t.db.user.create({ data: { communeId: a, name: "Đoàn viên", passwordHash: "x", role: "volunteer" } }))
      .id;
    users.official = as("official", a);
    users.admin = as("admin", a);
    users.leader = as("branch_leader", a);
    users.volunteer = as("volunteer", a, volunteerId);
    users.resident = as("resident", a);
    users.city = as("city", null);
    users.otherOfficial = as("official", b);
  });
  afterAll(() => t.drop());

  describe("the form's schema", () => {
    it("gives a message key beside each bad field", () => {
      const r = BusinessCreateSchema.safeParse({ name: " ", sector: "x".repeat(61), skills: "biz_cashless" });
      expect(Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({
        name: "required",
        sector: "sectorLong",
        skills: "skillInvalid",
      });
      expect(BusinessCreateSchema.safeParse({ name: "A", sector: "B" }).error?.issues.map((i) => i.message)).toEqual([
        "businessNameShort",
        "sectorShort",
      ]);
      expect(BusinessCreateSchema.safeParse({ name: "x".repeat(101), sector: "Quán ăn" }).error?.issues[0]?.message).toBe(
        "businessNameLong",
      );
      expect(BusinessUpdateSchema.safeParse({ name: "Quán Hoa", sector: "Quán ăn" }).error?.issues[0]?.message).toBe(
        "staleBusiness",
      );
      expect(BusinessUpdateSchema.parse({ name: "  Quán\u202E Hoa ", sector: " Quán ăn", version: "2" })).toEqual({
        name: "Quán Hoa",
        sector: "Quán ăn",
        skills: [],
        version: 2,
      });
    });
  });

  describe("who may", () => {
    it("refuses volunteers, branch leaders, residents and the city (403), writing nothing", async () => {
      const h = await household();
      const before = await counts();
      for (const who of ["volunteer", "leader", "resident", "city"]) {
        expect(await httpError(registerBusiness(users[who]!, h, input())), who).toBe("403");
        expect(await httpError(updateBusiness(users[who]!, h, { ...input(), version: 1 })), who).toBe("403");
        expect(await httpError(getBusinessForm(users[who]!, h)), who).toBe("403");
      }
      expect(await counts()).toEqual(before);
    });

    it("answers 'not found' for another commune's household, writing nothing", async () => {
      const h = await household();
      await registerBusiness(users.official!, h, input());
      const other = await household(b, villageB);
      const before = await counts();
      expect(await httpError(registerBusiness(users.otherOfficial!, h, input({ name: "Quán Lạ" })))).toBe("404");
      expect(await httpError(updateBusiness(users.otherOfficial!, h, { ...input({ name: "Quán Lạ" }), version: 1 }))).toBe("404");
      expect(await getBusinessForm(users.otherOfficial!, h)).toBeNull();
      // Nor can an official of A reach B's household, nor a guessed id.
      expect(await httpError(registerBusiness(users.official!, other, input()))).toBe("404");
      expect(await httpError(registerBusiness(users.official!, 2_147_483_647, input()))).toBe("404");
      expect(await httpError(updateBusiness(users.official!, other, { ...input(), version: 1 }))).toBe("404");
      expect(await counts()).toEqual(before);
    });

    it("refuses a skill that is not one of the commune's active business skills", async () => {
      const h = await household();
      const before = await counts();
      for (const key of ["ekyc_vneid", "nope"]) {
        expect(await asFormState(registerBusiness(users.official!, h, input({ skills: ["biz_cashless", key] })))).toEqual({
          ok: false,
          fieldErrors: { skills: "skillInvalid" },
        });
      }
      expect(await counts()).toEqual(before);
    });
  });

  describe("registering", () => {
    it("registers a business with the ticked skills dated today, audited without the name in clear", async () => {
      const h = await household();
      const r = await asFormState(registerBusiness(users.admin!, h, input({ skills: ["biz_cashless", "biz_online_selling"] })));
      expect(r.ok).toBe(true);
      const biz = await t.db.householdBusiness.findUniqueOrThrow({ where: { householdId: h }, include: { skills: true } });
      expect(biz).toMatchObject({ communeId: a, name: "Tạp hoá Minh Anh", sector: "Tạp hoá", version: 1 });
      expect(biz.skills.map((s) => s.acquiredOn.toISOString())).toEqual([
        todayInVietnam().toISOString(),
        todayInVietnam().toISOString(),
      ]);
      expect(await heldKeys(h)).toEqual(["biz_online_selling", "biz_cashless"]);
      const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "business.create", entityId: String(biz.id) } });
      expect(log).toMatchObject({ entity: "household_business", communeId: a });
      expect(log.details).toEqual({ householdId: h, skillsAdded: ["biz_online_selling", "biz_cashless"] });
      const after = log.after as Record<string, string>;
      expect(after.sector).toBe("Tạp hoá");
      expect(after.name).toMatch(/^hmac:/);
      expect(JSON.stringify([log.details, log.before, log.after])).not.toContain("Minh Anh");
      // The household's page shows it, with the button for staff only.
      const page = await getHouseholdDetail(users.official!, h);
      expect(page?.business).toMatchObject({ name: "Tạp hoá Minh Anh", sector: "Tạp hoá" });
      expect(page?.mayEditBusiness).toBe(true);
      expect((await getHouseholdDetail(users.leader!, h))?.mayEditBusiness).toBe(false);
    });

    it("takes a retry of the same form as done, and refuses a different second registration", async () => {
      const h = await household();
      const first = await asFormState(registerBusiness(users.official!, h, input({ skills: ["biz_einvoice"] })));
      const before = await counts();
      expect(await asFormState(registerBusiness(users.official!, h, input({ skills: ["biz_einvoice"] })))).toEqual(first);
      expect(await asFormState(registerBusiness(users.official!, h, input({ name: "Quán khác" })))).toEqual({
        ok: false,
        formError: "businessExists",
      });
      expect(await asFormState(registerBusiness(users.official!, h, input({ skills: [] })))).toEqual({
        ok: false,
        formError: "businessExists",
      });
      expect(await counts()).toEqual(before);
    });

    it("registers once when two submits race", async () => {
      const h = await household();
      const results = await Promise.all(
        [1, 2, 3].map(() => asFormState(registerBusiness(users.official!, h, input({ skills: ["biz_cashless"] })))),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(new Set(results.map((r) => (r.ok ? r.id : 0))).size).toBe(1);
      expect(await t.db.householdBusiness.count({ where: { householdId: h } })).toBe(1);
      expect(
        await t.db.auditLog.count({ where: { action: "business.create", details: { path: ["householdId"], equals: h } } }),
      ).toBe(1);
    });
  });

  describe("editing", () => {
    it("changes name and trade, adds ticked skills and removes unticked ones the form recorded", async () => {
      const h = await household();
      await registerBusiness(users.official!, h, input({ skills: ["biz_cashless", "biz_software"] }));
      const r = await asFormState(
        updateBusiness(users.official!, h, {
          name: "Tạp hoá Minh Anh 2",
          sector: "Tạp hoá",
          skills: ["biz_cashless", "biz_einvoice"],
          version: 1,
        }),
      );
      expect(r.ok).toBe(true);
      const biz = await t.db.householdBusiness.findUniqueOrThrow({ where: { householdId: h } });
      expect(biz).toMatchObject({ name: "Tạp hoá Minh Anh 2", version: 2 });
      expect(await heldKeys(h)).toEqual(["biz_cashless", "biz_einvoice"]);
      const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "business.update", entityId: String(biz.id) } });
      expect(log.details).toEqual({
        householdId: h,
        changed: ["name"],
        skillsAdded: ["biz_einvoice"],
        skillsRemoved: ["biz_software"],
      });
      expect((log.before as Record<string, string>).name).toMatch(/^hmac:/);
      expect((log.after as Record<string, string>).name).toMatch(/^hmac:/);
      expect(JSON.stringify([log.details, log.before, log.after])).not.toContain("Minh Anh");
      // Untick everything.
      expect(
        (await asFormState(updateBusiness(users.admin!, h, { ...input({ name: "Tạp hoá Minh Anh 2" }), version: 2 }))).ok,
      ).toBe(true);
      expect(await heldKeys(h)).toEqual([]);
    });

    it("keeps a skill a visit recorded when it is unticked, and shows it locked on the form", async () => {
      const h = await household();
      await registerBusiness(users.official!, h, input({ skills: ["biz_software"] }));
      await visitGave(h, "2026-03-02", ["biz_online_selling"]);
      // A visit that did not succeed gave nothing; its item does not lock the seed's skill.
      await visitGave(h, "2026-03-05", ["biz_einvoice"], "not_home");
      const biz = await t.db.householdBusiness.findUniqueOrThrow({ where: { householdId: h } });
      await t.db.businessSkill.create({
        data: { communeId: a, businessId: biz.id, skillId: skill.biz_einvoice!, acquiredOn: new Date("2026-03-05T00:00:00Z") },
      });

      const form = await getBusinessForm(users.official!, h);
      expect(form?.business).toEqual({ name: "Tạp hoá Minh Anh", sector: "Tạp hoá", version: 1 });
      expect(form?.skills.map((s) => [s.key, s.held, s.fromVisitOn?.toISOString().slice(0, 10) ?? null])).toEqual([
        ["biz_online_selling", true, "2026-03-02"],
        ["biz_cashless", false, null],
        ["biz_software", true, null],
        ["biz_einvoice", true, null],
      ]);
      expect(form?.sectors).toContain("Tạp hoá");

      const r = await asFormState(updateBusiness(users.official!, h, { ...input({ skills: ["biz_cashless"] }), version: 1 }));
      expect(r.ok).toBe(true);
      expect(await heldKeys(h)).toEqual(["biz_online_selling", "biz_cashless"]);
      const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "business.update", entityId: String(biz.id) } });
      expect(log.details).toMatchObject({
        changed: [],
        skillsAdded: ["biz_cashless"],
        skillsRemoved: ["biz_software", "biz_einvoice"],
      });
      // The visit's skill keeps its day.
      const kept = await t.db.businessSkill.findUniqueOrThrow({
        where: { businessId_skillId: { businessId: biz.id, skillId: skill.biz_online_selling! } },
      });
      expect(kept.acquiredOn.toISOString().slice(0, 10)).toBe("2026-03-02");
    });

    it("refuses a stale version, but takes a retry of the same save as done", async () => {
      const h = await household();
      await registerBusiness(users.official!, h, input());
      const edit = { ...input({ sector: "Quán ăn", skills: ["biz_cashless"] }), version: 1 };
      const first = await asFormState(updateBusiness(users.official!, h, edit));
      expect(first.ok).toBe(true);
      const before = await counts();
      // The same form sent again (its answer was lost): done, nothing written twice.
      expect(await asFormState(updateBusiness(users.official!, h, edit))).toEqual(first);
      // Another form opened before that save: refused, not applied over it.
      expect(await asFormState(updateBusiness(users.admin!, h, { ...input({ sector: "May mặc" }), version: 1 }))).toEqual({
        ok: false,
        formError: "staleBusiness",
      });
      expect(await counts()).toEqual(before);
      expect(await t.db.householdBusiness.findUniqueOrThrow({ where: { householdId: h } })).toMatchObject({
        sector: "Quán ăn",
        version: 2,
      });
    });

    it("answers 'not found' when the household has no business to edit", async () => {
      const h = await household();
      expect(await httpError(updateBusiness(users.official!, h, { ...input(), version: 1 }))).toBe("404");
      const form = await getBusinessForm(users.official!, h);
      expect(form?.business).toBeNull();
      expect(form?.skills.every((s) => !s.held && s.fromVisitOn === null)).toBe(true);
    });
  });
});
