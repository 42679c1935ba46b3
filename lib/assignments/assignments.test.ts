import { settled } from "@/lib/testing/refusals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignHousehold, reassignHousehold, unassignHousehold } from "@/lib/assignments/mutations";
import { getAssignBoard } from "@/lib/assignments/queries";
import { adoptHousehold } from "@/lib/families/adoption";
import { makeCommune, refused, someone, type Commune } from "@/lib/families/test-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

describe("assigning households to volunteers", () => {
  let t: TestDatabase;
  let a: Commune;
  let b: Commune;
  const active = (householdId: number) =>
    t.db.assignment.findMany({ where: { householdId, active: true }, select: { volunteerId: true }, orderBy: { id: "asc" } });

  beforeAll(async () => {
    t = await createTestDatabase();
    a = await makeCommune(t.db, "a", 5);
    b = await makeCommune(t.db, "b", 1);
  });
  afterAll(() => t.drop());

  it("the leader assigns a household to a volunteer of the branch, once", async () => {
    const h = a.households[0];
    const r = await settled(assignHousehold(a.leader, { householdId: String(h), volunteerId: String(a.volunteer.id) }));
    expect(r.ok).toBe(true);
    expect(await active(h)).toEqual([{ volunteerId: a.volunteer.id }]);
    expect(await settled(assignHousehold(a.leader, { householdId: h, volunteerId: a.volunteer.id }))).toEqual({
      ok: false,
      error: "alreadyAssigned",
      field: "volunteerId",
    });
    // The leader may take it on too: a pair.
    expect((await settled(assignHousehold(a.leader, { householdId: h, volunteerId: a.leader.id }))).ok).toBe(true);
    expect(await active(h)).toHaveLength(2);
    expect(await t.db.auditLog.count({ where: { action: "assign" } })).toBe(2);
  });

  it("a double submission records one assignment", async () => {
    const h = a.households[1];
    const rs = await Promise.all(
      [1, 2].map(() => settled(assignHousehold(a.leader, { householdId: h, volunteerId: a.volunteer.id }))),
    );
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
    expect(await active(h)).toHaveLength(1);
  });

  it("reassigning deactivates the previous assignment in the same transaction", async () => {
    const h = a.households[2];
    const first = await settled(assignHousehold(a.leader, { householdId: h, volunteerId: a.volunteer.id }));
    if (!first.ok) throw new Error(first.error);
    expect(
      await settled(reassignHousehold(a.leader, { assignmentId: first.value.assignmentId, volunteerId: a.volunteer.id })),
    ).toMatchObject({
      error: "sameVolunteer",
    });
    const r = await settled(reassignHousehold(a.leader, { assignmentId: first.value.assignmentId, volunteerId: a.leader.id }));
    expect(r.ok).toBe(true);
    expect(await active(h)).toEqual([{ volunteerId: a.leader.id }]);
    expect((await t.db.assignment.findUniqueOrThrow({ where: { id: first.value.assignmentId } })).active).toBe(false);
    // The old form sent again: the assignment is gone.
    expect(
      await settled(reassignHousehold(a.leader, { assignmentId: first.value.assignmentId, volunteerId: a.leader.id })),
    ).toMatchObject({
      error: "assignmentGone",
    });
  });

  it("unassigns", async () => {
    const h = a.households[3];
    const r = await settled(assignHousehold(a.leader, { householdId: h, volunteerId: a.volunteer.id }));
    if (!r.ok) throw new Error(r.error);
    expect(await settled(unassignHousehold(a.leader, { assignmentId: r.value.assignmentId }))).toEqual({
      ok: true,
      value: { assignmentId: r.value.assignmentId },
    });
    expect(await active(h)).toEqual([]);
    expect(await settled(unassignHousehold(a.leader, { assignmentId: r.value.assignmentId }))).toMatchObject({
      error: "assignmentGone",
    });
  });

  it("only the leader's own branch's volunteers and the commune's households", async () => {
    const h = a.households[4];
    expect(await settled(assignHousehold(a.leader, { householdId: h, volunteerId: a.otherVolunteer.id }))).toMatchObject({
      error: "volunteerInvalid",
    });
    expect(await settled(assignHousehold(a.leader, { householdId: h, volunteerId: a.admin.id }))).toMatchObject({
      error: "volunteerInvalid",
    });
    expect(await settled(assignHousehold(a.leader, { householdId: b.households[0], volunteerId: a.volunteer.id }))).toMatchObject(
      {
        error: "householdNotFound",
      },
    );
    expect(await settled(assignHousehold(b.leader, { householdId: h, volunteerId: a.volunteer.id }))).toMatchObject({
      error: "volunteerInvalid",
    });
    expect(await settled(assignHousehold(b.leader, { householdId: h, volunteerId: b.volunteer.id }))).toMatchObject({
      error: "householdNotFound",
    });
    // Another branch's assignment cannot be moved or ended by this leader.
    const theirs = await settled(assignHousehold(a.otherLeader, { householdId: h, volunteerId: a.otherVolunteer.id }));
    if (!theirs.ok) throw new Error(theirs.error);
    expect(
      await settled(reassignHousehold(a.leader, { assignmentId: theirs.value.assignmentId, volunteerId: a.volunteer.id })),
    ).toMatchObject({
      error: "assignmentGone",
    });
    expect(await settled(unassignHousehold(a.leader, { assignmentId: theirs.value.assignmentId }))).toMatchObject({
      error: "assignmentGone",
    });
    expect(await settled(unassignHousehold(b.leader, { assignmentId: theirs.value.assignmentId }))).toMatchObject({
      error: "assignmentGone",
    });
    expect(await active(h)).toEqual([{ volunteerId: a.otherVolunteer.id }]);
  });

  it("bad input gives a message key and saves nothing; other roles are refused", async () => {
    const before = await t.db.assignment.count();
    expect(await settled(assignHousehold(a.leader, { householdId: "x", volunteerId: a.volunteer.id }))).toMatchObject({
      error: "householdNotFound",
      field: "householdId",
    });
    expect(await settled(assignHousehold(a.leader, { householdId: a.households[0], volunteerId: "" }))).toMatchObject({
      error: "volunteerInvalid",
    });
    expect(await settled(reassignHousehold(a.leader, { assignmentId: "0", volunteerId: a.volunteer.id }))).toMatchObject({
      error: "assignmentGone",
    });
    for (const role of ["volunteer", "official", "admin", "resident"] as const) {
      const u = someone(role, a.id);
      expect(await refused(assignHousehold(u, { householdId: a.households[0], volunteerId: a.volunteer.id }))).toBe(true);
      expect(await refused(reassignHousehold(u, { assignmentId: 1, volunteerId: a.volunteer.id }))).toBe(true);
      expect(await refused(unassignHousehold(u, { assignmentId: 1 }))).toBe(true);
      expect(await refused(getAssignBoard(u, {}))).toBe(true);
    }
    expect(await refused(assignHousehold(someone("city", null), { householdId: 1, volunteerId: 1 }))).toBe(true);
    expect(await t.db.assignment.count()).toBe(before);
  });

  it("the board lists the branch's adopted households first, search results, and who holds each", async () => {
    await settled(adoptHousehold(a.leader, { householdId: a.households[0] }));
    const board = await getAssignBoard(a.leader, { q: "Chủ hộ a 4" });
    expect(board?.volunteers.map((v) => v.name)).toEqual(["leader a", "volunteer a"]);
    expect(board?.adopted.map((x) => x.id)).toEqual([a.households[0]]);
    expect(board?.adopted[0].assignees.map((x) => x.name).sort()).toEqual(["leader a", "volunteer a"]);
    const found = board?.search?.rows.find((r) => r.id === a.households[4]);
    expect(found?.assignees).toEqual([expect.objectContaining({ name: "volunteer2 a", ours: false })]);
    expect(board?.assignments.rows.every((r) => [a.leader.id, a.volunteer.id].includes(r.volunteer.id))).toBe(true);
  });
});
