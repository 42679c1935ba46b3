// Writes for campaigns: create/edit, (re)build walk lists, and volunteers' shifts. Each takes the
// acting user first, checks role and commune itself, and re-checks every id from the client.
import { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/audit/log";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { branchOf, requireFieldCampaign, requireManagedCampaign } from "@/lib/campaigns/access";
import { CampaignInputSchema, type CampaignField, type CampaignInput, type CampaignRawInput } from "@/lib/campaigns/schemas";
import { todayInVietnam } from "@/lib/format/dates";
import { parseFields, Refusal } from "@/lib/validation/refusal";

/** Every village, branch and skill named by the form must be the user's commune's own. */
async function checkReferences(
  client: DbClient,
  user: CurrentUser,
  communeId: number,
  input: CampaignInput,
): Promise<Partial<Record<CampaignField, string>>> {
  const errors: Partial<Record<CampaignField, string>> = {};
  const [villages, branches, skill, mine] = await Promise.all([
    client.village.count({ where: { communeId, id: { in: input.villageIds } } }),
    client.youthBranch.count({ where: { communeId, id: { in: input.branchIds } } }),
    input.targetSkillId === undefined
      ? Promise.resolve(null)
      : client.skill.findFirst({
          where: { id: input.targetSkillId, communeId, scope: "member", active: true },
          select: { id: true },
        }),
    user.role === "branch_leader" ? branchOf(client, user) : Promise.resolve(null),
  ]);
  if (villages !== input.villageIds.length) errors.villageIds = "villageInvalid";
  if (branches !== input.branchIds.length) errors.branchIds = "branchInvalid";
  else if (user.role === "branch_leader" && (mine === null || !input.branchIds.includes(mine))) {
    // A branch leader organises their own branch's campaigns, not other branches'.
    errors.branchIds = "ownBranchRequired";
  }
  if (input.targetSkillId !== undefined && !skill) errors.targetSkillId = "skillInvalid";
  return errors;
}

function campaignData(input: CampaignInput) {
  return {
    name: input.name,
    kind: input.kind,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    description: input.description,
    targetSkillId: input.targetSkillId ?? null,
    targetMinAge: input.targetMinAge ?? null,
  };
}

export async function createCampaign(user: CurrentUser, raw: CampaignRawInput, idempotencyKey?: string): Promise<{ id: number }> {
  requireCan(user, "campaign:manage");
  const communeId = communeOf(user);
  const input = parseFields(CampaignInputSchema, raw);
  const key = idempotencyKey && z.uuid().safeParse(idempotencyKey).success ? idempotencyKey : null;
  const existing = async () =>
    key
      ? await db.campaign.findFirst({ where: { idempotencyKey: key, communeId, createdById: user.id }, select: { id: true } })
      : null;
  // A double submit or a retry after a lost answer: the campaign the first one created.
  const already = await existing();
  if (already) return { id: already.id };
  try {
    return await createCampaignOnce(user, communeId, input, key);
  } catch (err) {
    const raced = err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002" ? await existing() : null;
    if (raced) return { id: raced.id };
    throw err;
  }
}

async function createCampaignOnce(
  user: CurrentUser,
  communeId: number,
  input: CampaignInput,
  idempotencyKey: string | null,
): Promise<{ id: number }> {
  return db.$transaction(async (tx) => {
    const errors = await checkReferences(tx, user, communeId, input);
    if (Object.keys(errors).length) throw Refusal.fields(errors);
    const c = await tx.campaign.create({
      data: {
        communeId,
        ...campaignData(input),
        createdById: user.id,
        idempotencyKey,
        villages: { createMany: { data: input.villageIds.map((villageId) => ({ villageId })) } },
        branches: { createMany: { data: input.branchIds.map((branchId) => ({ branchId })) } },
      },
      select: { id: true },
    });
    await audit(tx, user, "create", "campaign", c.id, { villageIds: input.villageIds, branchIds: input.branchIds });
    return { id: c.id };
  });
}

export async function updateCampaign(
  user: CurrentUser,
  campaignId: number,
  version: number,
  raw: CampaignRawInput,
): Promise<{ id: number }> {
  requireCan(user, "campaign:manage");
  const communeId = communeOf(user);
  const input = parseFields(CampaignInputSchema, raw);
  return db.$transaction(async (tx) => {
    await requireManagedCampaign(tx, user, campaignId);
    const errors = await checkReferences(tx, user, communeId, input);
    if (Object.keys(errors).length) throw Refusal.fields(errors);
    const { count } = await tx.campaign.updateMany({
      where: { id: campaignId, communeId, version },
      data: { ...campaignData(input), version: { increment: 1 } },
    });
    if (count === 0) throw new Refusal(null, "stale");
    await tx.campaignVillage.deleteMany({ where: { campaignId } });
    await tx.campaignVillage.createMany({ data: input.villageIds.map((villageId) => ({ campaignId, villageId })) });
    await tx.campaignBranch.deleteMany({ where: { campaignId } });
    await tx.campaignBranch.createMany({ data: input.branchIds.map((branchId) => ({ campaignId, branchId })) });
    await audit(tx, user, "update", "campaign", campaignId, { villageIds: input.villageIds, branchIds: input.branchIds });
    return { id: campaignId };
  });
}

/**
 * (Re)builds the campaign's walk lists, replacing any earlier ones, in one transaction and one
 * statement: the households of the chosen villages with at least one member of the minimum age
 * lacking the target skill, most in need first (never visited, then longest since a visit), in
 * village order, cut into equal runs, one per pair of the taking-part branches' volunteers. A
 * run that crosses a village boundary becomes one list per village, so each list is one village.
 */
export async function buildWalkLists(
  user: CurrentUser,
  campaignId: number,
  now: Date = new Date(),
): Promise<{ lists: number; stops: number; volunteers: number }> {
  requireCan(user, "campaign:manage");
  const communeId = communeOf(user);
  const year = todayInVietnam(now).getUTCFullYear();
  return db.$transaction(async (tx) => {
    const c = await requireManagedCampaign(tx, user, campaignId);
    // Two rebuilds at once would interleave their deletes and inserts: the second waits here.
    await tx.$queryRaw`SELECT id FROM campaign WHERE id = ${campaignId} FOR UPDATE`;
    const [{ volunteers }] = await tx.$queryRaw<{ volunteers: number }[]>`
      SELECT count(*)::int AS volunteers
      FROM volunteer_profile vp
      JOIN app_user u ON u.id = vp.user_id
      JOIN campaign_branch cb ON cb.branch_id = vp.branch_id AND cb.campaign_id = ${campaignId}
      WHERE vp.commune_id = ${communeId} AND u.commune_id = ${communeId} AND u.active
        AND u.role IN ('volunteer', 'branch_leader')`;
    if (volunteers === 0) throw new Refusal(null, "noVolunteers");
    await tx.walkList.deleteMany({ where: { campaignId, communeId } });
    const minAge = c.targetMinAge ?? 0;
    const skillId = c.targetSkillId;
    const [r] = await tx.$queryRaw<{ lists: number; stops: number; assigned: number }[]>`
      WITH vols AS (
        SELECT vp.user_id, row_number() OVER (ORDER BY vp.branch_id, u.name, vp.user_id) - 1 AS rn
        FROM volunteer_profile vp
        JOIN app_user u ON u.id = vp.user_id
        JOIN campaign_branch cb ON cb.branch_id = vp.branch_id AND cb.campaign_id = ${campaignId}
        WHERE vp.commune_id = ${communeId} AND u.commune_id = ${communeId} AND u.active
          AND u.role IN ('volunteer', 'branch_leader')
      ),
      n AS (SELECT greatest(1, count(*) / 2)::int AS pairs FROM vols),
      -- Consecutive volunteers (same branch first) walk together; an odd one out joins the last pair.
      pairs AS (SELECT v.user_id, least(v.rn / 2, n.pairs - 1)::int AS pair FROM vols v CROSS JOIN n),
      targets AS (
        SELECT h.id AS household_id, h.village_id, vi.name AS village_name,
               row_number() OVER (ORDER BY vi.name, vi.id, h.last_visit_on ASC NULLS FIRST, h.id) AS seq
        FROM household h
        JOIN campaign_village cv ON cv.village_id = h.village_id AND cv.campaign_id = ${campaignId}
        JOIN village vi ON vi.id = h.village_id AND vi.commune_id = ${communeId}
        WHERE h.commune_id = ${communeId}
          AND EXISTS (
            SELECT 1 FROM member m
            WHERE m.household_id = h.id AND ${year}::int - m.birth_year >= ${minAge}::int
              AND (${skillId}::int IS NULL OR NOT EXISTS (
                SELECT 1 FROM member_skill ms WHERE ms.member_id = m.id AND ms.skill_id = ${skillId}::int))
          )
      ),
      chunked AS (SELECT t.*, (ntile(n.pairs) OVER (ORDER BY t.seq) - 1)::int AS pair FROM targets t CROSS JOIN n),
      lists AS (
        SELECT pair, village_id, village_name || ' · ' || (pair + 1) AS name, min(seq) AS first_seq
        FROM chunked GROUP BY pair, village_id, village_name
      ),
      ins AS (
        INSERT INTO walk_list (commune_id, campaign_id, village_id, name)
        SELECT ${communeId}, ${campaignId}, l.village_id, l.name FROM lists l ORDER BY l.first_seq
        RETURNING id, village_id, name
      ),
      mapped AS (SELECT ins.id, l.pair, l.village_id FROM ins JOIN lists l ON l.village_id = ins.village_id AND l.name = ins.name),
      stops AS (
        INSERT INTO walk_list_stop (walk_list_id, household_id, position)
        SELECT m.id, ch.household_id, row_number() OVER (PARTITION BY m.id ORDER BY ch.seq)::int
        FROM chunked ch JOIN mapped m ON m.pair = ch.pair AND m.village_id = ch.village_id
        RETURNING walk_list_id
      ),
      assigned AS (
        INSERT INTO walk_list_volunteer (walk_list_id, user_id)
        SELECT m.id, p.user_id FROM mapped m JOIN pairs p ON p.pair = m.pair
        RETURNING walk_list_id
      )
      SELECT (SELECT count(*) FROM ins)::int AS lists, (SELECT count(*) FROM stops)::int AS stops,
             (SELECT count(*) FROM assigned)::int AS assigned`;
    await audit(tx, user, "build_walk_lists", "campaign", campaignId, { lists: r.lists, stops: r.stops });
    return { lists: r.lists, stops: r.stops, volunteers };
  });
}

/**
 * Starts the user's shift on a campaign day. At most one open shift per volunteer per campaign:
 * a second tap (or a retry) while one is open returns that one.
 */
export async function startShift(
  user: CurrentUser,
  campaignId: number,
  now: Date = new Date(),
): Promise<{ shiftId: number; already: boolean }> {
  return db.$transaction(async (tx) => {
    const c = await requireFieldCampaign(tx, user, campaignId);
    const today = todayInVietnam(now);
    if (today < c.startsOn || today > c.endsOn) throw new Refusal(null, "notCampaignDay");
    // Serialises this volunteer's taps on this campaign, so two at once cannot open two shifts.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${campaignId}::int, ${user.id}::int)`;
    const open = await tx.campaignShift.findFirst({
      where: { campaignId, userId: user.id, endedAt: null },
      select: { id: true },
    });
    if (open) return { shiftId: open.id, already: true };
    const s = await tx.campaignShift.create({
      data: { communeId: communeOf(user), campaignId, userId: user.id, startedAt: now },
      select: { id: true },
    });
    await audit(tx, user, "start_shift", "campaign_shift", s.id, { campaignId });
    return { shiftId: s.id, already: false };
  });
}

/** Finishes the user's open shift; with none open (a second tap), nothing changes. */
export async function finishShift(
  user: CurrentUser,
  campaignId: number,
  now: Date = new Date(),
): Promise<{ shiftId: number | null; already: boolean }> {
  return db.$transaction(async (tx) => {
    await requireFieldCampaign(tx, user, campaignId);
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${campaignId}::int, ${user.id}::int)`;
    const open = await tx.campaignShift.findFirst({
      where: { campaignId, userId: user.id, endedAt: null },
      select: { id: true, startedAt: true },
    });
    if (!open) return { shiftId: null, already: true };
    const endedAt = now < open.startedAt ? open.startedAt : now;
    await tx.campaignShift.update({ where: { id: open.id }, data: { endedAt } });
    await audit(tx, user, "finish_shift", "campaign_shift", open.id, { campaignId });
    return { shiftId: open.id, already: false };
  });
}
