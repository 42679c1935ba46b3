import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCommune, refused, someone, type Commune } from "@/lib/families/test-fixtures";
import { getOfflinePack } from "@/lib/offline/pack";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("the volunteer's offline copy", () => {
  let t: TestDatabase;
  let a: Commune;
  let b: Commune;
  const NOW = new Date("2026-03-14T03:00:00Z");

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await makeCommune(t.db, "a", 6);
    b = await makeCommune(t.db, "b", 2);
    const [h0, h1, h2, h3, h4] = a.households;
    const assign = (householdId: number, volunteerId: number, active = true) =>
      t.db.assignment.create({ data: { communeId: a.id, householdId, volunteerId, assignedById: a.leader.id, active } });
    await assign(h0, a.volunteer.id);
    await assign(h1, a.volunteer.id, false);
    await assign(h2, a.otherVolunteer.id);
    // Walk lists: one of a running campaign (h3), one of an ended campaign (h4).
    const campaign = (name: string, startsOn: string, endsOn: string) =>
      t.db.campaign.create({
        data: {
          communeId: a.id,
          name,
          kind: "volunteer_saturday",
          startsOn: new Date(startsOn),
          endsOn: new Date(endsOn),
          createdById: a.leader.id,
        },
      });
    const running = await campaign("Thứ bảy 14/3", "2026-03-14", "2026-03-14");
    const ended = await campaign("Thứ bảy 7/3", "2026-03-07", "2026-03-07");
    for (const [c, h] of [
      [running, h3],
      [ended, h4],
    ] as const) {
      await t.db.walkList.create({
        data: {
          communeId: a.id,
          campaignId: c.id,
          name: `Nhóm ${c.name}`,
          volunteers: { create: [{ userId: a.volunteer.id }] },
          stops: { create: [{ householdId: h, position: 1 }] },
        },
      });
    }
    await t.db.memberSkill.create({
      data: {
        communeId: a.id,
        memberId: (await t.db.member.findFirstOrThrow({ where: { householdId: h0, isHead: true } })).id,
        skillId: (await t.db.skill.findFirstOrThrow({ where: { communeId: a.id, key: "vneid_l2" } })).id,
        acquiredOn: new Date("2026-03-01"),
      },
    });
  });
  afterAll(() => t.drop());

  it("holds only the volunteer's active assignments and walk lists of campaigns not ended", async () => {
    const pack = await getOfflinePack(a.volunteer, NOW);
    const [h0, , , h3] = a.households;
    expect(pack.userId).toBe(a.volunteer.id);
    expect(pack.households.map((h) => [h.id, h.assigned])).toEqual([
      [h0, true],
      [h3, false],
    ]);
    expect(pack.walkLists).toEqual([expect.objectContaining({ name: "Nhóm Thứ bảy 14/3", householdIds: [h3] })]);
    expect(pack.today).toBe("2026-03-14");
    // Members with their current skills, for the visit form.
    const head = pack.households[0].members.find((m) => m.isHead)!;
    const vneid = pack.skills.find((s) => s.key === "vneid_l2")!;
    expect(head.skillIds).toEqual([vneid.id]);
    expect(pack.households[0].members).toHaveLength(2);
    // Nothing of another commune, no other volunteer's household.
    const ids = pack.households.map((h) => h.id);
    for (const id of [...b.households, a.households[1], a.households[2], a.households[4]]) expect(ids).not.toContain(id);
    // Reading it is audited once, with the households' ids.
    const log = await t.db.auditLog.findFirstOrThrow({
      where: { actorId: a.volunteer.id, action: "household.view" },
      orderBy: { id: "desc" },
    });
    expect(log.details).toMatchObject({ via: "offline.pack", households: [h0, h3] });
  });

  it("is for field volunteers only", async () => {
    expect(await refused(getOfflinePack(a.admin, NOW))).toBe(true);
    expect(await refused(getOfflinePack(someone("official", a.id), NOW))).toBe(true);
    expect(await refused(getOfflinePack(someone("resident", a.id), NOW))).toBe(true);
    expect((await getOfflinePack(a.leader, NOW)).households).toEqual([]);
  });
});
