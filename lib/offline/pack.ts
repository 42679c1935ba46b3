// What a volunteer's phone keeps for working with no connection (issue 13): the households
// assigned to them and those on their walk lists of campaigns not yet ended — only those — with
// members, current skills and follow-ups, and what the visit form needs besides (skills,
// co-volunteers, campaigns). These are exactly the households whose details the volunteer may see
// (lib/households/scope.ts maySeeContactDetails). Plain JSON: the phone stores it in IndexedDB.
import { audit } from "@/lib/audit/log";
import { requireCan } from "@/lib/auth/capabilities";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { addDays, todayInVietnam } from "@/lib/format/dates";
import type { CampaignKind, FamilyStatus, SkillScope } from "@/lib/generated/prisma/enums";
import { OFFLINE_PACK_MAX_HOUSEHOLDS } from "@/lib/offline/retention";
import { VISIT_FORM_HOUSEHOLD, visitFormChoices } from "@/lib/visits/queries";
import { MAX_BACKDATE_DAYS } from "@/lib/visits/rules";

const iso = (d: Date) => d.toISOString().slice(0, 10);

export type OfflineMember = { id: number; fullName: string; isHead: boolean; birthYear: number | null; skillIds: number[] };
export type OfflineHousehold = {
  id: number;
  headName: string;
  address: string;
  villageName: string;
  version: number;
  /** YYYY-MM-DD or null. */
  lastVisitOn: string | null;
  followUpOn: string | null;
  familyStatus: FamilyStatus | null;
  businessName: string | null;
  businessSkillIds: number[];
  assigned: boolean;
  members: OfflineMember[];
};
export type OfflineWalkList = { id: number; name: string; campaignName: string; householdIds: number[] };
export type OfflinePack = {
  userId: number;
  /** When the server made it (ISO). The phone drops a pack older than OFFLINE_KEEP_DAYS. */
  madeAt: string;
  today: string;
  minDate: string;
  households: OfflineHousehold[];
  walkLists: OfflineWalkList[];
  skills: { id: number; key: string; scope: SkillScope; nameVi: string; nameEn: string }[];
  coVolunteers: { id: number; name: string }[];
  campaigns: { id: number; name: string; kind: CampaignKind; startsOn: string; endsOn: string }[];
};

/** The signed-in field volunteer's offline copy. Reading it is audited once, with the households' ids. */
export async function getOfflinePack(user: CurrentUser, now: Date = new Date()): Promise<OfflinePack> {
  requireCan(user, "field:work");
  const communeId = communeOf(user);
  const today = todayInVietnam(now);
  const minDate = addDays(today, -MAX_BACKDATE_DAYS);
  const todayText = iso(today);
  // Assigned first (most in need first, as on the home page), then walk-list stops.
  const picked = await db.$queryRaw<{ id: number; assigned: boolean }[]>`
    SELECT h.id, bool_or(s.assigned) AS assigned FROM (
      SELECT a.household_id AS id, true AS assigned FROM assignment a
      WHERE a.commune_id = ${communeId} AND a.volunteer_id = ${user.id} AND a.active
      UNION ALL
      SELECT st.household_id, false FROM walk_list_stop st
      JOIN walk_list w ON w.id = st.walk_list_id
      JOIN walk_list_volunteer wv ON wv.walk_list_id = w.id AND wv.user_id = ${user.id}
      JOIN campaign c ON c.id = w.campaign_id
      WHERE w.commune_id = ${communeId} AND c.ends_on >= ${todayText}::date
    ) s JOIN household h ON h.id = s.id AND h.commune_id = ${communeId}
    GROUP BY h.id, h.follow_up_on, h.last_visit_on
    ORDER BY bool_or(s.assigned) DESC,
      CASE WHEN h.follow_up_on <= ${todayText}::date THEN h.follow_up_on END ASC NULLS LAST,
      h.last_visit_on ASC NULLS FIRST, h.id ASC
    LIMIT ${OFFLINE_PACK_MAX_HOUSEHOLDS}`;
  const ids = picked.map((p) => p.id);
  const assigned = new Set(picked.filter((p) => p.assigned).map((p) => p.id));
  const [found, { skills, campaigns, coVolunteers }, lists] = await Promise.all([
    db.household.findMany({
      where: { id: { in: ids }, communeId },
      select: VISIT_FORM_HOUSEHOLD,
    }),
    visitFormChoices(communeId, user.id, today),
    db.walkList.findMany({
      where: { communeId, campaign: { endsOn: { gte: today } }, volunteers: { some: { userId: user.id } } },
      orderBy: { id: "asc" },
      take: 20,
      select: {
        id: true,
        name: true,
        campaign: { select: { name: true } },
        stops: { orderBy: { position: "asc" }, select: { householdId: true } },
      },
    }),
  ]);
  const order = new Map(ids.map((id, i) => [id, i]));
  const kept = new Set(ids);
  await audit(db, user, "household.view", "Household", null, { via: "offline.pack", households: ids });
  return {
    userId: user.id,
    madeAt: now.toISOString(),
    today: todayText,
    minDate: iso(minDate),
    households: found
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((h) => ({
        id: h.id,
        headName: h.headName,
        address: h.address,
        villageName: h.village.name,
        version: h.version,
        lastVisitOn: h.lastVisitOn ? iso(h.lastVisitOn) : null,
        followUpOn: h.followUpOn ? iso(h.followUpOn) : null,
        familyStatus: h.family?.status ?? null,
        businessName: h.business?.name ?? null,
        businessSkillIds: h.business?.skills.map((s) => s.skillId) ?? [],
        assigned: assigned.has(h.id),
        members: h.members.map((m) => ({
          id: m.id,
          fullName: m.fullName,
          isHead: m.isHead,
          birthYear: m.birthYear,
          skillIds: m.skills.map((s) => s.skillId),
        })),
      })),
    walkLists: lists.map((l) => ({
      id: l.id,
      name: l.name,
      campaignName: l.campaign.name,
      householdIds: l.stops.map((s) => s.householdId).filter((id) => kept.has(id)),
    })),
    skills,
    coVolunteers,
    campaigns: campaigns.map((c) => ({ ...c, startsOn: iso(c.startsOn), endsOn: iso(c.endsOn) })),
  };
}
