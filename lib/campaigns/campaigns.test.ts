import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { buildWalkLists, createCampaign, finishShift, startShift, updateCampaign } from "@/lib/campaigns/mutations";
import { getCampaign, getCampaignSummary, getMyWalkList, getWalkListsForPrint, listCampaigns } from "@/lib/campaigns/queries";
import type { CampaignRawInput } from "@/lib/campaigns/schemas";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { asFormState, httpError } from "@/lib/testing/refusals";

// 2026-06-06 is a Saturday; ages below are counted against 2026.
const NOW = new Date("2026-06-06T03:00:00Z");
const DAY = "2026-06-06";

describe("campaigns", () => {
  let t: TestDatabase;
  const ids = {} as Record<string, number>;
  const users = {} as Record<string, CurrentUser>;

  const mkUser = async (key: string, role: Role, communeId: number | null, branchId?: number) => {
    const u = await t.db.user.create({
      data: { communeId, username: key, name: key, passwordHash: "x", role },
      select: { id: true },
    });
    if (branchId !== undefined && communeId !== null) {
      await t.db.volunteerProfile.create({
        data: { userId: u.id, communeId, branchId, isLeader: role === "branch_leader", joinedOn: new Date("2025-01-01") },
      });
    }
    users[key] = { id: u.id, name: key, role, communeId, memberId: null, username: key, phone: null };
  };

  /** A household whose one member is `age` and has (or lacks) the target skill. */
  const mkHousehold = async (
    key: string,
    communeId: number,
    villageId: number,
    age: number,
    opts: { hasSkill?: boolean; lastVisitOn?: string } = {},
  ) => {
    const h = await t.db.household.create({
      data: {
        communeId,
        villageId,
        headName: `Chủ hộ ${key}`,
        address: `Số ${key}`,
        lastVisitOn: opts.lastVisitOn ? new Date(opts.lastVisitOn) : null,
        members: {
          create: { communeId, fullName: `Người ${key}`, birthYear: 2026 - age, gender: "female", isHead: true },
        },
      },
      select: { id: true, members: { select: { id: true } } },
    });
    if (opts.hasSkill) {
      await t.db.memberSkill.create({
        data: { communeId, memberId: h.members[0].id, skillId: ids.skillA, acquiredOn: new Date("2026-01-01") },
      });
    }
    ids[key] = h.id;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    const a = await t.db.commune.create({ data: { code: "a", name: "Xã A", province: "Hải Phòng" } });
    const b = await t.db.commune.create({ data: { code: "b", name: "Xã B", province: "Hải Phòng" } });
    ids.a = a.id;
    ids.b = b.id;
    const village = async (communeId: number, name: string, code: string) =>
      (await t.db.village.create({ data: { communeId, name, code } })).id;
    ids.v1 = await village(a.id, "Thôn An", "an");
    ids.v2 = await village(a.id, "Thôn Bình", "binh");
    ids.v3 = await village(a.id, "Thôn Cao", "cao");
    ids.vb = await village(b.id, "Thôn B", "b");
    const branch = async (communeId: number, name: string) => (await t.db.youthBranch.create({ data: { communeId, name } })).id;
    ids.b1 = await branch(a.id, "Chi đoàn 1");
    ids.b2 = await branch(a.id, "Chi đoàn 2");
    ids.bb = await branch(b.id, "Chi đoàn B");
    const skill = async (communeId: number, key: string, scope: "member" | "business" = "member") =>
      (await t.db.skill.create({ data: { communeId, key, scope, nameVi: key, nameEn: key } })).id;
    ids.skillA = await skill(a.id, "vneid_l2");
    ids.skillA2 = await skill(a.id, "cashless");
    ids.skillBiz = await skill(a.id, "sells_online", "business");
    ids.skillB = await skill(b.id, "vneid_l2");

    await mkUser("official", "official", a.id);
    await mkUser("admin", "admin", a.id);
    await mkUser("leader1", "branch_leader", a.id, ids.b1);
    await mkUser("leader2", "branch_leader", a.id, ids.b2);
    await mkUser("vol1a", "volunteer", a.id, ids.b1);
    await mkUser("vol1b", "volunteer", a.id, ids.b1);
    await mkUser("vol1c", "volunteer", a.id, ids.b1);
    await mkUser("vol2", "volunteer", a.id, ids.b2);
    await mkUser("resident", "resident", a.id);
    await mkUser("city", "city", null);
    await mkUser("officialB", "official", b.id);
    await mkUser("volB", "volunteer", b.id, ids.bb);

    // Village An: h1 never visited (70), h2 has the skill (65), h3 visited long ago (80),
    // h4 too young (30), h5 visited recently (61). Village Bình: h6 never visited (75), h7 (60).
    // Village Cao is not chosen; commune B's household is never anyone's business here.
    await mkHousehold("h1", a.id, ids.v1, 70);
    await mkHousehold("h2", a.id, ids.v1, 65, { hasSkill: true });
    await mkHousehold("h3", a.id, ids.v1, 80, { lastVisitOn: "2025-01-01" });
    await mkHousehold("h4", a.id, ids.v1, 30);
    await mkHousehold("h5", a.id, ids.v1, 61, { lastVisitOn: "2026-05-01" });
    await mkHousehold("h6", a.id, ids.v2, 75);
    await mkHousehold("h7", a.id, ids.v2, 60, { lastVisitOn: "2025-06-01" });
    await mkHousehold("h8", a.id, ids.v3, 90);
    await mkHousehold("hb", b.id, ids.vb, 90);
  });
  afterAll(() => t.drop());

  const input = (over: Partial<CampaignRawInput> = {}): CampaignRawInput => ({
    name: "Ngày thứ bảy tình nguyện",
    kind: "volunteer_saturday",
    startsOn: DAY,
    endsOn: DAY,
    description: "",
    villageIds: [String(ids.v1), String(ids.v2)],
    branchIds: [String(ids.b1)],
    targetSkillId: String(ids.skillA),
    targetMinAge: "60",
    ...over,
  });
  const campaignCount = () => t.db.campaign.count();
  const newCampaign = async (over: Partial<CampaignRawInput> = {}, by = users.official) => {
    const r = await asFormState(createCampaign(by, input(over)));
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.id;
  };

  describe("createCampaign", () => {
    it("an official creates a campaign with its villages, branches and gap, and it is audited", async () => {
      const id = await newCampaign();
      const c = await t.db.campaign.findUniqueOrThrow({
        where: { id },
        include: { villages: true, branches: true },
      });
      expect(c).toMatchObject({ communeId: ids.a, targetSkillId: ids.skillA, targetMinAge: 60, createdById: users.official.id });
      expect(c.startsOn.toISOString()).toBe("2026-06-06T00:00:00.000Z");
      expect(c.villages.map((v) => v.villageId).sort()).toEqual([ids.v1, ids.v2].sort());
      expect(c.branches.map((v) => v.branchId)).toEqual([ids.b1]);
      expect(await t.db.auditLog.count({ where: { entity: "campaign", entityId: String(id), action: "create" } })).toBe(1);
    });

    it("a double submit or a retry with the same key creates one campaign", async () => {
      const key = "6f1c2a4e-8b3d-4c5e-9a7f-1b2c3d4e5f60";
      const before = await campaignCount();
      const [a, b] = await Promise.all([
        asFormState(createCampaign(users.official, input(), key)),
        asFormState(createCampaign(users.official, input(), key)),
      ]);
      const again = await asFormState(createCampaign(users.official, input(), key));
      expect(a.ok && b.ok && again.ok).toBe(true);
      if (a.ok && b.ok && again.ok) expect(new Set([a.id, b.id, again.id]).size).toBe(1);
      expect(await campaignCount()).toBe(before + 1);
    });

    it("an admin may create one too; a branch leader only with their own branch taking part", async () => {
      expect((await asFormState(createCampaign(users.admin, input()))).ok).toBe(true);
      expect((await asFormState(createCampaign(users.leader1, input({ branchIds: [String(ids.b1), String(ids.b2)] })))).ok).toBe(
        true,
      );
      const before = await campaignCount();
      const r = await asFormState(createCampaign(users.leader1, input({ branchIds: [String(ids.b2)] })));
      expect(r).toEqual({ ok: false, fieldErrors: { branchIds: "ownBranchRequired" } });
      expect(await campaignCount()).toBe(before);
    });

    it("refuses volunteers, residents and the city role, saving nothing", async () => {
      const before = await campaignCount();
      for (const u of [users.vol1a, users.resident, users.city]) {
        expect(await httpError(createCampaign(u, input()))).toBe("403");
      }
      expect(await campaignCount()).toBe(before);
    });

    it("another commune's official cannot use this commune's villages, branches or skills", async () => {
      const before = await campaignCount();
      const r = await asFormState(createCampaign(users.officialB, input()));
      expect(r).toEqual({
        ok: false,
        fieldErrors: { villageIds: "villageInvalid", branchIds: "branchInvalid", targetSkillId: "skillInvalid" },
      });
      expect(await campaignCount()).toBe(before);
    });

    it("bad input gets a message key per field and saves nothing", async () => {
      const before = await campaignCount();
      const r = await asFormState(
        createCampaign(
          users.official,
          input({ name: " ", startsOn: "2026-06-07", endsOn: "2026-06-06", villageIds: [], branchIds: [], targetMinAge: "abc" }),
        ),
      );
      expect(r.ok).toBe(false);
      expect(!r.ok && r.fieldErrors).toEqual({
        name: "nameRequired",
        villageIds: "villagesRequired",
        branchIds: "branchesRequired",
        targetMinAge: "ageInvalid",
      });
      const dates = await asFormState(createCampaign(users.official, input({ startsOn: "2026-06-07", endsOn: "2026-06-06" })));
      expect(!dates.ok && dates.fieldErrors).toEqual({ endsOn: "endBeforeStart" });
      const long = await asFormState(createCampaign(users.official, input({ endsOn: "2026-07-30" })));
      expect(!long.ok && long.fieldErrors).toEqual({ endsOn: "rangeTooLong" });
      const badDate = await asFormState(createCampaign(users.official, input({ startsOn: "7/6/2026" })));
      expect(!badDate.ok && badDate.fieldErrors).toEqual({ startsOn: "dateInvalid" });
      const bizSkill = await asFormState(createCampaign(users.official, input({ targetSkillId: String(ids.skillBiz) })));
      expect(!bizSkill.ok && bizSkill.fieldErrors).toEqual({ targetSkillId: "skillInvalid" });
      expect(await campaignCount()).toBe(before);
    });
  });

  describe("updateCampaign", () => {
    it("edits with the current version, refusing a stale one with a clear message", async () => {
      const id = await newCampaign();
      const r = await asFormState(
        updateCampaign(users.official, id, 1, input({ name: "Đổi tên", villageIds: [String(ids.v3)] })),
      );
      expect(r.ok).toBe(true);
      const c = await t.db.campaign.findUniqueOrThrow({ where: { id }, include: { villages: true } });
      expect(c.name).toBe("Đổi tên");
      expect(c.version).toBe(2);
      expect(c.villages.map((v) => v.villageId)).toEqual([ids.v3]);
      const stale = await asFormState(updateCampaign(users.admin, id, 1, input({ name: "Cũ" })));
      expect(stale).toEqual({ ok: false, formError: "stale" });
      expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).name).toBe("Đổi tên");
    });

    it("a branch leader edits only campaigns their branch takes part in, and must keep it in", async () => {
      const id = await newCampaign();
      expect((await asFormState(updateCampaign(users.leader1, id, 1, input({ name: "Chi đoàn 1 sửa" })))).ok).toBe(true);
      expect(await httpError(updateCampaign(users.leader2, id, 2, input({ branchIds: [String(ids.b2)] })))).toBe("403");
      const dropOwn = await asFormState(updateCampaign(users.leader1, id, 2, input({ branchIds: [String(ids.b2)] })));
      expect(dropOwn).toEqual({ ok: false, fieldErrors: { branchIds: "ownBranchRequired" } });
      expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).version).toBe(2);
    });

    it("refuses volunteers (403) and another commune (404); bad input saves nothing", async () => {
      const id = await newCampaign();
      expect(await httpError(updateCampaign(users.vol1a, id, 1, input()))).toBe("403");
      expect(await httpError(updateCampaign(users.officialB, id, 1, input()))).toBe("404");
      const r = await asFormState(updateCampaign(users.official, id, 1, input({ name: "" })));
      expect(!r.ok && r.fieldErrors).toEqual({ name: "nameRequired" });
      expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).version).toBe(1);
    });
  });

  describe("buildWalkLists", () => {
    const lists = (campaignId: number) =>
      t.db.walkList.findMany({
        where: { campaignId },
        orderBy: { id: "asc" },
        select: {
          id: true,
          villageId: true,
          volunteers: { select: { userId: true }, orderBy: { userId: "asc" } },
          stops: { select: { householdId: true, position: true }, orderBy: { position: "asc" } },
        },
      });

    it("chooses the households with someone of age lacking the skill, most in need first, split across pairs", async () => {
      const id = await newCampaign();
      const r = await asFormState(buildWalkLists(users.official, id, NOW));
      expect(r).toEqual({ ok: true, lists: 2, stops: 5, volunteers: 4 });
      const got = await lists(id);
      // Five households, two pairs (four volunteers of branch 1): three then two, one village each.
      expect(got.map((l) => l.villageId)).toEqual([ids.v1, ids.v2]);
      expect(got[0].stops.map((s) => s.householdId)).toEqual([ids.h1, ids.h3, ids.h5]);
      expect(got[0].stops.map((s) => s.position)).toEqual([1, 2, 3]);
      expect(got[1].stops.map((s) => s.householdId)).toEqual([ids.h6, ids.h7]);
      const pairs = got.map((l) => l.volunteers.map((v) => v.userId));
      expect(pairs.every((p) => p.length === 2)).toBe(true);
      expect(new Set(pairs.flat())).toEqual(new Set([users.leader1.id, users.vol1a.id, users.vol1b.id, users.vol1c.id]));
    });

    it("rebuilding replaces the lists, following the data as it is now", async () => {
      const id = await newCampaign({ branchIds: [String(ids.b1), String(ids.b2)] });
      await asFormState(buildWalkLists(users.official, id, NOW));
      const first = await lists(id);
      // A new household in need appears; h1's member gets the skill.
      await mkHousehold("h9", ids.a, ids.v2, 88);
      const h1Member = await t.db.member.findFirstOrThrow({ where: { householdId: ids.h1 } });
      await t.db.memberSkill.create({
        data: { communeId: ids.a, memberId: h1Member.id, skillId: ids.skillA, acquiredOn: new Date("2026-06-01") },
      });
      const r = await asFormState(buildWalkLists(users.official, id, NOW));
      expect(r.ok && r.stops).toBe(5);
      const second = await lists(id);
      expect(await t.db.walkList.count({ where: { id: { in: first.map((l) => l.id) } } })).toBe(0);
      const households = second.flatMap((l) => l.stops.map((s) => s.householdId));
      expect(households.sort()).toEqual([ids.h3, ids.h5, ids.h6, ids.h9, ids.h7].sort());
      // Six volunteers make three pairs, each with its share (5 households → 2, 2, 1).
      expect(new Set(second.flatMap((l) => l.volunteers.map((v) => v.userId))).size).toBe(6);
      // Undo for the other tests.
      await t.db.memberSkill.delete({ where: { memberId_skillId: { memberId: h1Member.id, skillId: ids.skillA } } });
      await t.db.household.delete({ where: { id: ids.h9 } });
    });

    it("without a skill gap, every household with someone of the minimum age is chosen", async () => {
      const id = await newCampaign({ targetSkillId: "", targetMinAge: "", villageIds: [String(ids.v1)] });
      const r = await asFormState(buildWalkLists(users.official, id, NOW));
      expect(r.ok && r.stops).toBe(5);
    });

    it("refuses volunteers, other branches' leaders and other communes; saves nothing", async () => {
      const id = await newCampaign();
      expect(await httpError(buildWalkLists(users.vol1a, id, NOW))).toBe("403");
      expect(await httpError(buildWalkLists(users.leader2, id, NOW))).toBe("403");
      expect(await httpError(buildWalkLists(users.officialB, id, NOW))).toBe("404");
      expect(await t.db.walkList.count({ where: { campaignId: id } })).toBe(0);
      expect((await asFormState(buildWalkLists(users.leader1, id, NOW))).ok).toBe(true);
    });

    it("says so when the taking-part branches have no volunteers", async () => {
      const empty = await t.db.youthBranch.create({ data: { communeId: ids.a, name: "Chi đoàn trống" } });
      const id = await newCampaign({ branchIds: [String(empty.id)] });
      expect(await asFormState(buildWalkLists(users.official, id, NOW))).toEqual({ ok: false, formError: "noVolunteers" });
    });
  });

  describe("shifts", () => {
    let id: number;
    beforeEach(async () => {
      id = await newCampaign();
    });
    const shifts = () => t.db.campaignShift.findMany({ where: { campaignId: id } });

    it("start and finish are idempotent: double taps give one shift", async () => {
      const [s1, s2] = await Promise.all([
        asFormState(startShift(users.vol1a, id, NOW)),
        asFormState(startShift(users.vol1a, id, NOW)),
      ]);
      expect(s1.ok && s2.ok).toBe(true);
      expect(s1.ok && s2.ok && s1.shiftId === s2.shiftId).toBe(true);
      const again = await asFormState(startShift(users.vol1a, id, NOW));
      expect(again.ok && again.already).toBe(true);
      expect(await shifts()).toHaveLength(1);
      const later = new Date(NOW.getTime() + 2.5 * 3_600_000);
      const f1 = await asFormState(finishShift(users.vol1a, id, later));
      expect(f1.ok && !f1.already).toBe(true);
      const f2 = await asFormState(finishShift(users.vol1a, id, new Date(later.getTime() + 60_000)));
      expect(f2.ok && f2.already).toBe(true);
      const [s] = await shifts();
      expect(s.endedAt?.toISOString()).toBe(later.toISOString());
      // A new start after finishing opens a second shift.
      expect((await asFormState(startShift(users.vol1a, id, later))).ok).toBe(true);
      expect(await shifts()).toHaveLength(2);
    });

    it("a branch leader of a taking-part branch logs hours too; others are refused", async () => {
      expect((await asFormState(startShift(users.leader1, id, NOW))).ok).toBe(true);
      expect(await httpError(startShift(users.vol2, id, NOW))).toBe("403");
      expect(await httpError(startShift(users.official, id, NOW))).toBe("403");
      expect(await httpError(startShift(users.volB, id, NOW))).toBe("404");
      expect(await httpError(finishShift(users.volB, id, NOW))).toBe("404");
      expect(await shifts()).toHaveLength(1);
    });

    it("no shift starts outside the campaign's dates", async () => {
      const r = await asFormState(startShift(users.vol1a, id, new Date("2026-06-07T03:00:00Z")));
      expect(r).toEqual({ ok: false, formError: "notCampaignDay" });
      expect(await shifts()).toHaveLength(0);
    });
  });

  describe("reading", () => {
    it("volunteers see only campaigns their branch takes part in; other communes see nothing", async () => {
      const mine = await newCampaign({ name: "Của chi đoàn 1" });
      const other = await newCampaign({ name: "Của chi đoàn 2", branchIds: [String(ids.b2)] });
      const seen = await listCampaigns(users.vol1a, { now: NOW });
      const names = seen.upcoming.map((c) => c.id);
      expect(names).toContain(mine);
      expect(names).not.toContain(other);
      expect(seen.mayCreate).toBe(false);
      expect((await listCampaigns(users.official, { now: NOW })).upcoming.map((c) => c.id)).toContain(other);
      expect((await listCampaigns(users.official, { now: new Date("2026-07-01T00:00:00Z") })).past.map((c) => c.id)).toContain(
        other,
      );
      expect(await getCampaign(users.vol1a, other)).toBeNull();
      expect(await getCampaign(users.officialB, mine)).toBeNull();
      expect(await getCampaignSummary(users.officialB, mine)).toBeNull();
      expect((await listCampaigns(users.officialB, { now: NOW })).upcoming).toEqual([]);
      expect(await httpError(listCampaigns(users.resident))).toBe("403");
      expect(await httpError(listCampaigns(users.city))).toBe("403");
      const c = await getCampaign(users.vol1a, mine);
      expect(c && { manage: c.mayManage, work: c.mayWorkIn }).toEqual({ manage: false, work: true });
    });

    it("the summary counts in SQL: volunteers out, households reached, what was done by village, hours", async () => {
      const id = await newCampaign();
      await asFormState(buildWalkLists(users.official, id, NOW));
      await asFormState(startShift(users.vol1a, id, NOW));
      await asFormState(finishShift(users.vol1a, id, new Date(NOW.getTime() + 3 * 3_600_000)));
      await asFormState(startShift(users.vol1b, id, NOW));
      const visit = async (householdId: number, skills: number[], key: string) => {
        const member = await t.db.member.findFirstOrThrow({ where: { householdId } });
        await t.db.visit.create({
          data: {
            communeId: ids.a,
            householdId,
            volunteerId: users.vol1a.id,
            campaignId: id,
            visitedOn: new Date(`${DAY}T00:00:00Z`),
            outcome: "done",
            idempotencyKey: key,
            items: { create: skills.map((skillId) => ({ communeId: ids.a, skillId, memberId: member.id })) },
          },
        });
      };
      await visit(ids.h1, [ids.skillA, ids.skillA2], "00000000-0000-4000-8000-000000000001");
      await visit(ids.h1, [ids.skillA2], "00000000-0000-4000-8000-000000000002");
      await visit(ids.h6, [ids.skillA], "00000000-0000-4000-8000-000000000003");
      const s = await getCampaignSummary(users.vol1c, id, new Date(NOW.getTime() + 3_600_000));
      expect(s).not.toBeNull();
      expect(s).toMatchObject({ volunteersOut: 1, householdsReached: 2, visits: 3, householdsPlanned: 5 });
      expect(s!.done.map((d) => [d.skillId, d.items])).toEqual([
        [ids.skillA, 2],
        [ids.skillA2, 2],
      ]);
      expect(s!.villages.map((v) => [v.name, v.planned, v.reached, v.visits, v.items])).toEqual([
        ["Thôn An", 3, 1, 2, 3],
        ["Thôn Bình", 2, 1, 1, 1],
      ]);
      const hours = Object.fromEntries(s!.volunteers.map((v) => [v.name, [v.seconds / 3600, v.out]]));
      expect(hours).toEqual({ vol1a: [3, false], vol1b: [1, true] });
      expect(s!.seconds / 3600).toBe(4);
    });

    it("print and my-list show who lacks what, are refused to the wrong roles, and are audited", async () => {
      const id = await newCampaign();
      await asFormState(buildWalkLists(users.official, id, NOW));
      const print = await getWalkListsForPrint(users.official, id, NOW);
      expect(print).toHaveLength(2);
      expect(print[0].stops[0]).toMatchObject({ householdId: ids.h1, lacking: [{ name: "Người h1", age: 70 }] });
      expect(await httpError(getWalkListsForPrint(users.vol1a, id, NOW))).toBe("403");
      expect(await httpError(getWalkListsForPrint(users.officialB, id, NOW))).toBe("404");
      const mine = await getMyWalkList(users.vol1a, id, NOW);
      expect(mine.isCampaignDay).toBe(true);
      expect(mine.lists).toHaveLength(1);
      expect(mine.lists[0].volunteers.map((v) => v.id)).toContain(users.vol1a.id);
      expect(await httpError(getMyWalkList(users.vol2, id, NOW))).toBe("403");
      expect(await httpError(getMyWalkList(users.official, id, NOW))).toBe("403");
      expect(await t.db.auditLog.count({ where: { entity: "campaign_walk_lists", entityId: String(id), action: "view" } })).toBe(
        2,
      );
    });
  });
});
