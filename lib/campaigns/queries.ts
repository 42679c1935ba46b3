// Reads for campaigns. Counting and summing happen in PostgreSQL; walk lists with names of
// people are personal data, so reading them is written to the audit log.
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { can, requireCan } from "@/lib/auth/capabilities";
import { branchOf, campaignScope, requireFieldCampaign, requireManagedCampaign } from "@/lib/campaigns/access";
import { EXPORT_MAX_ROWS, type ListRows } from "@/lib/exports/rows";
import { todayInVietnam } from "@/lib/format/dates";
import { Prisma } from "@/lib/generated/prisma/client";

export const PAST_CAMPAIGNS_PAGE_SIZE = 20;

const listSelect = {
  id: true,
  name: true,
  kind: true,
  startsOn: true,
  endsOn: true,
  villages: { select: { village: { select: { name: true } } }, orderBy: { village: { name: "asc" } } },
  branches: { select: { branchId: true, branch: { select: { name: true } } }, orderBy: { branch: { name: "asc" } } },
  _count: { select: { walkLists: true } },
} satisfies Prisma.CampaignSelect;

type ListRow = Prisma.CampaignGetPayload<{ select: typeof listSelect }>;
export type CampaignListItem = {
  id: number;
  name: string;
  kind: ListRow["kind"];
  startsOn: Date;
  endsOn: Date;
  villages: string[];
  branches: string[];
  walkLists: number;
};

const toItem = (c: ListRow): CampaignListItem => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  villages: c.villages.map((v) => v.village.name),
  branches: c.branches.map((b) => b.branch.name),
  walkLists: c._count.walkLists,
});

/**
 * Upcoming (today or later) and past campaigns the user may see; past ones a page at a time (and
 * the first 50 upcoming), or with `{ all: true }` (server code only: exports) every one of both,
 * up to EXPORT_MAX_ROWS each.
 */
export async function listCampaigns(
  user: CurrentUser,
  { page = 1, now = new Date() }: { page?: number; now?: Date } = {},
  { all = false }: ListRows = {},
) {
  const scope = await campaignScope(db, user);
  const today = todayInVietnam(now);
  const safePage = all ? 1 : Number.isInteger(page) && page > 0 ? Math.min(page, 10_000) : 1;
  const pageSize = all ? EXPORT_MAX_ROWS : PAST_CAMPAIGNS_PAGE_SIZE;
  const [upcoming, past, pastTotal] = await Promise.all([
    db.campaign.findMany({
      where: { ...scope, endsOn: { gte: today } },
      orderBy: [{ startsOn: "asc" }, { id: "asc" }],
      take: all ? EXPORT_MAX_ROWS : 50,
      select: listSelect,
    }),
    db.campaign.findMany({
      where: { ...scope, endsOn: { lt: today } },
      orderBy: [{ startsOn: "desc" }, { id: "desc" }],
      skip: (safePage - 1) * pageSize,
      take: pageSize,
      select: listSelect,
    }),
    db.campaign.count({ where: { ...scope, endsOn: { lt: today } } }),
  ]);
  return {
    upcoming: upcoming.map(toItem),
    past: past.map(toItem),
    page: safePage,
    pages: Math.max(1, Math.ceil(pastTotal / pageSize)),
    mayCreate: can(user, "campaign:manage"),
  };
}

/** One campaign the user may see, with what they may do with it; null when out of their reach. */
export async function getCampaign(user: CurrentUser, campaignId: number) {
  const scope = await campaignScope(db, user);
  const c = await db.campaign.findFirst({
    where: { ...scope, id: campaignId },
    select: {
      id: true,
      name: true,
      kind: true,
      startsOn: true,
      endsOn: true,
      description: true,
      targetMinAge: true,
      version: true,
      targetSkill: { select: { id: true, nameVi: true, nameEn: true } },
      createdBy: { select: { name: true } },
      villages: { select: { village: { select: { id: true, name: true } } }, orderBy: { village: { name: "asc" } } },
      branches: { select: { branch: { select: { id: true, name: true } } }, orderBy: { branch: { name: "asc" } } },
    },
  });
  if (!c) return null;
  const mine = await branchOf(db, user);
  const inBranch = mine !== null && c.branches.some((b) => b.branch.id === mine);
  const myLists =
    user.role === "volunteer" || user.role === "branch_leader"
      ? await db.walkList.count({ where: { campaignId, volunteers: { some: { userId: user.id } } } })
      : 0;
  return {
    ...c,
    villages: c.villages.map((v) => v.village),
    branches: c.branches.map((b) => b.branch),
    mayManage: user.role === "official" || user.role === "admin" || (user.role === "branch_leader" && inBranch),
    mayWorkIn: can(user, "field:work") && inBranch,
    myLists,
  };
}

export type CampaignSummary = {
  volunteersOut: number;
  householdsReached: number;
  visits: number;
  householdsPlanned: number;
  seconds: number;
  done: { skillId: number; nameVi: string; nameEn: string; items: number }[];
  villages: { id: number; name: string; planned: number; reached: number; visits: number; items: number }[];
  volunteers: { id: number; name: string; branch: string | null; shifts: number; out: boolean; seconds: number }[];
  walkLists: { id: number; name: string; stops: number; volunteers: string }[];
};

/**
 * The live summary: volunteers out now (open shifts), households reached (distinct households
 * with a visit recorded on this campaign), what was done by skill and by village, and hours per
 * volunteer. Null when the campaign is out of the user's reach.
 */
export async function getCampaignSummary(
  user: CurrentUser,
  campaignId: number,
  now: Date = new Date(),
): Promise<CampaignSummary | null> {
  const scope = await campaignScope(db, user);
  const communeId = communeOf(user);
  const found = await db.campaign.count({ where: { ...scope, id: campaignId } });
  if (!found) return null;
  const [totals, done, villages, volunteers, walkLists] = await Promise.all([
    db.$queryRaw<Omit<CampaignSummary, "done" | "villages" | "volunteers" | "walkLists">[]>`
      SELECT
        (SELECT count(*) FROM campaign_shift WHERE campaign_id = ${campaignId} AND ended_at IS NULL)::int AS "volunteersOut",
        (SELECT count(DISTINCT household_id) FROM visit WHERE campaign_id = ${campaignId} AND commune_id = ${communeId})::int
          AS "householdsReached",
        (SELECT count(*) FROM visit WHERE campaign_id = ${campaignId} AND commune_id = ${communeId})::int AS visits,
        (SELECT count(DISTINCT s.household_id) FROM walk_list_stop s JOIN walk_list w ON w.id = s.walk_list_id
          WHERE w.campaign_id = ${campaignId})::int AS "householdsPlanned",
        (SELECT coalesce(sum(extract(epoch FROM coalesce(ended_at, ${now}) - started_at)), 0)
          FROM campaign_shift WHERE campaign_id = ${campaignId})::float8 AS seconds`,
    db.$queryRaw<CampaignSummary["done"]>`
      SELECT s.id AS "skillId", s.name_vi AS "nameVi", s.name_en AS "nameEn", count(*)::int AS items
      FROM visit_item i
      JOIN visit v ON v.id = i.visit_id
      JOIN skill s ON s.id = i.skill_id
      WHERE v.campaign_id = ${campaignId} AND v.commune_id = ${communeId}
      GROUP BY s.id, s.name_vi, s.name_en, s.sort_order
      ORDER BY items DESC, s.sort_order, s.id`,
    db.$queryRaw<CampaignSummary["villages"]>`
      WITH vis AS (
        SELECT h.village_id, count(*) AS visits, count(DISTINCT v.household_id) AS reached
        FROM visit v JOIN household h ON h.id = v.household_id
        WHERE v.campaign_id = ${campaignId} AND v.commune_id = ${communeId}
        GROUP BY h.village_id
      ),
      items AS (
        SELECT h.village_id, count(*) AS items
        FROM visit_item i JOIN visit v ON v.id = i.visit_id JOIN household h ON h.id = v.household_id
        WHERE v.campaign_id = ${campaignId} AND v.commune_id = ${communeId}
        GROUP BY h.village_id
      ),
      planned AS (
        SELECT h.village_id, count(DISTINCT s.household_id) AS planned
        FROM walk_list w JOIN walk_list_stop s ON s.walk_list_id = w.id JOIN household h ON h.id = s.household_id
        WHERE w.campaign_id = ${campaignId}
        GROUP BY h.village_id
      ),
      ids AS (
        SELECT village_id FROM campaign_village WHERE campaign_id = ${campaignId}
        UNION SELECT village_id FROM vis
      )
      SELECT vi.id, vi.name, coalesce(p.planned, 0)::int AS planned, coalesce(vis.reached, 0)::int AS reached,
             coalesce(vis.visits, 0)::int AS visits, coalesce(it.items, 0)::int AS items
      FROM ids
      JOIN village vi ON vi.id = ids.village_id AND vi.commune_id = ${communeId}
      LEFT JOIN vis ON vis.village_id = vi.id
      LEFT JOIN items it ON it.village_id = vi.id
      LEFT JOIN planned p ON p.village_id = vi.id
      ORDER BY vi.name`,
    db.$queryRaw<CampaignSummary["volunteers"]>`
      SELECT u.id, u.name, b.name AS branch, count(*)::int AS shifts, bool_or(sh.ended_at IS NULL) AS out,
             sum(extract(epoch FROM coalesce(sh.ended_at, ${now}) - sh.started_at))::float8 AS seconds
      FROM campaign_shift sh
      JOIN app_user u ON u.id = sh.user_id
      LEFT JOIN volunteer_profile vp ON vp.user_id = u.id
      LEFT JOIN youth_branch b ON b.id = vp.branch_id
      WHERE sh.campaign_id = ${campaignId} AND sh.commune_id = ${communeId}
      GROUP BY u.id, u.name, b.name
      ORDER BY u.name, u.id`,
    db.$queryRaw<CampaignSummary["walkLists"]>`
      SELECT w.id, w.name,
             (SELECT count(*) FROM walk_list_stop s WHERE s.walk_list_id = w.id)::int AS stops,
             coalesce((SELECT string_agg(u.name, ', ' ORDER BY u.name) FROM walk_list_volunteer wv
                       JOIN app_user u ON u.id = wv.user_id WHERE wv.walk_list_id = w.id), '') AS volunteers
      FROM walk_list w
      WHERE w.campaign_id = ${campaignId} AND w.commune_id = ${communeId}
      ORDER BY w.id`,
  ]);
  return { ...totals[0], done, villages, volunteers, walkLists };
}

export type WalkListStopRow = {
  walkListId: number;
  position: number;
  householdId: number;
  headName: string;
  address: string;
  lastVisitOn: Date | null;
  lacking: { name: string; age: number }[];
  visited: boolean;
};

export type WalkListWithStops = {
  id: number;
  name: string;
  villageName: string | null;
  volunteers: { id: number; name: string }[];
  stops: WalkListStopRow[];
};

async function walkListsWithStops(
  communeId: number,
  campaign: { id: number; targetSkillId: number | null; targetMinAge: number | null },
  now: Date,
  onlyForUser?: number,
): Promise<WalkListWithStops[]> {
  const year = todayInVietnam(now).getUTCFullYear();
  const minAge = campaign.targetMinAge ?? 0;
  const mine =
    onlyForUser === undefined
      ? Prisma.sql`TRUE`
      : Prisma.sql`EXISTS (
    SELECT 1 FROM walk_list_volunteer wv WHERE wv.walk_list_id = w.id AND wv.user_id = ${onlyForUser})`;
  const [lists, stops] = await Promise.all([
    db.$queryRaw<(Omit<WalkListWithStops, "stops" | "volunteers"> & { volunteers: { id: number; name: string }[] })[]>`
      SELECT w.id, w.name, vi.name AS "villageName",
             coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                       FROM walk_list_volunteer wv JOIN app_user u ON u.id = wv.user_id WHERE wv.walk_list_id = w.id), '[]')
               AS volunteers
      FROM walk_list w LEFT JOIN village vi ON vi.id = w.village_id
      WHERE w.campaign_id = ${campaign.id} AND w.commune_id = ${communeId} AND ${mine}
      ORDER BY w.id`,
    db.$queryRaw<WalkListStopRow[]>`
      SELECT s.walk_list_id AS "walkListId", s.position, h.id AS "householdId", h.head_name AS "headName", h.address,
             h.last_visit_on AS "lastVisitOn",
             coalesce((SELECT json_agg(json_build_object('name', m.full_name, 'age', ${year}::int - m.birth_year)
                                       ORDER BY m.birth_year, m.id)
                       FROM member m
                       WHERE m.household_id = h.id AND ${year}::int - m.birth_year >= ${minAge}::int
                         AND (${campaign.targetSkillId}::int IS NULL OR NOT EXISTS (
                           SELECT 1 FROM member_skill ms WHERE ms.member_id = m.id AND ms.skill_id = ${campaign.targetSkillId}::int))),
                      '[]') AS lacking,
             EXISTS (SELECT 1 FROM visit v WHERE v.household_id = h.id AND v.campaign_id = ${campaign.id}) AS visited
      FROM walk_list w
      JOIN walk_list_stop s ON s.walk_list_id = w.id
      JOIN household h ON h.id = s.household_id AND h.commune_id = ${communeId}
      WHERE w.campaign_id = ${campaign.id} AND w.commune_id = ${communeId} AND ${mine}
      ORDER BY w.id, s.position`,
  ]);
  const byList = new Map<number, WalkListStopRow[]>();
  for (const s of stops) byList.set(s.walkListId, [...(byList.get(s.walkListId) ?? []), s]);
  return lists.map((l) => ({ ...l, stops: byList.get(l.id) ?? [] }));
}

/** Every walk list of a campaign with its households, for printing (organisers only). */
export async function getWalkListsForPrint(user: CurrentUser, campaignId: number, now: Date = new Date()) {
  requireCan(user, "campaign:manage");
  const communeId = communeOf(user);
  const c = await requireManagedCampaign(db, user, campaignId);
  const lists = await walkListsWithStops(
    communeId,
    { id: c.id, targetSkillId: c.targetSkillId, targetMinAge: c.targetMinAge },
    now,
  );
  await audit(db, user, "view", "campaign_walk_lists", campaignId, { lists: lists.length });
  return lists;
}

/** The signed-in volunteer's own walk list(s) on a campaign, and their shift. */
export async function getMyWalkList(user: CurrentUser, campaignId: number, now: Date = new Date()) {
  requireCan(user, "field:work");
  const communeId = communeOf(user);
  const c = await requireFieldCampaign(db, user, campaignId);
  const [lists, shift] = await Promise.all([
    walkListsWithStops(communeId, c, now, user.id),
    db.$queryRaw<{ openSince: Date | null; seconds: number }[]>`
      SELECT max(started_at) FILTER (WHERE ended_at IS NULL) AS "openSince",
             coalesce(sum(extract(epoch FROM coalesce(ended_at, ${now}) - started_at)), 0)::float8 AS seconds
      FROM campaign_shift WHERE campaign_id = ${campaignId} AND user_id = ${user.id}`,
  ]);
  if (lists.length) await audit(db, user, "view", "campaign_walk_lists", campaignId, { mine: true, lists: lists.length });
  const today = todayInVietnam(now);
  return {
    campaign: { id: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn },
    isCampaignDay: today >= c.startsOn && today <= c.endsOn,
    lists,
    openSince: shift[0]?.openSince ?? null,
    seconds: shift[0]?.seconds ?? 0,
  };
}

/** What the campaign form offers: the commune's villages, branches and member skills. */
export async function getCampaignFormOptions(user: CurrentUser) {
  requireCan(user, "campaign:manage");
  const communeId = communeOf(user);
  const [villages, branches, skills, myBranchId] = await Promise.all([
    db.village.findMany({ where: { communeId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.youthBranch.findMany({ where: { communeId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.skill.findMany({
      where: { communeId, scope: "member", active: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, key: true, nameVi: true, nameEn: true },
    }),
    branchOf(db, user),
  ]);
  return { villages, branches, skills, myBranchId };
}

/** A campaign as the edit form needs it (organisers who may manage it only). */
export async function getCampaignForEdit(user: CurrentUser, campaignId: number) {
  await requireManagedCampaign(db, user, campaignId);
  return db.campaign.findFirstOrThrow({
    where: { id: campaignId, communeId: communeOf(user) },
    select: {
      id: true,
      name: true,
      kind: true,
      startsOn: true,
      endsOn: true,
      description: true,
      targetSkillId: true,
      targetMinAge: true,
      version: true,
      villages: { select: { villageId: true } },
      branches: { select: { branchId: true } },
    },
  });
}
