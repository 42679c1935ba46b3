import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { listMyAssignedHouseholds } from "@/lib/households/assigned";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { Refusal } from "@/lib/validation/refusal";
import { recordVisit, updateVisit } from "@/lib/visits/mutations";
import { getVisitEdit, getVisitForm, getVisitSummary, listMyVisits } from "@/lib/visits/queries";
import { VisitEditSchema, visitFormInput, VisitInputSchema, type VisitInput } from "@/lib/visits/schemas";
import { httpError } from "@/lib/testing/refusals";

// "Now" is fixed: 10:00 in Vietnam on 2026-12-05 (a Saturday).
const NOW = new Date("2026-12-05T03:00:00Z");
const TODAY = new Date("2026-12-05T00:00:00Z");
const day = (s: string) => new Date(`${s}T00:00:00Z`);

async function inputError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "none";
  } catch (err) {
    if (err instanceof Refusal) return err.key;
    throw err;
  }
}

describe("recording and correcting visits", () => {
  let t: TestDatabase;
  let a: number;
  let b: number;
  const users: Record<string, CurrentUser> = {};
  const skill: Record<string, number> = {};
  // Household "family": an enrolled digital family whose two adults lack only level-2 e-ID (the head has it).
  let family: { id: number; head: number; wife: number; child: number };
  let plain: { id: number; head: number };
  let shop: { id: number; head: number; business: number };
  let other: { id: number; head: number };
  let campaign: number;

  const as = (key: string) => users[key];

  beforeAll(async () => {
    t = await createTestDatabase();
    const mkCommune = async (code: string) => {
      const c = await t.db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } });
      await ensureCommuneDefaults(t.db, c.id);
      const v = await t.db.village.create({ data: { communeId: c.id, name: "Thôn 1", code: "t1" } });
      const br = await t.db.youthBranch.create({ data: { communeId: c.id, name: "Chi đoàn 1" } });
      return { id: c.id, village: v.id, branch: br.id };
    };
    const A = await mkCommune("a");
    const B = await mkCommune("b");
    a = A.id;
    b = B.id;
    for (const s of await t.db.skill.findMany({ where: { communeId: a } })) skill[s.key] = s.id;

    const mkUser = async (key: string, role: Role, c: { id: number; branch: number } | null, field = false) => {
      const u = await t.db.user.create({
        data: { username: key, name: `Người ${key}`, passwordHash: "x", role, communeId: c?.id ?? null },
      });
      if (field && c)
        await t.db.volunteerProfile.create({
          data: { userId: u.id, communeId: c.id, branchId: c.branch, isLeader: role === "branch_leader", joinedOn: TODAY },
        });
      users[key] = { id: u.id, name: u.name, role, communeId: u.communeId, memberId: null, username: key, phone: null };
    };
    await mkUser("volunteer", "volunteer", A, true);
    await mkUser("volunteer2", "volunteer", A, true);
    await mkUser("leader", "branch_leader", A, true);
    await mkUser("admin", "admin", A);
    await mkUser("official", "official", A);
    await mkUser("resident", "resident", A);
    await mkUser("city", "city", null);
    await mkUser("volunteerB", "volunteer", B, true);
    await mkUser("leaderB", "branch_leader", B, true);

    const mkHousehold = async (communeId: number, villageId: number, head: string, others: [string, number][] = []) => {
      const h = await t.db.household.create({
        data: {
          communeId,
          villageId,
          headName: head,
          address: `Số 1, ${head}`,
          phone: "0912345678",
          members: {
            create: [
              { communeId, fullName: head, birthYear: 1970, gender: "male", isHead: true },
              ...others.map(([fullName, birthYear]) => ({ communeId, fullName, birthYear, gender: "female" as const })),
            ],
          },
        },
        select: { id: true, members: { orderBy: { id: "asc" }, select: { id: true } } },
      });
      return { id: h.id, members: h.members.map((m) => m.id) };
    };
    const f = await mkHousehold(a, A.village, "Nguyễn Văn Gia", [
      ["Trần Thị Vợ", 1975],
      ["Nguyễn Văn Con", 2015],
    ]);
    family = { id: f.id, head: f.members[0], wife: f.members[1], child: f.members[2] };
    // The head already has every digital skill; the wife has all but level-2 e-ID.
    await t.db.memberSkill.createMany({
      data: [
        ...["vneid_l2", "smart_hp", "online_service", "cashless"].map((k) => ({
          communeId: a,
          memberId: family.head,
          skillId: skill[k],
          acquiredOn: day("2026-01-01"),
        })),
      ],
    });
    await t.db.digitalFamily.create({
      data: { communeId: a, householdId: family.id, branchId: A.branch, status: "in_progress", enrolledOn: day("2026-01-01") },
    });
    const p = await mkHousehold(a, A.village, "Lê Văn Thường");
    plain = { id: p.id, head: p.members[0] };
    const s = await mkHousehold(a, A.village, "Phạm Thị Buôn");
    const biz = await t.db.householdBusiness.create({
      data: { communeId: a, householdId: s.id, name: "Tạp hoá Buôn", sector: "Bán lẻ" },
    });
    shop = { id: s.id, head: s.members[0], business: biz.id };
    const o = await mkHousehold(b, B.village, "Hộ Xã Khác");
    other = { id: o.id, head: o.members[0] };
    await t.db.assignment.create({
      data: { communeId: a, householdId: family.id, volunteerId: users.volunteer.id, assignedById: users.leader.id },
    });
    campaign = (
      await t.db.campaign.create({
        data: {
          communeId: a,
          name: "Ngày thứ bảy tình nguyện",
          kind: "volunteer_saturday",
          startsOn: TODAY,
          endsOn: TODAY,
        },
      })
    ).id;
  });
  afterAll(() => t.drop());

  const input = (over: Partial<VisitInput> = {}): VisitInput => ({
    householdId: plain.id,
    idempotencyKey: randomUUID(),
    visitedOn: TODAY,
    outcome: "done",
    items: [{ skillId: skill.smart_hp, memberIds: [plain.head] }],
    coVolunteerIds: [],
    campaignId: null,
    notes: null,
    ...over,
  });
  const visitsOf = (householdId: number) => t.db.visit.count({ where: { householdId } });

  it("records a visit, the member's new skill and the family's new status in one go", async () => {
    const r = await recordVisit(
      as("volunteer"),
      input({
        householdId: family.id,
        items: [{ skillId: skill.vneid_l2, memberIds: [family.wife] }],
        coVolunteerIds: [as("volunteer2").id],
        campaignId: campaign,
        notes: "Kích hoạt cho chị Vợ",
      }),
      NOW,
    );
    expect(r.duplicate).toBe(false);
    const visit = await t.db.visit.findUniqueOrThrow({
      where: { id: r.visitId },
      include: { items: true, coVolunteers: true },
    });
    expect(visit).toMatchObject({
      communeId: a,
      volunteerId: as("volunteer").id,
      outcome: "done",
      followUpOn: null,
      campaignId: campaign,
    });
    expect(visit.items.map((i) => [i.skillId, i.memberId])).toEqual([[skill.vneid_l2, family.wife]]);
    expect(visit.coVolunteers.map((c) => c.userId)).toEqual([as("volunteer2").id]);
    const gained = await t.db.memberSkill.findUniqueOrThrow({
      where: { memberId_skillId: { memberId: family.wife, skillId: skill.vneid_l2 } },
    });
    expect(gained).toMatchObject({ acquiredOn: TODAY, visitId: r.visitId });
    // Every adult now has level-2 e-ID and the head covers the rest: a digital family.
    expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: family.id } })).status).toBe("digital");
    expect((await t.db.household.findUniqueOrThrow({ where: { id: family.id } })).lastVisitOn).toEqual(TODAY);
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "visit.record", entityId: String(r.visitId) } });
    expect(log.details).toMatchObject({ familyBefore: "in_progress", familyAfter: "digital" });

    const summary = await getVisitSummary(as("volunteer"), r.visitId, NOW);
    expect(summary?.gained.map((g) => g.memberName)).toEqual(["Trần Thị Vợ"]);
    expect(summary?.family).toMatchObject({ before: "in_progress", after: "digital" });
    // The co-volunteer sees it too; a volunteer who was not there does not.
    expect(await getVisitSummary(as("volunteer2"), r.visitId, NOW)).not.toBeNull();
  });

  it("a retry or a double tap with the same key stores one visit and answers with it", async () => {
    const key = randomUUID();
    const before = await visitsOf(plain.id);
    const first = await recordVisit(as("volunteer"), input({ idempotencyKey: key }), NOW);
    const again = await recordVisit(as("volunteer"), input({ idempotencyKey: key }), NOW);
    expect(again).toEqual({ visitId: first.visitId, duplicate: true });
    // Two copies racing each other.
    const key2 = randomUUID();
    const raced = await Promise.all([
      recordVisit(as("volunteer"), input({ idempotencyKey: key2 }), NOW),
      recordVisit(as("volunteer"), input({ idempotencyKey: key2 }), NOW),
    ]);
    expect(raced[0].visitId).toBe(raced[1].visitId);
    expect(raced.filter((x) => x.duplicate)).toHaveLength(1);
    expect(await visitsOf(plain.id)).toBe(before + 2);
    // Someone else's key is never taken for a retry.
    expect(await inputError(recordVisit(as("volunteer2"), input({ idempotencyKey: key }), NOW))).toBe("keyTaken");
  });

  it("refuses roles that do not record visits, and users of another commune", async () => {
    const before = await t.db.visit.count();
    for (const role of ["official", "resident", "city"]) {
      expect(await httpError(recordVisit(as(role), input(), NOW))).toBe("403");
    }
    expect(await inputError(recordVisit(as("volunteerB"), input(), NOW))).toBe("householdNotFound");
    // A member of another commune's household on this commune's visit.
    expect(
      await inputError(
        recordVisit(as("volunteer"), input({ items: [{ skillId: skill.smart_hp, memberIds: [other.head] }] }), NOW),
      ),
    ).toBe("memberInvalid");
    expect(await t.db.visit.count()).toBe(before);
    // The admin and a branch leader may record.
    expect((await recordVisit(as("admin"), input(), NOW)).duplicate).toBe(false);
    expect((await recordVisit(as("leader"), input(), NOW)).duplicate).toBe(false);
  });

  it("refuses bad input with a message key and saves nothing", async () => {
    const before = await t.db.visit.count();
    const skillsBefore = await t.db.memberSkill.count();
    const bad: [Partial<VisitInput>, string][] = [
      [{ visitedOn: day("2026-12-06") }, "dateFuture"],
      [{ visitedOn: day("2026-10-01") }, "dateTooOld"],
      [{ items: [] }, "itemsRequired"],
      [{ items: [{ skillId: skill.smart_hp, memberIds: [] }] }, "memberRequired"],
      [{ items: [{ skillId: skill.smart_hp, memberIds: [family.wife] }] }, "memberInvalid"],
      [{ items: [{ skillId: skill.biz_einvoice, memberIds: [] }] }, "noBusiness"],
      [{ items: [{ skillId: 999_999, memberIds: [plain.head] }] }, "itemsInvalid"],
      [{ coVolunteerIds: [as("volunteerB").id] }, "coVolunteerInvalid"],
      [{ coVolunteerIds: [as("official").id] }, "coVolunteerInvalid"],
      [{ coVolunteerIds: [as("volunteer").id] }, "coVolunteerInvalid"],
      [{ visitedOn: day("2026-12-04"), campaignId: campaign }, "campaignInvalid"],
      [{ householdId: 999_999 }, "householdNotFound"],
    ];
    for (const [over, key] of bad) {
      expect(await inputError(recordVisit(as("volunteer"), input(over), NOW)), key).toBe(key);
    }
    expect(await t.db.visit.count()).toBe(before);
    expect(await t.db.memberSkill.count()).toBe(skillsBefore);
  });

  it("parses the form's fields, with message keys for what is wrong", () => {
    const fd = new FormData();
    fd.set("household", String(plain.id));
    fd.set("idempotencyKey", "not-a-uuid");
    fd.set("visitedOn", "2026-02-30");
    fd.set("outcome", "maybe");
    fd.set("notes", "x".repeat(1001));
    fd.append("item", String(skill.vneid_l2));
    fd.append(`for-${skill.vneid_l2}`, String(plain.head));
    const r = VisitInputSchema.safeParse(visitFormInput(fd));
    expect(r.success).toBe(false);
    const keys = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(keys).toMatchObject({
      idempotencyKey: "keyInvalid",
      visitedOn: "dateInvalid",
      outcome: "outcomeRequired",
      notes: "notesLong",
    });

    const ok = new FormData();
    ok.set("household", String(plain.id));
    ok.set("idempotencyKey", randomUUID());
    ok.set("visitedOn", "2026-12-05");
    ok.set("outcome", "done");
    ok.set("campaign", "");
    ok.append("item", String(skill.vneid_l2));
    ok.append(`for-${skill.vneid_l2}`, String(plain.head));
    ok.append(`for-${skill.vneid_l2}`, String(plain.head));
    ok.append("co", String(as("volunteer2").id));
    const parsed = VisitInputSchema.parse(visitFormInput(ok));
    expect(parsed).toMatchObject({
      householdId: plain.id,
      visitedOn: TODAY,
      campaignId: null,
      notes: null,
      items: [{ skillId: skill.vneid_l2, memberIds: [plain.head] }],
      coVolunteerIds: [as("volunteer2").id],
    });
  });

  it("stops the whole visit, skills included, when any part of the transaction fails", async () => {
    // Make the last write (the audit log) fail for this household only.
    await t.db.$executeRawUnsafe(`
      CREATE FUNCTION fail_audit() RETURNS trigger AS $$
      BEGIN
        IF NEW.details->>'householdId' = '${shop.id}' THEN RAISE EXCEPTION 'audit down'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()`,
    );
    try {
      await expect(
        recordVisit(
          as("volunteer"),
          input({ householdId: shop.id, items: [{ skillId: skill.cashless, memberIds: [shop.head] }] }),
          NOW,
        ),
      ).rejects.toThrow();
      expect(await visitsOf(shop.id)).toBe(0);
      expect(await t.db.memberSkill.count({ where: { memberId: shop.head } })).toBe(0);
      expect((await t.db.household.findUniqueOrThrow({ where: { id: shop.id } })).lastVisitOn).toBeNull();
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER fail_audit ON audit_log`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION fail_audit()`);
    }
  });

  it("a member removed while the visit is being saved gives memberInvalid, not a failure", async () => {
    const h = await t.db.household.create({
      data: {
        communeId: a,
        villageId: (await t.db.village.findFirstOrThrow({ where: { communeId: a } })).id,
        headName: "Ông Vừa Xoá",
        address: "Số 14",
        members: {
          create: [
            { communeId: a, fullName: "Ông Vừa Xoá", birthYear: 1960, gender: "male", isHead: true },
            { communeId: a, fullName: "Cháu Vừa Xoá", birthYear: 2000, gender: "female" },
          ],
        },
      },
      include: { members: { orderBy: { id: "asc" } } },
    });
    const gone = h.members[1].id;
    // Another session removes the member and has not committed yet when the visit is recorded.
    const other = new Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("DELETE FROM member WHERE id = $1", [gone]);
      const saving = inputError(
        recordVisit(as("volunteer"), input({ householdId: h.id, items: [{ skillId: skill.smart_hp, memberIds: [gone] }] }), NOW),
      );
      await new Promise((r) => setTimeout(r, 300));
      await other.query("COMMIT");
      expect(await saving).toBe("memberInvalid");
    } finally {
      await other.end();
    }
    expect(await visitsOf(h.id)).toBe(0);
  });

  it("records a business's new skills on a household business", async () => {
    await recordVisit(
      as("volunteer"),
      input({ householdId: shop.id, items: [{ skillId: skill.biz_einvoice, memberIds: [] }] }),
      NOW,
    );
    const row = await t.db.businessSkill.findUniqueOrThrow({
      where: { businessId_skillId: { businessId: shop.business, skillId: skill.biz_einvoice } },
    });
    expect(row.acquiredOn).toEqual(TODAY);
  });

  it("schedules a follow-up for needs_police and not_home, shows it on the volunteer's list, and a later visit clears it", async () => {
    const h = (await t.db.household.create({
      data: {
        communeId: a,
        villageId: (await t.db.village.findFirstOrThrow({ where: { communeId: a } })).id,
        headName: "Bà Cần Hẹn",
        address: "Số 9",
        members: { create: { communeId: a, fullName: "Bà Cần Hẹn", birthYear: 1950, gender: "female", isHead: true } },
      },
      include: { members: true },
    }))!;
    await t.db.assignment.create({
      data: { communeId: a, householdId: h.id, volunteerId: as("volunteer").id, assignedById: as("leader").id },
    });
    const head = h.members[0].id;
    const police = await recordVisit(
      as("volunteer"),
      input({ householdId: h.id, outcome: "needs_police", items: [{ skillId: skill.vneid_l2, memberIds: [head] }] }),
      NOW,
    );
    const due = day("2026-12-12");
    expect((await t.db.visit.findUniqueOrThrow({ where: { id: police.visitId } })).followUpOn).toEqual(due);
    expect((await t.db.household.findUniqueOrThrow({ where: { id: h.id } })).followUpOn).toEqual(due);
    // Nothing was gained: the e-ID still needs the police.
    expect(await t.db.memberSkill.count({ where: { memberId: head } })).toBe(0);
    const list = await listMyAssignedHouseholds(as("volunteer"), { now: NOW });
    expect(list.rows.find((r) => r.id === h.id)).toMatchObject({ followUpOn: due, followUpDue: false });
    const later = await listMyAssignedHouseholds(as("volunteer"), { now: new Date("2026-12-12T03:00:00Z") });
    expect(later.rows.find((r) => r.id === h.id)?.followUpDue).toBe(true);

    await recordVisit(as("volunteer"), input({ householdId: h.id, outcome: "not_home", items: [] }), NOW);
    expect((await t.db.household.findUniqueOrThrow({ where: { id: h.id } })).followUpOn).toEqual(due);
    await recordVisit(as("volunteer"), input({ householdId: h.id, outcome: "no_smartphone", items: [] }), NOW);
    expect((await t.db.household.findUniqueOrThrow({ where: { id: h.id } })).followUpOn).toBeNull();
    await recordVisit(as("volunteer"), input({ householdId: h.id, outcome: "declined", items: [] }), NOW);
    expect((await t.db.household.findUniqueOrThrow({ where: { id: h.id } })).followUpOn).toBeNull();
  });

  it("lists what each assigned household still misses, for its page of households only", async () => {
    const list = await listMyAssignedHouseholds(as("volunteer"), { now: NOW });
    const fam = list.rows.find((r) => r.id === family.id)!;
    // Level-2 e-ID is done; the smart level's criteria are still missing.
    expect(fam.missing.map((m) => m.skillKey)).toEqual(["safety_briefing", "ai_basics"]);
    expect(fam.missing.find((m) => m.skillKey === "safety_briefing")?.adultsLacking).toBe(2);
    expect(list.total).toBe(2);
    expect((await listMyAssignedHouseholds(as("volunteer"), { now: NOW, size: 1, page: 2 })).rows).toHaveLength(1);
  });

  it("orders the volunteer's list: follow-up due first, then never visited, then longest since a visit", async () => {
    const villageId = (await t.db.village.findFirstOrThrow({ where: { communeId: a } })).id;
    const mk = async (headName: string, lastVisitOn: string | null, followUpOn: string | null) => {
      const h = await t.db.household.create({
        data: {
          communeId: a,
          villageId,
          headName,
          address: "Số 20",
          lastVisitOn: lastVisitOn ? day(lastVisitOn) : null,
          followUpOn: followUpOn ? day(followUpOn) : null,
        },
      });
      await t.db.assignment.create({
        data: { communeId: a, householdId: h.id, volunteerId: as("volunteer2").id, assignedById: as("leader").id },
      });
      return headName;
    };
    const recent = await mk("Vừa thăm", "2026-12-04", null);
    const notYet = await mk("Hẹn tuần sau", "2026-12-01", "2026-12-08");
    const never = await mk("Chưa thăm", null, null);
    const longAgo = await mk("Thăm lâu rồi", "2026-10-01", null);
    const dueToday = await mk("Hẹn hôm nay", "2026-11-28", "2026-12-05");
    const overdue = await mk("Hẹn quá hạn", "2026-11-20", "2026-11-27");
    const list = await listMyAssignedHouseholds(as("volunteer2"), { now: NOW });
    expect(list.rows.map((r) => r.headName)).toEqual([overdue, dueToday, never, longAgo, notYet, recent]);
    expect(list.rows.map((r) => r.followUpDue)).toEqual([true, true, false, false, false, false]);
    const second = await listMyAssignedHouseholds(as("volunteer2"), { now: NOW, size: 4, page: 2 });
    expect(second.rows.map((r) => r.headName)).toEqual([notYet, recent]);
    expect(second.total).toBe(6);
  });

  it("shows birth years only for households assigned to the volunteer, and audits the view", async () => {
    const assigned = await getVisitForm(as("volunteer"), family.id, { now: NOW });
    expect(assigned?.members.map((m) => m.birthYear)).toEqual([1970, 1975, 2015]);
    const notAssigned = await getVisitForm(as("volunteer"), plain.id, { now: NOW });
    expect(notAssigned?.members.map((m) => m.birthYear)).toEqual([null]);
    expect(notAssigned?.coVolunteers.map((u) => u.id).sort()).toEqual([as("volunteer2").id, as("leader").id].sort());
    expect(notAssigned?.campaigns.map((c) => c.id)).toEqual([campaign]);
    expect(await getVisitForm(as("volunteerB"), plain.id, { now: NOW })).toBeNull();
    expect(
      await t.db.auditLog.count({ where: { action: "household.view", entity: "Household", entityId: String(plain.id) } }),
    ).toBeGreaterThan(0);
    expect(await httpError(getVisitForm(as("official"), plain.id, { now: NOW }))).toBe("403");
  });

  describe("corrections", () => {
    const edit = async (user: CurrentUser, visitId: number, over: Record<string, unknown>, now = NOW) => {
      const v = await t.db.visit.findUniqueOrThrow({ where: { id: visitId }, include: { household: true } });
      return updateVisit(
        user,
        VisitEditSchema.parse({
          visitId,
          version: v.household.version,
          visitedOn: v.visitedOn.toISOString().slice(0, 10),
          outcome: v.outcome,
          items: [],
          coVolunteerIds: [],
          campaignId: null,
          notes: "",
          ...over,
        }),
        now,
      );
    };
    let visitId: number;

    beforeAll(async () => {
      const h = await t.db.household.create({
        data: {
          communeId: a,
          villageId: (await t.db.village.findFirstOrThrow({ where: { communeId: a } })).id,
          headName: "Ông Sửa Sai",
          address: "Số 10",
          members: {
            create: [
              { communeId: a, fullName: "Ông Sửa Sai", birthYear: 1960, gender: "male", isHead: true },
              { communeId: a, fullName: "Bà Sửa Sai", birthYear: 1962, gender: "female" },
            ],
          },
        },
        include: { members: { orderBy: { id: "asc" } } },
      });
      await t.db.digitalFamily.create({ data: { communeId: a, householdId: h.id, status: "enrolled", enrolledOn: TODAY } });
      const r = await recordVisit(
        as("volunteer"),
        input({ householdId: h.id, items: [{ skillId: skill.smart_hp, memberIds: [h.members[0].id] }] }),
        NOW,
      );
      visitId = r.visitId;
    });

    const visitHousehold = async () => (await t.db.visit.findUniqueOrThrow({ where: { id: visitId } })).householdId;
    const members = async () =>
      (await t.db.member.findMany({ where: { householdId: await visitHousehold() }, orderBy: { id: "asc" } })).map((m) => m.id);

    it("the correction form opens for whoever may see the visit, and for nobody else (not another volunteer)", async () => {
      for (const who of ["volunteer", "leader", "admin"]) {
        expect(await getVisitSummary(as(who), visitId, NOW), who).not.toBeNull();
        expect(await getVisitEdit(as(who), visitId, NOW), who).toMatchObject({
          visitId,
          form: { household: { headName: "Ông Sửa Sai" } },
        });
      }
      // The visit page refuses them, so the form (the head's name and address) must too.
      for (const who of ["volunteer2", "volunteerB", "leaderB"]) {
        expect(await getVisitSummary(as(who), visitId, NOW), who).toBeNull();
        expect(await getVisitEdit(as(who), visitId, NOW), who).toBeNull();
      }
    });

    it("lets the volunteer fix their own visit within 24 hours: the skill moves to the right member", async () => {
      const [head, wife] = await members();
      expect((await t.db.digitalFamily.findUniqueOrThrow({ where: { householdId: await visitHousehold() } })).status).toBe(
        "in_progress",
      );
      // The window runs from when the visit was recorded (the database's clock).
      const { createdAt } = await t.db.visit.findUniqueOrThrow({ where: { id: visitId } });
      await edit(
        as("volunteer"),
        visitId,
        { outcome: "done", items: [{ skillId: skill.smart_hp, memberIds: [wife] }] },
        new Date(createdAt.getTime() + 23 * 3_600_000),
      );
      expect(await t.db.memberSkill.findMany({ where: { visitId }, select: { memberId: true } })).toEqual([{ memberId: wife }]);
      expect(await t.db.memberSkill.count({ where: { memberId: head } })).toBe(0);
      const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "visit.update", entityId: String(visitId) } });
      expect(log.actorId).toBe(as("volunteer").id);
    });

    it("after 24 hours the volunteer may not; a branch leader or admin of the commune may", async () => {
      const { createdAt } = await t.db.visit.findUniqueOrThrow({ where: { id: visitId } });
      const later = new Date(createdAt.getTime() + 25 * 3_600_000);
      expect(await inputError(edit(as("volunteer"), visitId, { outcome: "not_home" }, later))).toBe("editWindowClosed");
      expect(await httpError(edit(as("volunteer2"), visitId, { outcome: "not_home" }))).toBe("403");
      expect(await httpError(edit(as("official"), visitId, { outcome: "not_home" }))).toBe("403");
      expect(await httpError(edit(as("leaderB"), visitId, { outcome: "not_home" }))).toBe("404");
      expect((await t.db.visit.findUniqueOrThrow({ where: { id: visitId } })).outcome).toBe("done");

      // A correction to "not at home" takes back the skill, drops the status and schedules a follow-up.
      await edit(as("leader"), visitId, { outcome: "not_home" }, later);
      const v = await t.db.visit.findUniqueOrThrow({
        where: { id: visitId },
        include: { household: { include: { family: true } } },
      });
      expect(v.followUpOn).toEqual(day("2026-12-12"));
      expect(v.household.followUpOn).toEqual(day("2026-12-12"));
      expect(v.household.family?.status).toBe("enrolled");
      expect(await t.db.memberSkill.count({ where: { visitId } })).toBe(0);
      await edit(as("admin"), visitId, { outcome: "declined", notes: "Hộ từ chối" }, later);
      expect((await t.db.visit.findUniqueOrThrow({ where: { id: visitId } })).notes).toBe("Hộ từ chối");
    });

    it("correcting a visit keeps a skill another successful visit also gave, dated from that visit", async () => {
      const h = await t.db.household.create({
        data: {
          communeId: a,
          villageId: (await t.db.village.findFirstOrThrow({ where: { communeId: a } })).id,
          headName: "Ông Hai Lần",
          address: "Số 12",
          members: { create: [{ communeId: a, fullName: "Ông Hai Lần", birthYear: 1965, gender: "male", isHead: true }] },
        },
        include: { members: true },
      });
      const head = h.members[0].id;
      const gave = (visitedOn: Date) =>
        recordVisit(
          as("volunteer"),
          input({ householdId: h.id, visitedOn, items: [{ skillId: skill.smart_hp, memberIds: [head] }] }),
          NOW,
        );
      const first = await gave(day("2026-12-01"));
      const second = await gave(day("2026-12-03"));
      const third = await gave(day("2026-12-04"));
      // Only the first visit stores the skill; the later ones found it already there.
      expect(await t.db.memberSkill.findMany({ where: { memberId: head }, select: { visitId: true } })).toEqual([
        { visitId: first.visitId },
      ]);
      // A later visit that did not work does not count.
      await edit(as("leader"), second.visitId, { outcome: "not_home" });

      await edit(as("leader"), first.visitId, { outcome: "not_home" });
      expect(
        await t.db.memberSkill.findMany({
          where: { memberId: head },
          select: { skillId: true, visitId: true, acquiredOn: true },
        }),
      ).toEqual([{ skillId: skill.smart_hp, visitId: third.visitId, acquiredOn: day("2026-12-04") }]);

      // With no other visit giving it, the skill goes.
      await edit(as("leader"), third.visitId, { outcome: "declined" });
      expect(await t.db.memberSkill.count({ where: { memberId: head } })).toBe(0);
    });

    it("refuses a correction made from a stale form, and bad input, saving nothing", async () => {
      const v = await t.db.visit.findUniqueOrThrow({ where: { id: visitId }, include: { household: true } });
      expect(
        await inputError(edit(as("leader"), visitId, { version: v.household.version - 1, outcome: "done", items: [] })),
      ).toBe("itemsRequired");
      expect(
        await inputError(
          edit(as("leader"), visitId, {
            version: v.household.version - 1,
            outcome: "not_home",
          }),
        ),
      ).toBe("stale");
      expect(await inputError(edit(as("leader"), visitId, { visitedOn: "2026-12-09" }))).toBe("dateFuture");
      expect((await t.db.visit.findUniqueOrThrow({ where: { id: visitId } })).outcome).toBe("declined");
    });
  });

  it("lists the user's own visits, newest first, by household", async () => {
    const mine = await listMyVisits(as("volunteer"), { householdId: family.id });
    expect(mine.total).toBe(1);
    expect(mine.rows[0]).toMatchObject({ headName: "Nguyễn Văn Gia", mayCorrect: true });
    expect((await listMyVisits(as("volunteerB"), { householdId: family.id })).total).toBe(0);
    expect(await httpError(listMyVisits(as("resident")))).toBe("403");
  });
});
