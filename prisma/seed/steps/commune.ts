// The model commune itself: its row, its built-in skills, criteria and topics, its villages and
// its youth branches. Written first; every later step writes into it.
import { ensureCommuneDefaults } from "@/lib/families/defaults";
import type { StatusCriterion } from "@/lib/families/status";
import { DEMO_COMMUNE, DEMO_LETTERHEAD } from "@/prisma/seed/constants";
import { byKey, need, slugify } from "@/prisma/seed/helpers";
import { TU_KY_BRANCHES, TU_KY_VILLAGES } from "@/prisma/seed/names";
import type { Tx } from "@/prisma/seed/steps/context";

export type CommuneIds = {
  communeId: number;
  skillId: (key: string) => number;
  /** The commune's family criteria as stored (the defaults), for the families' status. */
  criteria: StatusCriterion[];
  /** By index in TU_KY_VILLAGES. */
  villageIds: number[];
  /** By index in TU_KY_BRANCHES. */
  branchIds: number[];
};

export async function writeCommune(tx: Tx): Promise<CommuneIds> {
  const commune = await tx.commune.create({ data: { ...DEMO_COMMUNE, ...DEMO_LETTERHEAD }, select: { id: true } });
  const communeId = commune.id;
  await ensureCommuneDefaults(tx, communeId);
  const skillRows = await tx.skill.findMany({ where: { communeId }, select: { id: true, key: true } });
  const skillId = (key: string) => need(skillRows.find((s) => s.key === key)?.id, `skill ${key}`);
  const criteriaRows = await tx.familyCriterion.findMany({
    where: { communeId },
    select: { level: true, rule: true, skill: { select: { key: true } } },
    orderBy: { sortOrder: "asc" },
  });
  const criteria: StatusCriterion[] = criteriaRows.map((c) => ({ skillKey: c.skill.key, level: c.level, rule: c.rule }));

  const villageRows = await tx.village.createManyAndReturn({
    data: TU_KY_VILLAGES.map(([name]) => ({ communeId, name, code: slugify(name.replace(/^Thôn /, "")) })),
    select: { id: true, name: true },
  });
  const villageByName = byKey(villageRows, (v) => v.name, "village");
  const villageIds = TU_KY_VILLAGES.map(([name]) => need(villageByName.get(name), name).id);
  const branchRows = await tx.youthBranch.createManyAndReturn({
    data: TU_KY_BRANCHES.map(([name, village, target]) => ({
      communeId,
      name,
      villageId: village === null ? null : need(villageByName.get(village), village).id,
      targetFamilies: target,
    })),
    select: { id: true, name: true },
  });
  const branchByName = byKey(branchRows, (b) => b.name, "branch");
  const branchIds = TU_KY_BRANCHES.map(([name]) => need(branchByName.get(name), name).id);
  return { communeId, skillId, criteria, villageIds, branchIds };
}
