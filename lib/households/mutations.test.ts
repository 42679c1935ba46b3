import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { addMember, createHousehold, removeMember, updateHousehold, updateMember } from "@/lib/households/mutations";
import { getHouseholdDetail, getHouseholdForEdit, getMemberForEdit } from "@/lib/households/queries";
import {
  HouseholdCreateSchema,
  HouseholdUpdateSchema,
  MemberInputSchema,
  MemberUpdateSchema,
  type HouseholdCreateInput,
  type MemberCreateInput,
} from "@/lib/households/schemas";
import { asFormState, httpError } from "@/lib/testing/refusals";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("household and member writes", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  let villageA: number;
  let villageA2: number;
  let villageB: number;
  let householdA: number;
  let householdB: number;
  let volunteerId: number;
  const users: Record<string, CurrentUser> = {};

  const as = (role: CurrentUser["role"], communeId: number | null, id = 1): CurrentUser => ({
    id,
    name: role,
    role,
    communeId,
    memberId: null,
    username: role,
    phone: null,
  });

  const newHousehold = (over: Partial<HouseholdCreateInput> = {}): HouseholdCreateInput => ({
    villageId: villageA,
    headName: "Phạm Văn Mới",
    address: "Số 9, xóm 3",
    phone: null,
    headBirthYear: 1980,
    headGender: "male",
    createAnyway: false,
    consent: true,
    ...over,
  });
  const newMember = (over: Partial<MemberCreateInput> = {}): MemberCreateInput => ({
    fullName: "Phạm Thị Con",
    birthYear: 1990,
    gender: "female",
    phone: null,
    isHead: false,
    skills: [],
    skillsOnForm: true,
    consent: true,
    ...over,
  });
  const count = async () => ({
    households: await t.db.household.count(),
    members: await t.db.member.count(),
    skills: await t.db.memberSkill.count(),
  });
  const audits = (action: string) => t.db.auditLog.count({ where: { action } });

  beforeAll(async () => {
    t = await createTestDatabase();
    const mk = async (code: string) =>
      (await t.db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } })).id;
    a = await mk("a");
    b = await mk("b");
    await ensureCommuneDefaults(t.db, a);
    await ensureCommuneDefaults(t.db, b);
    villageA = (await t.db.village.create({ data: { communeId: a, name: "Thôn Tứ Kỳ", code: "tk" } })).id;
    villageA2 = (await t.db.village.create({ data: { communeId: a, name: "Thôn Đông", code: "d" } })).id;
    villageB = (await t.db.village.create({ data: { communeId: b, name: "Thôn B", code: "b" } })).id;
    const hh = (communeId: number, villageId: number, headName: string, phone: string | null) =>
      t.db.household.create({
        data: {
          communeId,
          villageId,
          headName,
          address: "Số 1, xóm 2",
          phone,
          members: { create: [{ communeId, fullName: headName, birthYear: 1970, gender: "male", isHead: true, phone }] },
          family: { create: { communeId, enrolledOn: new Date("2026-01-01") } },
        },
      });
    householdA = (await hh(a, villageA, "Nguyễn Văn An", "0912345678")).id;
    householdB = (await hh(b, villageB, "Trần Văn Bé", null)).id;
    const vol = await t.db.user.create({ data: { communeId: a, name: "Đoàn viên", passwordHash: "x", role: "volunteer" } });
    volunteerId = vol.id;
    users.official = as("official", a);
    users.admin = as("admin", a);
    users.leader = as("branch_leader", a);
    users.volunteer = as("volunteer", a, vol.id);
    users.resident = as("resident", a);
    users.city = as("city", null);
    users.otherOfficial = as("official", b);
  });
  afterAll(() => t.drop());

  describe("the shared schemas", () => {
    it("give message keys for bad input", () => {
      const r = HouseholdCreateSchema.safeParse({
        villageId: "",
        headName: " ",
        address: "x",
        phone: "123",
        headBirthYear: "1800",
      });
      expect(r.success).toBe(false);
      const keys = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
      expect(keys).toMatchObject({
        villageId: "villageRequired",
        headName: "required",
        address: "addressShort",
        phone: "phoneInvalid",
        headBirthYear: "birthYearInvalid",
        headGender: "genderInvalid",
      });
      expect(HouseholdUpdateSchema.safeParse({ villageId: 1, headName: "Ab", address: "abc" }).error?.issues[0]?.message).toBe(
        "stale",
      );
      expect(
        MemberInputSchema.safeParse({ fullName: "A", birthYear: "abc", gender: "x" }).error?.issues.map((i) => i.message),
      ).toEqual(["nameShort", "birthYearInvalid", "genderInvalid"]);
    });

    it("normalise phones and checkboxes", () => {
      const r = MemberUpdateSchema.parse({
        fullName: "  Lê Văn B ",
        birthYear: "2000",
        gender: "male",
        phone: "+84 912 345 678",
        isHead: "on",
        version: "3",
      });
      expect(r).toMatchObject({
        fullName: "Lê Văn B",
        birthYear: 2000,
        phone: "0912345678",
        isHead: true,
        version: 3,
        skills: [],
      });
      expect(HouseholdCreateSchema.parse({ ...newHousehold(), phone: "", consentTextKey: "member.v1" }).phone).toBeNull();
    });
  });

  describe("createHousehold", () => {
    it("lets an official add a household with its head as first member, audited", async () => {
      const { id } = await createHousehold(users.official, newHousehold({ headName: "Đỗ Thị Hạnh", phone: "0987000111" }));
      const h = await t.db.household.findUniqueOrThrow({ where: { id }, include: { members: true } });
      expect(h).toMatchObject({ communeId: a, villageId: villageA, headName: "Đỗ Thị Hạnh", phone: "0987000111", version: 1 });
      expect(h.members).toEqual([expect.objectContaining({ fullName: "Đỗ Thị Hạnh", isHead: true, birthYear: 1980 })]);
      expect(await t.db.auditLog.count({ where: { action: "household.create", entityId: String(id), actorId: 1 } })).toBe(1);
    });

    it("lets an admin and a branch leader add households too", async () => {
      expect(await createHousehold(users.admin, newHousehold({ headName: "Vũ Văn Admin" }))).toEqual({ id: expect.any(Number) });
      expect(await createHousehold(users.leader, newHousehold({ headName: "Vũ Văn Leader" }))).toEqual({
        id: expect.any(Number),
      });
    });

    it("refuses volunteers, residents and the city, saving nothing", async () => {
      const before = await count();
      for (const u of [users.volunteer, users.resident, users.city]) {
        expect(await httpError(createHousehold(u, newHousehold({ headName: "Không Được Thêm" })))).toBe("403");
      }
      expect(await count()).toEqual(before);
    });

    it("refuses a village of another commune", async () => {
      const before = await count();
      const r = await asFormState(createHousehold(users.official, newHousehold({ villageId: villageB })));
      expect(r).toEqual({ ok: false, fieldErrors: { villageId: "villageRequired" } });
      expect(await count()).toEqual(before);
    });

    it("warns of a probable duplicate (same head name without diacritics, same village), then creates anyway", async () => {
      const before = await count();
      const r = await asFormState(createHousehold(users.official, newHousehold({ headName: "nguyen  VAN an" })));
      expect(r.ok).toBe(false);
      expect(r).toMatchObject({
        formError: "duplicates",
        data: [{ id: householdA, headName: "Nguyễn Văn An", reason: "name" }],
      });
      expect(await count()).toEqual(before);
      // The same name in another village is not a probable duplicate.
      expect(
        (await asFormState(createHousehold(users.official, newHousehold({ headName: "Nguyễn Văn An", villageId: villageA2 }))))
          .ok,
      ).toBe(true);
      const anyway = await asFormState(
        createHousehold(users.official, newHousehold({ headName: "Nguyễn Văn An", createAnyway: true })),
      );
      expect(anyway.ok).toBe(true);
    });

    it("warns of the same phone number on a household or a member, but not of another commune's", async () => {
      const r = await asFormState(
        createHousehold(users.official, newHousehold({ headName: "Người Khác Hẳn", phone: "0912345678" })),
      );
      expect(r).toMatchObject({ ok: false, data: [{ id: householdA, reason: "phone" }] });
      await t.db.member.create({
        data: { communeId: b, householdId: householdB, fullName: "X", birthYear: 1990, gender: "male", phone: "0333333333" },
      });
      expect(
        (await asFormState(createHousehold(users.official, newHousehold({ headName: "Người Thứ Ba", phone: "0333333333" })))).ok,
      ).toBe(true);
    });
  });

  describe("updateHousehold", () => {
    it("saves with the current version, renames the head member, and bumps the version", async () => {
      const h = await t.db.household.findUniqueOrThrow({ where: { id: householdA } });
      const r = await updateHousehold(users.official, householdA, {
        villageId: villageA,
        headName: "Nguyễn Văn Ân",
        address: "Số 2, xóm 2",
        phone: "0912345678",
        version: h.version,
      });
      expect(r).toEqual({ id: householdA });
      const after = await t.db.household.findUniqueOrThrow({ where: { id: householdA }, include: { members: true } });
      expect(after).toMatchObject({ headName: "Nguyễn Văn Ân", address: "Số 2, xóm 2", version: h.version + 1 });
      expect(after.members.find((m) => m.isHead)?.fullName).toBe("Nguyễn Văn Ân");
      expect(await audits("household.update")).toBe(1);
    });

    it("refuses a stale version: the second saver is told and nothing is overwritten", async () => {
      const h = await t.db.household.findUniqueOrThrow({ where: { id: householdA } });
      const input = { villageId: villageA, headName: h.headName, address: "Lần một", phone: h.phone, version: h.version };
      expect(await updateHousehold(users.official, householdA, input)).toEqual({ id: householdA });
      const second = await asFormState(updateHousehold(users.admin, householdA, { ...input, address: "Lần hai" }));
      expect(second).toEqual({ ok: false, formError: "stale" });
      expect((await t.db.household.findUniqueOrThrow({ where: { id: householdA } })).address).toBe("Lần một");
    });

    it("answers 404 to another commune's official and 403 to a volunteer", async () => {
      const h = await t.db.household.findUniqueOrThrow({ where: { id: householdA } });
      const input = { villageId: villageB, headName: "Kẻ Lạ", address: "Nơi khác", phone: null, version: h.version };
      expect(await httpError(updateHousehold(users.otherOfficial, householdA, input))).toBe("404");
      expect(await httpError(updateHousehold(users.volunteer, householdA, { ...input, villageId: villageA }))).toBe("403");
      expect((await t.db.household.findUniqueOrThrow({ where: { id: householdA } })).headName).toBe(h.headName);
    });

    it("refuses bad input from a tampered form (a village of another commune)", async () => {
      const h = await t.db.household.findUniqueOrThrow({ where: { id: householdA } });
      const r = await asFormState(
        updateHousehold(users.official, householdA, {
          villageId: villageB,
          headName: h.headName,
          address: h.address,
          phone: h.phone,
          version: h.version,
        }),
      );
      expect(r).toEqual({ ok: false, fieldErrors: { villageId: "villageRequired" } });
      expect((await t.db.household.findUniqueOrThrow({ where: { id: householdA } })).version).toBe(h.version);
    });
  });

  describe("members and skills", () => {
    let memberId: number;

    it("adds a member with skills and recomputes the family in the same transaction", async () => {
      const head = await t.db.member.findFirstOrThrow({ where: { householdId: householdA, isHead: true } });
      const skills = await t.db.skill.findMany({ where: { communeId: a } });
      const id = (key: string) => skills.find((s) => s.key === key)!.id;
      await t.db.memberSkill.createMany({
        data: ["vneid_l2", "smart_hp", "online_service", "cashless"].map((k) => ({
          communeId: a,
          memberId: head.id,
          skillId: id(k),
          acquiredOn: new Date("2026-01-01"),
        })),
      });
      // Adding an adult without VNeID keeps the family below "digital" ("every adult" rule).
      memberId = (await addMember(users.leader, householdA, newMember({ skills: ["smart_hp"] }))).id;
      expect(await t.db.memberSkill.count({ where: { memberId } })).toBe(1);
      expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: householdA } })).status).toBe("in_progress");
      expect(await audits("member.create")).toBe(1);
    });

    it("adds a member once when the same form is submitted twice or retried", async () => {
      const key = "0b6a3f2e-5d4c-4b3a-8f9e-7d6c5b4a3f2e";
      const before = await t.db.member.count({ where: { householdId: householdA } });
      const [a, b] = await Promise.all([
        addMember(users.official, householdA, newMember(), key),
        addMember(users.official, householdA, newMember(), key),
      ]);
      const again = await addMember(users.official, householdA, newMember(), key);
      expect(new Set([a, b, again].map((r) => r.id)).size).toBe(1);
      expect(await t.db.member.count({ where: { householdId: householdA } })).toBe(before + 1);
      await t.db.member.delete({ where: { id: a.id } });
    });

    it("ticks and unticks skills on the member form, recomputing the status", async () => {
      const m = await t.db.member.findUniqueOrThrow({ where: { id: memberId } });
      const r = await updateMember(users.official, householdA, memberId, {
        ...newMember({ skills: ["vneid_l2", "cashless"] }),
        version: m.version,
      });
      expect(r).toEqual({ id: memberId });
      const keys = (await t.db.memberSkill.findMany({ where: { memberId }, include: { skill: true } }))
        .map((s) => s.skill.key)
        .sort();
      expect(keys).toEqual(["cashless", "vneid_l2"]);
      expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: householdA } })).status).toBe("digital");
      const again = await t.db.member.findUniqueOrThrow({ where: { id: memberId } });
      await updateMember(users.official, householdA, memberId, {
        ...newMember({ skills: ["cashless"] }),
        version: again.version,
      });
      expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: householdA } })).status).toBe("in_progress");
    });

    it("refuses a stale member version, an unknown skill and unticking the only head, saving nothing", async () => {
      const m = await t.db.member.findUniqueOrThrow({ where: { id: memberId } });
      const before = await count();
      expect(
        await asFormState(
          updateMember(users.official, householdA, memberId, { ...newMember({ fullName: "Cũ" }), version: m.version - 1 }),
        ),
      ).toEqual({
        ok: false,
        formError: "staleMember",
      });
      expect(
        await asFormState(
          updateMember(users.official, householdA, memberId, { ...newMember({ skills: ["hack"] }), version: m.version }),
        ),
      ).toEqual({
        ok: false,
        fieldErrors: { skills: "skillInvalid" },
      });
      expect(await asFormState(addMember(users.official, householdA, newMember({ skills: ["hack"] })))).toEqual({
        ok: false,
        fieldErrors: { skills: "skillInvalid" },
      });
      const head = await t.db.member.findFirstOrThrow({ where: { householdId: householdA, isHead: true } });
      expect(
        await asFormState(
          updateMember(users.official, householdA, head.id, {
            ...newMember({ fullName: head.fullName, isHead: false }),
            version: head.version,
          }),
        ),
      ).toEqual({ ok: false, fieldErrors: { isHead: "headRequired" } });
      expect(await count()).toEqual(before);
      expect((await t.db.member.findUniqueOrThrow({ where: { id: memberId } })).version).toBe(m.version);
    });

    it("makes another member the head, and the household's head name follows", async () => {
      const m = await t.db.member.findUniqueOrThrow({ where: { id: memberId } });
      await updateMember(users.official, householdA, memberId, {
        ...newMember({ isHead: true, skills: ["cashless"] }),
        version: m.version,
      });
      const heads = await t.db.member.findMany({ where: { householdId: householdA, isHead: true } });
      expect(heads.map((h) => h.id)).toEqual([memberId]);
      expect((await t.db.household.findUniqueOrThrow({ where: { id: householdA } })).headName).toBe("Phạm Thị Con");
    });

    it("answers 404 to another commune and 403 to a volunteer, for every member write", async () => {
      const m = await t.db.member.findUniqueOrThrow({ where: { id: memberId } });
      const before = await count();
      expect(await httpError(addMember(users.otherOfficial, householdA, newMember()))).toBe("404");
      expect(
        await httpError(updateMember(users.otherOfficial, householdA, memberId, { ...newMember(), version: m.version })),
      ).toBe("404");
      expect(await httpError(removeMember(users.otherOfficial, householdA, memberId, { version: m.version }))).toBe("404");
      // A member id paired with another household id is not found either.
      expect(
        await httpError(updateMember(users.otherOfficial, householdB, memberId, { ...newMember(), version: m.version })),
      ).toBe("404");
      expect(await httpError(addMember(users.volunteer, householdA, newMember()))).toBe("403");
      expect(await httpError(updateMember(users.volunteer, householdA, memberId, { ...newMember(), version: m.version }))).toBe(
        "403",
      );
      expect(await httpError(removeMember(users.volunteer, householdA, memberId, { version: m.version }))).toBe("403");
      expect(await httpError(removeMember(users.city, householdA, memberId, { version: m.version }))).toBe("403");
      expect(await count()).toEqual(before);
    });

    it("removes a member (not the head, not with a stale version) and recomputes", async () => {
      const head = await t.db.member.findFirstOrThrow({ where: { householdId: householdA, isHead: true } });
      expect(await asFormState(removeMember(users.official, householdA, head.id, { version: head.version }))).toEqual({
        ok: false,
        formError: "cannotRemoveHead",
      });
      const other = await t.db.member.findFirstOrThrow({ where: { householdId: householdA, isHead: false } });
      expect(await asFormState(removeMember(users.official, householdA, other.id, { version: other.version + 5 }))).toEqual({
        ok: false,
        formError: "staleMember",
      });
      expect(await removeMember(users.official, householdA, other.id, { version: other.version })).toEqual({ id: other.id });
      expect(await t.db.member.count({ where: { id: other.id } })).toBe(0);
      expect(await audits("member.delete")).toBe(1);
    });
  });

  describe("reading a household", () => {
    it("shows contact details to registry roles, audited", async () => {
      const before = await audits("household.view");
      const h = await getHouseholdDetail(users.official, householdA);
      expect(h?.contactDetails).toBe(true);
      expect(h?.phone).toBe("0912345678");
      expect(h?.members.every((m) => m.birthYear !== null)).toBe(true);
      expect(h?.family?.criteria.length).toBeGreaterThan(0);
      expect(await audits("household.view")).toBe(before + 1);
    });

    it("hides phones and birth years from a volunteer not assigned to the household, and shows them once assigned", async () => {
      const hidden = await getHouseholdDetail(users.volunteer, householdA);
      expect(hidden?.phone).toBeNull();
      expect(hidden?.members.every((m) => m.birthYear === null && m.phone === null)).toBe(true);
      expect(hidden?.mayEdit).toBe(false);
      await t.db.assignment.create({ data: { communeId: a, householdId: householdA, volunteerId, assignedById: volunteerId } });
      const shown = await getHouseholdDetail(users.volunteer, householdA);
      expect(shown?.phone).toBe("0912345678");
      expect(shown?.members.some((m) => m.birthYear !== null)).toBe(true);
    });

    it("gives nothing of another commune's household, and refuses roles without the registry", async () => {
      expect(await getHouseholdDetail(users.otherOfficial, householdA)).toBeNull();
      expect(await getHouseholdDetail(users.official, householdB)).toBeNull();
      expect(await getHouseholdForEdit(users.official, householdB)).toBeNull();
      expect(await getMemberForEdit(users.official, householdB, 1)).toBeNull();
      expect(await httpError(getHouseholdDetail(users.resident, householdA))).toBe("403");
      expect(await httpError(getHouseholdDetail(users.city, householdA))).toBe("403");
      expect(await httpError(getHouseholdForEdit(users.volunteer, householdA))).toBe("403");
    });
  });
});
