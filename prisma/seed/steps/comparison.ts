// Comparison communes: a few small communes with households, people, skills, visits and digital
// families, so the city's side-by-side comparison has more than Tứ Kỳ to show. Their own random
// streams: nothing of Tứ Kỳ's data changes. Each commune is planned and written in turn (its
// stream also draws over the members as written).
//
// A family's status is not written here: the families are stored with the day each level was
// planned, and the seed's last step (unsafeRecomputeEveryCommune) derives every status from the
// members' skills under the commune's criteria, as the app does. A family the help has brought to
// the digital level has the skills for it: every adult VNeID, one adult the rest.
import { addDays } from "@/lib/format/dates";
import { DEFAULT_CRITERIA, ensureCommuneDefaults } from "@/lib/families/defaults";
import { need } from "@/prisma/seed/helpers";
import { FAMILY_SHAPES, personName, planPeople } from "@/prisma/seed/people";
import { Rng } from "@/prisma/seed/random";
import type { Tx } from "@/prisma/seed/steps/context";

/** The first three of the city's other communes, each with its size and how far along it is. */
const COMPARISON_COMMUNE_PROFILES = [
  { households: 60, reach: 0.8, vneid: 0.7, certified: 0.3 },
  { households: 56, reach: 0.5, vneid: 0.45, certified: 0.15 },
  { households: 64, reach: 0.3, vneid: 0.25, certified: 0.05 },
] as const;

export async function seedComparisonCommunes(
  tx: Tx,
  communes: readonly { id: number; code: string; name: string }[],
  today: Date,
  year: number,
  passwordHash: string,
): Promise<void> {
  for (const [i, profile] of COMPARISON_COMMUNE_PROFILES.entries()) {
    const commune = communes[i];
    if (!commune) return;
    const rng = new Rng(`comparison-${commune.code}`);
    const communeId = commune.id;
    await ensureCommuneDefaults(tx, communeId);
    const skillIds = new Map(
      (await tx.skill.findMany({ where: { communeId }, select: { id: true, key: true } })).map((s) => [s.key, s.id]),
    );
    const skillId = (key: string) => need(skillIds.get(key), `skill ${key}`);
    const village = await tx.village.create({ data: { communeId, name: "Thôn 1", code: "thon-1" }, select: { id: true } });
    const volunteer = await tx.user.create({
      data: { communeId, username: `tnv-${commune.code}`, name: "Đoàn viên tình nguyện", role: "volunteer", passwordHash },
      select: { id: true },
    });
    const planned = planComparisonHouseholds(rng, profile, today);
    const households = await tx.household.createManyAndReturn({
      data: planned.map((p) => ({
        communeId,
        villageId: village.id,
        headName: p.people[0].fullName,
        address: `Số ${p.h + 1}, Thôn 1`,
        lastVisitOn: p.visits.at(-1) ?? null,
      })),
      select: { id: true },
    });
    const members = await tx.member.createManyAndReturn({
      data: planned.flatMap((p, h) =>
        p.people.map((person, m) => ({
          communeId,
          householdId: households[h].id,
          fullName: person.fullName,
          birthYear: year - person.age,
          gender: person.sex,
          isHead: m === 0,
        })),
      ),
      select: { id: true, birthYear: true, householdId: true },
    });
    const plannedOf = new Map(households.map((h, i) => [h.id, planned[i]]));
    const firstAdult = new Map<number, number>();
    for (const m of members) if (year - m.birthYear >= 18 && !firstAdult.has(m.householdId)) firstAdult.set(m.householdId, m.id);
    await tx.memberSkill.createMany({
      data: members.flatMap((m) => {
        const p = need(plannedOf.get(m.householdId), "household");
        const adult = year - m.birthYear >= 18;
        const helped = p.certified && adult;
        const own = year - m.birthYear >= 16 && rng.chance(profile.vneid);
        const keys = helped && firstAdult.get(m.householdId) === m.id ? DIGITAL_SKILLS : helped || own ? ["vneid_l2"] : [];
        if (keys.length === 0) return [];
        const on = helped ? addDays(p.visits[0], -rng.int(0, 20)) : addDays(today, -rng.int(1, 300));
        return keys.map((key) => ({
          communeId,
          memberId: m.id,
          skillId: skillId(key),
          acquiredOn: key === "vneid_l2" ? on : p.visits[0],
        }));
      }),
    });
    await tx.visit.createMany({
      data: planned.flatMap((p, h) =>
        p.visits.map((visitedOn) => ({
          communeId,
          householdId: households[h].id,
          volunteerId: volunteer.id,
          visitedOn,
          outcome: "done" as const,
          idempotencyKey: rng.uuid(),
        })),
      ),
    });
    await tx.digitalFamily.createMany({
      data: planned.flatMap((p, h) =>
        p.certified
          ? [
              {
                communeId,
                householdId: households[h].id,
                enrolledOn: addDays(p.visits[0], -30),
                inProgressOn: addDays(p.visits[0], -10),
                digitalOn: p.visits[0],
              },
            ]
          : [],
      ),
    });
  }
}

/** The skills of the default criteria's digital level. */
const DIGITAL_SKILLS = DEFAULT_CRITERIA.filter((c) => c.level === "digital").map((c) => c.skillKey);

/** The commune's households: their people, the days they were visited, whether certified. */
function planComparisonHouseholds(rng: Rng, profile: (typeof COMPARISON_COMMUNE_PROFILES)[number], today: Date) {
  return Array.from({ length: profile.households }, (_, h) => {
    const people = planPeople(rng, rng.weighted(FAMILY_SHAPES), false).map((person) => ({
      ...person,
      fullName: person.name ?? personName(rng, person.sex, person.age, person.family),
    }));
    const visits = rng.chance(profile.reach)
      ? Array.from({ length: rng.int(1, 3) }, () => addDays(today, -rng.int(0, 120))).sort((a, b) => a.getTime() - b.getTime())
      : [];
    return { h, people, visits, certified: visits.length > 0 && rng.chance(profile.certified / profile.reach) };
  });
}
