// The server actions themselves (public POST endpoints): each with the allowed role, a refused
// role, another commune's user and bad input. The session is the only thing replaced: the
// database, validation and lib calls are real.
import { CONSENT_KINDS } from "@/lib/consent/texts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { Forbidden, NotFound } from "@/lib/validation/refusal";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new Error("no session");
    return session.user;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const {
  addMemberAction,
  createHouseholdAction,
  registerBusinessAction,
  removeMemberAction,
  updateBusinessAction,
  updateHouseholdAction,
  updateMemberAction,
} = await import("./actions");

/** What an action ended with: a redirect target (Next's digest), lib's 403/404, or its returned state. */
async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof Forbidden) return "403";
    if (err instanceof NotFound) return "404";
    const digest = String((err as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw err;
  }
}

function form(fields: Record<string, string | number | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, String(one));
  }
  return fd;
}

describe("household server actions", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  let village: number;
  let household: number;
  let head: number;
  let actorId = 0;
  const as = (role: CurrentUser["role"], communeId: number | null): CurrentUser => ({
    id: actorId,
    name: role,
    role,
    communeId,
    memberId: null,
    username: role,
    phone: null,
  });
  const official = () => as("official", a);
  const snapshot = async () => ({
    households: await t.db.household.findMany({ orderBy: { id: "asc" } }),
    members: await t.db.member.findMany({ orderBy: { id: "asc" } }),
    skills: await t.db.memberSkill.count(),
  });
  const run = (user: CurrentUser, p: () => Promise<unknown>) => {
    session.user = user;
    return outcome(p());
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    a = (await t.db.commune.create({ data: { code: "a", name: "Xã A", province: "HP" } })).id;
    b = (await t.db.commune.create({ data: { code: "b", name: "Xã B", province: "HP" } })).id;
    await ensureCommuneDefaults(t.db, a);
    // The audit log names its actor; one real user row stands behind every role here.
    actorId = (await t.db.user.create({ data: { communeId: a, name: "Actor", passwordHash: "x", role: "official" } })).id;
    village = (await t.db.village.create({ data: { communeId: a, name: "Thôn 1", code: "t1" } })).id;
    const h = await t.db.household.create({
      data: {
        communeId: a,
        villageId: village,
        headName: "Lê Văn Chủ",
        address: "Số 1",
        members: { create: { communeId: a, fullName: "Lê Văn Chủ", birthYear: 1960, gender: "male", isHead: true } },
      },
      include: { members: true },
    });
    household = h.id;
    head = h.members[0].id;
  });
  afterAll(() => t.drop());

  const newHousehold = {
    villageId: 0,
    headName: "Hoàng Thị Lan",
    address: "Số 5, xóm 1",
    phone: "",
    headBirthYear: 1975,
    headGender: "female",
    consent: "on",
    consentTextKey: CONSENT_KINDS.member.key,
  };

  it("createHouseholdAction: official → redirect to the new household; duplicate → warning; create anyway", async () => {
    const input = { ...newHousehold, villageId: village };
    const r = (await run(official(), () => createHouseholdAction({ ok: false }, form(input)))) as { redirect: string };
    expect(r.redirect).toMatch(/^\/households\/\d+$/);
    const dup = (await run(official(), () =>
      createHouseholdAction({ ok: false }, form({ ...input, headName: "hoang thi lan" })),
    )) as {
      data: unknown[];
    };
    expect(dup).toMatchObject({ ok: false, formError: "duplicates", values: { headName: "hoang thi lan" } });
    expect(dup.data).toHaveLength(1);
    const anyway = await run(official(), () =>
      createHouseholdAction({ ok: false }, form({ ...input, headName: "hoang thi lan", createAnyway: "yes" })),
    );
    expect(anyway).toMatchObject({ redirect: expect.stringMatching(/^\/households\/\d+$/) });
  });

  it("createHouseholdAction: refused role, another commune's user, bad input — nothing saved", async () => {
    const before = await snapshot();
    const input = { ...newHousehold, villageId: village, headName: "Người Mới Khác" };
    expect(await run(as("volunteer", a), () => createHouseholdAction({ ok: false }, form(input)))).toBe("403");
    // Another commune's official cannot place a household in this commune's village.
    expect(await run(as("official", b), () => createHouseholdAction({ ok: false }, form(input)))).toMatchObject({
      ok: false,
      fieldErrors: { villageId: "villageRequired" },
    });
    expect(
      await run(official(), () =>
        createHouseholdAction({ ok: false }, form({ ...input, headName: "", phone: "12ab", headBirthYear: 3000 })),
      ),
    ).toEqual({
      ok: false,
      fieldErrors: { headName: "required", phone: "phoneInvalid", headBirthYear: "birthYearInvalid" },
      values: expect.objectContaining({ phone: "12ab" }),
    });
    expect(await snapshot()).toEqual(before);
  });

  it("updateHouseholdAction: saves once, the second save with the old version is refused", async () => {
    const h = await t.db.household.findUniqueOrThrow({ where: { id: household } });
    const input = {
      householdId: household,
      villageId: village,
      headName: h.headName,
      address: "Số 10",
      phone: "",
      version: h.version,
    };
    expect(await run(official(), () => updateHouseholdAction({ ok: false }, form(input)))).toEqual({
      redirect: `/households/${household}`,
    });
    expect(await run(official(), () => updateHouseholdAction({ ok: false }, form({ ...input, address: "Số 11" })))).toMatchObject(
      {
        ok: false,
        formError: "stale",
      },
    );
    expect((await t.db.household.findUniqueOrThrow({ where: { id: household } })).address).toBe("Số 10");
  });

  it("updateHouseholdAction: refused role, another commune, bad input — nothing saved", async () => {
    const h = await t.db.household.findUniqueOrThrow({ where: { id: household } });
    const before = await snapshot();
    const input = {
      householdId: household,
      villageId: village,
      headName: "X Y",
      address: "Số 99",
      phone: "",
      version: h.version,
    };
    expect(await run(as("volunteer", a), () => updateHouseholdAction({ ok: false }, form(input)))).toBe("403");
    expect(await run(as("city", null), () => updateHouseholdAction({ ok: false }, form(input)))).toBe("403");
    expect(await run(as("official", b), () => updateHouseholdAction({ ok: false }, form(input)))).toBe("404");
    expect(
      await run(official(), () => updateHouseholdAction({ ok: false }, form({ ...input, address: "", version: "" }))),
    ).toMatchObject({
      ok: false,
      fieldErrors: { address: "required", version: "stale" },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("addMemberAction: leader adds a member with skills; refused role, another commune, bad input save nothing", async () => {
    const input = {
      householdId: household,
      fullName: "Lê Thị Út",
      birthYear: 1995,
      gender: "female",
      skillsOnForm: "yes",
      skills: ["vneid_l2"],
      consent: "on",
      consentTextKey: CONSENT_KINDS.member.key,
    };
    expect(await run(as("branch_leader", a), () => addMemberAction({ ok: false }, form(input)))).toEqual({
      redirect: `/households/${household}#members`,
    });
    const m = await t.db.member.findFirstOrThrow({ where: { fullName: "Lê Thị Út" }, include: { skills: true } });
    expect(m.skills).toHaveLength(1);
    const before = await snapshot();
    expect(await run(as("volunteer", a), () => addMemberAction({ ok: false }, form(input)))).toBe("403");
    expect(await run(as("official", b), () => addMemberAction({ ok: false }, form(input)))).toBe("404");
    expect(
      await run(official(), () => addMemberAction({ ok: false }, form({ ...input, birthYear: "năm ngoái", gender: "" }))),
    ).toMatchObject({
      ok: false,
      fieldErrors: { birthYear: "birthYearInvalid", gender: "genderInvalid" },
      values: { skills: "vneid_l2" },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("updateMemberAction and removeMemberAction: allowed, refused, another commune, bad input", async () => {
    const m = await t.db.member.findFirstOrThrow({ where: { fullName: "Lê Thị Út" } });
    const input = {
      householdId: household,
      memberId: m.id,
      fullName: "Lê Thị Út",
      birthYear: 1995,
      gender: "female",
      skillsOnForm: "yes",
      skills: ["vneid_l2", "cashless"],
      version: m.version,
    };
    let before = await snapshot();
    expect(await run(as("volunteer", a), () => updateMemberAction({ ok: false }, form(input)))).toBe("403");
    expect(await run(as("official", b), () => updateMemberAction({ ok: false }, form(input)))).toBe("404");
    expect(await run(official(), () => updateMemberAction({ ok: false }, form({ ...input, fullName: "" })))).toMatchObject({
      fieldErrors: { fullName: "required" },
    });
    expect(await snapshot()).toEqual(before);
    expect(await run(as("admin", a), () => updateMemberAction({ ok: false }, form(input)))).toEqual({
      redirect: `/households/${household}#members`,
    });
    expect(await t.db.memberSkill.count({ where: { memberId: m.id } })).toBe(2);

    const fresh = await t.db.member.findUniqueOrThrow({ where: { id: m.id } });
    const remove = { householdId: household, memberId: m.id, version: fresh.version };
    before = await snapshot();
    expect(await run(as("volunteer", a), () => removeMemberAction({ ok: false }, form(remove)))).toBe("403");
    expect(await run(as("official", b), () => removeMemberAction({ ok: false }, form(remove)))).toBe("404");
    expect(await run(official(), () => removeMemberAction({ ok: false }, form({ ...remove, version: "x" })))).toEqual({
      ok: false,
      formError: "staleMember",
    });
    expect(await run(official(), () => removeMemberAction({ ok: false }, form({ ...remove, memberId: head })))).toEqual({
      ok: false,
      formError: "cannotRemoveHead",
    });
    expect(await snapshot()).toEqual(before);
    expect(await run(official(), () => removeMemberAction({ ok: false }, form(remove)))).toEqual({
      redirect: `/households/${household}#members`,
    });
    expect(await t.db.member.count({ where: { id: m.id } })).toBe(0);
  });

  it("registerBusinessAction, updateBusinessAction: staff only, errors beside the field, then back to the household", async () => {
    const business = () => t.db.householdBusiness.findUnique({ where: { householdId: household }, include: { skills: true } });
    const fields = { householdId: household, name: "Quán Lan", sector: "Quán ăn", skills: ["biz_cashless"] };
    expect(await run(as("branch_leader", a), () => registerBusinessAction({ ok: false }, form(fields)))).toBe("403");
    expect(await run(as("official", b), () => registerBusinessAction({ ok: false }, form(fields)))).toBe("404");
    expect(
      await run(official(), () => registerBusinessAction({ ok: false }, form({ ...fields, name: "Q", sector: "" }))),
    ).toEqual({
      ok: false,
      fieldErrors: { name: "businessNameShort", sector: "required" },
      values: { name: "Q", sector: "", skills: "biz_cashless" },
    });
    expect(await business()).toBeNull();
    expect(await run(official(), () => registerBusinessAction({ ok: false }, form(fields)))).toEqual({
      redirect: `/households/${household}#business`,
    });
    expect((await business())?.skills).toHaveLength(1);

    const edit = { ...fields, name: "Quán Lan Mới", skills: ["biz_cashless", "biz_einvoice"], version: 1 };
    expect(await run(as("volunteer", a), () => updateBusinessAction({ ok: false }, form(edit)))).toBe("403");
    expect(await run(official(), () => updateBusinessAction({ ok: false }, form({ ...edit, version: "" })))).toMatchObject({
      ok: false,
      fieldErrors: { version: "staleBusiness" },
    });
    expect(await run(as("admin", a), () => updateBusinessAction({ ok: false }, form(edit)))).toEqual({
      redirect: `/households/${household}#business`,
    });
    expect(await business()).toMatchObject({ name: "Quán Lan Mới", version: 2 });
    expect((await business())?.skills).toHaveLength(2);
    expect(await run(official(), () => updateBusinessAction({ ok: false }, form({ ...edit, sector: "Tạp hoá" })))).toMatchObject({
      ok: false,
      formError: "staleBusiness",
      values: { sector: "Tạp hoá" },
    });
  });
});
