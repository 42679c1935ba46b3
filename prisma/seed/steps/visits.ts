// Two Volunteer Saturdays and the last 90 days of home visits: about 15% of households never
// visited (four of them the demo volunteer's), a fifth visited only long ago, the rest once or
// more, mostly by their assigned volunteer. A visit that went well taught someone a skill.
import { addDays, daysBetween } from "@/lib/format/dates";
import type { VisitOutcome } from "@/lib/generated/prisma/client";
import { VOLUNTEER_SATURDAY } from "@/prisma/seed/constants";
import { atLocal, byKey, inBatches, need, saturdayOnOrBefore } from "@/prisma/seed/helpers";
import { VISIT_NOTES } from "@/prisma/seed/names";
import type { MemberSkillKey } from "@/prisma/seed/people";
import { Rng } from "@/prisma/seed/random";
import type { PAssignment } from "@/prisma/seed/steps/assignments";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";
import type { HouseholdIds, PHousehold, PMember } from "@/prisma/seed/steps/households";
import type { Team } from "@/prisma/seed/steps/users";

export type PVisit = {
  household: number;
  volunteer: number; // index into users
  campaign: number | null;
  visitedOn: Date;
  outcome: VisitOutcome;
  notes: string | null;
  followUpOn: Date | null;
  key: string;
  createdAt: Date;
  items: { skill: MemberSkillKey; member: number | null }[];
  coVolunteers: number[];
};

const OUTCOMES: readonly (readonly [VisitOutcome, number])[] = [
  ["done", 72],
  ["not_home", 10],
  ["needs_police", 7],
  ["no_smartphone", 6],
  ["declined", 5],
];

/**
 * The campaigns (two Saturdays, by day) and the visits, oldest first per household. Sets each
 * household's last visit and follow-up, and the skills its members learnt on a visit.
 */
export function planVisits(
  ctx: PlanContext,
  households: readonly PHousehold[],
  team: Team,
  { assignments, assignedTo }: { assignments: readonly PAssignment[]; assignedTo: ReadonlyMap<number, number> },
): { campaigns: Date[]; visits: PVisit[] } {
  const { today } = ctx;
  const vr = new Rng("visits");
  const campaigns = [saturdayOnOrBefore(addDays(today, -63)), saturdayOnOrBefore(addDays(today, -14))];
  const demoAssigned = assignments.filter((a) => a.volunteer === team.demoVolunteerIdx).map((a) => a.household);
  const { visited, stale, visitCounts } = chooseVisited(ctx, vr, households, demoAssigned);

  const visits: PVisit[] = [];
  for (const h of visited) {
    const hh = households[h];
    const dates = visitDates(vr, today, campaigns, visitCounts.get(h) ?? 1, stale.has(h));
    const eligible = hh.members.map((m, i) => [m, i] as const).filter(([m]) => m.age >= 15);
    for (const { on, campaign } of dates) {
      const volunteer = pickVolunteer(vr, team, assignedTo.get(h), hh, campaign);
      visits.push(planVisit(ctx, vr, team, { household: h, eligible, volunteer, on, campaign }));
      hh.lastVisitOn = on;
      hh.followUpOn = visits[visits.length - 1].followUpOn;
    }
  }
  return { campaigns, visits };
}

/** Which households were visited, which only long ago (stale), and how many times each. */
function chooseVisited(
  { householdCount }: PlanContext,
  vr: Rng,
  households: readonly PHousehold[],
  demoAssigned: readonly number[],
): { visited: number[]; stale: Set<number>; visitCounts: Map<number, number> } {
  const never = new Set<number>();
  demoAssigned.slice(0, 4).forEach((h) => never.add(h)); // the demo volunteer has some still to visit
  const neverTarget = Math.round(householdCount * 0.15);
  for (const h of vr.shuffle(households.map((_, i) => i).filter((i) => i !== 0))) {
    if (never.size >= neverTarget) break;
    if (!demoAssigned.includes(h)) never.add(h);
  }
  const visited = households.map((_, i) => i).filter((i) => !never.has(i));
  const stale = new Set(vr.shuffle(visited.filter((h) => h !== 0)).slice(0, Math.round(visited.length * 0.2)));
  const visitCounts = new Map<number, number>(visited.map((h) => [h, 1]));
  const extras = Math.max(0, Math.round(householdCount * 1.5) - visited.length);
  const extraWeights = visited.map((h) => [h, stale.has(h) ? 0.5 : 1] as const);
  for (let i = 0; i < extras && visited.length; i++) {
    const h = vr.weighted(extraWeights);
    visitCounts.set(h, (visitCounts.get(h) ?? 0) + 1);
  }
  return { visited, stale, visitCounts };
}

/**
 * The days of a household's `count` visits, in order, within the last 90 days (a stale household's
 * all before the last 60; otherwise the first within them). Some fall on a campaign's Saturday.
 */
function visitDates(
  vr: Rng,
  today: Date,
  campaigns: readonly Date[],
  count: number,
  isStale: boolean,
): { on: Date; campaign: number | null }[] {
  const windowStart = addDays(today, -89);
  const staleEnd = addDays(today, -61);
  const recentStart = addDays(today, -59);
  const dayIn = (from: Date, to: Date): Date => {
    const span = daysBetween(from, to);
    let d = addDays(from, vr.int(0, span));
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6 && vr.chance(0.35)) d = addDays(from, vr.int(0, span)); // a lean to weekends
    return d;
  };
  const dates: { on: Date; campaign: number | null }[] = [];
  for (let i = 0; i < count; i++) {
    const from = isStale ? windowStart : i === 0 ? recentStart : windowStart;
    const to = isStale ? staleEnd : today;
    const usable = campaigns.map((c, ci) => [c, ci] as const).filter(([c]) => c >= from && c <= to);
    if (usable.length && vr.chance(0.22)) {
      const [c, ci] = vr.pick(usable);
      dates.push({ on: c, campaign: ci });
    } else dates.push({ on: dayIn(from, to), campaign: null });
  }
  dates.sort((a, b) => a.on.getTime() - b.on.getTime());
  return dates;
}

/** Mostly the assigned volunteer; otherwise someone of the village's branch, or anyone. */
function pickVolunteer(
  vr: Rng,
  { fieldUsers, branchUsers, branchVillage }: Team,
  assigned: number | undefined,
  hh: PHousehold,
  campaign: number | null,
): number {
  if (assigned !== undefined && vr.chance(0.8)) return assigned;
  if (campaign === null && vr.chance(0.6) && branchVillage.includes(hh.villageIdx))
    return vr.pick(branchUsers[branchVillage.indexOf(hh.villageIdx)]);
  return vr.pick(fieldUsers);
}

/** One visit: how it went, what was done, who came along, the notes and a follow-up. */
function planVisit(
  { notAfterNow }: PlanContext,
  vr: Rng,
  { users, branchUsers }: Team,
  v: {
    household: number;
    eligible: readonly (readonly [PMember, number])[];
    volunteer: number;
    on: Date;
    campaign: number | null;
  },
): PVisit {
  const { household, eligible, volunteer, on, campaign } = v;
  let outcome = vr.weighted(OUTCOMES);
  const key = vr.uuid();
  const items: PVisit["items"] = [];
  if (outcome === "needs_police" || outcome === "no_smartphone") {
    const skill: MemberSkillKey = outcome === "needs_police" ? "vneid_l2" : "smart_hp";
    const lacking = eligible.filter(([m]) => !m.skills.has(skill));
    if (lacking.length) items.push({ skill, member: vr.pick(lacking)[1] });
    else outcome = "done";
  }
  if (outcome === "done") items.push(...skillsTaught(vr, eligible, on, key));
  const coCount = campaign !== null ? (vr.chance(0.6) ? vr.int(1, 2) : 0) : vr.chance(0.1) ? 1 : 0;
  const vb = users[volunteer].branchIdx ?? 0;
  const coPool = branchUsers[vb].filter((u) => u !== volunteer);
  const coVolunteers = vr.shuffle(coPool).slice(0, coCount);
  return {
    household,
    volunteer,
    campaign,
    visitedOn: on,
    outcome,
    notes: vr.chance(outcome === "done" ? 0.35 : 0.8) ? vr.pick(VISIT_NOTES[outcome]) : null,
    followUpOn: outcome === "needs_police" || outcome === "not_home" ? addDays(on, vr.int(7, 14)) : null,
    key,
    createdAt: notAfterNow(atLocal(on, vr.int(7, 17), vr.int(0, 59))),
    items,
    coVolunteers,
  };
}

/** One to three skills taught on a visit that went well, recorded on the members who learnt them. */
function skillsTaught(vr: Rng, eligible: readonly (readonly [PMember, number])[], on: Date, key: string): PVisit["items"] {
  const items: PVisit["items"] = [];
  const want = vr.int(1, 3);
  for (let t = 0; t < want * 3 && items.length < want && eligible.length; t++) {
    const [m, mi] = vr.pick(eligible);
    const skill = vr.weighted([
      ["vneid_l2", 2],
      ["smart_hp", 4],
      ["online_service", 3],
      ["cashless", 3],
      ["safety_briefing", 4],
      ["ai_basics", 1],
    ] as const);
    const has = m.skills.get(skill);
    if (has?.visitKey) continue; // already learnt on an earlier visit
    if (!has && !vr.chance(0.35)) continue; // mostly they help with what people go on to use
    if (items.some((it) => it.member === mi && it.skill === skill)) continue;
    m.skills.set(skill, { on, visitKey: key });
    items.push({ skill, member: mi });
  }
  return items;
}

/** Campaigns, visits and what was done on them; returns a visit's id by its idempotency key. */
export async function writeVisits(
  tx: Tx,
  { communeId, skillId }: CommuneIds,
  { householdIds, memberIds }: HouseholdIds,
  userIds: readonly number[],
  { campaigns, visits }: { campaigns: readonly Date[]; visits: readonly PVisit[] },
): Promise<(key: string) => number> {
  const campaignIds: number[] = [];
  for (const on of campaigns) {
    const c = await tx.campaign.create({
      data: { communeId, name: VOLUNTEER_SATURDAY, kind: "volunteer_saturday", startsOn: on, endsOn: on },
      select: { id: true },
    });
    campaignIds.push(c.id);
  }
  const visitRows = await inBatches(visits, (batch) =>
    tx.visit.createManyAndReturn({
      data: batch.map((v) => ({
        communeId,
        householdId: householdIds[v.household],
        volunteerId: userIds[v.volunteer],
        campaignId: v.campaign === null ? null : campaignIds[v.campaign],
        visitedOn: v.visitedOn,
        outcome: v.outcome,
        notes: v.notes,
        followUpOn: v.followUpOn,
        idempotencyKey: v.key,
        createdAt: v.createdAt,
      })),
      select: { id: true, idempotencyKey: true },
    }),
  );
  const visitByKey = byKey(visitRows, (v) => v.idempotencyKey, "visit");
  const visitId = (key: string) => need(visitByKey.get(key), key).id;
  const items = visits.flatMap((v) =>
    v.items.map((it) => ({
      communeId,
      visitId: visitId(v.key),
      skillId: skillId(it.skill),
      memberId: it.member === null ? null : memberIds[v.household][it.member],
    })),
  );
  await inBatches(items, async (batch) => [await tx.visitItem.createMany({ data: batch })]);
  const coVolunteers = visits.flatMap((v) => v.coVolunteers.map((u) => ({ visitId: visitId(v.key), userId: userIds[u] })));
  await inBatches(coVolunteers, async (batch) => [await tx.visitCoVolunteer.createMany({ data: batch })]);
  return visitId;
}
