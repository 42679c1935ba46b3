// Shared set-up for the families, branches and assignments integration tests (not used by the app).
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/user";
import type { Db } from "@/lib/db";
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import { currentUserOf as asUser } from "@/lib/testing/users";

export type Commune = {
  id: number;
  branches: [number, number];
  leader: CurrentUser;
  otherLeader: CurrentUser;
  volunteer: CurrentUser;
  otherVolunteer: CurrentUser;
  admin: CurrentUser;
  households: number[];
};

const THIS_YEAR = new Date().getUTCFullYear();

export { refused } from "@/lib/testing/refusals";
export { currentUserOf as asUser } from "@/lib/testing/users";

/**
 * A commune with the default skills and criteria, two branches (a leader and a volunteer each),
 * an admin, and `households` households of two adults each.
 */
export async function makeCommune(db: Db, code: string, households = 8): Promise<Commune> {
  const c = await db.commune.create({ data: { code, name: `Xã ${code}`, province: "Hải Phòng" } });
  await ensureCommuneDefaults(db, c.id);
  const v = await db.village.create({ data: { communeId: c.id, name: `Thôn ${code}`, code: "t1" } });
  const b1 = await db.youthBranch.create({ data: { communeId: c.id, villageId: v.id, name: `Chi đoàn 1 ${code}` } });
  const b2 = await db.youthBranch.create({ data: { communeId: c.id, name: `Chi đoàn 2 ${code}` } });
  const user = async (name: string, role: Role, branchId?: number, isLeader = false) => {
    const u = await db.user.create({
      data: { communeId: c.id, username: `${code}-${name}`, name: `${name} ${code}`, role, passwordHash: "x" },
      select: { id: true, role: true, communeId: true, name: true },
    });
    if (branchId) {
      await db.volunteerProfile.create({
        data: { userId: u.id, communeId: c.id, branchId, isLeader, joinedOn: new Date("2025-01-01") },
      });
    }
    return asUser(u);
  };
  const leader = await user("leader", "branch_leader", b1.id, true);
  const volunteer = await user("volunteer", "volunteer", b1.id);
  const otherLeader = await user("leader2", "branch_leader", b2.id, true);
  const otherVolunteer = await user("volunteer2", "volunteer", b2.id);
  const admin = await user("admin", "admin");
  const ids: number[] = [];
  for (let i = 0; i < households; i++) {
    const h = await db.household.create({
      data: {
        communeId: c.id,
        villageId: v.id,
        headName: `Chủ hộ ${code} ${i}`,
        address: `Số ${i}, ${v.name}`,
        members: {
          create: [
            { communeId: c.id, fullName: `Chủ hộ ${code} ${i}`, birthYear: THIS_YEAR - 45, gender: "male", isHead: true },
            { communeId: c.id, fullName: `Vợ ${code} ${i}`, birthYear: THIS_YEAR - 40, gender: "female" },
          ],
        },
      },
      select: { id: true },
    });
    ids.push(h.id);
  }
  return { id: c.id, branches: [b1.id, b2.id], leader, otherLeader, volunteer, otherVolunteer, admin, households: ids };
}

/** Gives every member of a household the skills (by key). */
export async function giveSkills(db: Db, communeId: number, householdId: number, keys: string[]) {
  const skills = await db.skill.findMany({ where: { communeId, key: { in: keys } }, select: { id: true } });
  const members = await db.member.findMany({ where: { householdId }, select: { id: true } });
  await db.memberSkill.createMany({
    data: members.flatMap((m) =>
      skills.map((s) => ({ communeId, memberId: m.id, skillId: s.id, acquiredOn: new Date("2026-01-05") })),
    ),
    skipDuplicates: true,
  });
}

export const someone = (role: Role, communeId: number | null, id = 999_999): CurrentUser =>
  asUser({ id, role, communeId, name: role });
