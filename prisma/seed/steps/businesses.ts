// Household businesses: about 6% of households, run by a head aged 25–68, named after the owner,
// with the digital skills a business can have (cashless payment, selling online, …).
import { addDays } from "@/lib/format/dates";
import type { BUILTIN_SKILLS } from "@/lib/families/defaults";
import { byKey, need } from "@/prisma/seed/helpers";
import { BUSINESS_SECTORS, TU_KY_VILLAGES } from "@/prisma/seed/names";
import { Rng } from "@/prisma/seed/random";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";
import { headOf, type HouseholdIds, type PHousehold } from "@/prisma/seed/steps/households";

type SkillKey = (typeof BUILTIN_SKILLS)[number]["key"];
export type PBusiness = { household: number; name: string; sector: string; skills: { key: SkillKey; on: Date }[] };

export function planBusinesses({ householdCount, today }: PlanContext, households: readonly PHousehold[]): PBusiness[] {
  const br = new Rng("businesses");
  const businesses: PBusiness[] = [];
  const bizNames = new Set<string>();
  for (const h of br.shuffle(households.map((_, i) => i))) {
    if (businesses.length >= Math.round(householdCount * 0.06)) break;
    const owner = headOf(households[h]);
    if (owner.age < 25 || owner.age > 68) continue;
    const [sector, prefix] = br.weighted(BUSINESS_SECTORS.map(([s, p, w]) => [[s, p] as const, w] as const));
    const given = owner.fullName.split(" ").slice(-1)[0];
    let name = `${prefix} ${given}`;
    if (bizNames.has(name)) name = `${prefix} ${owner.fullName.split(" ").slice(-2).join(" ")}`;
    if (bizNames.has(name))
      name = `${prefix} ${TU_KY_VILLAGES[households[h].villageIdx][0].replace(/^Thôn /, "")} ${bizNames.size + 1}`;
    bizNames.add(name);
    const skills: { key: SkillKey; on: Date }[] = [];
    const rates: readonly (readonly [SkillKey, number])[] = [
      ["biz_cashless", 0.65],
      ["biz_online_selling", 0.38],
      ["biz_software", 0.22],
      ["biz_einvoice", 0.18],
    ];
    for (const [key, p] of rates) if (br.chance(p)) skills.push({ key, on: addDays(today, -br.int(5, 365)) });
    businesses.push({ household: h, name, sector, skills });
  }
  return businesses;
}

export async function writeBusinesses(
  tx: Tx,
  { communeId, skillId }: CommuneIds,
  { householdIds }: HouseholdIds,
  businesses: readonly PBusiness[],
): Promise<void> {
  const businessRows = await tx.householdBusiness.createManyAndReturn({
    data: businesses.map((b) => ({ communeId, householdId: householdIds[b.household], name: b.name, sector: b.sector })),
    select: { id: true, householdId: true },
  });
  const businessByHousehold = byKey(businessRows, (b) => String(b.householdId), "business");
  await tx.businessSkill.createMany({
    data: businesses.flatMap((b) =>
      b.skills.map((s) => ({
        communeId,
        businessId: need(businessByHousehold.get(String(householdIds[b.household])), "business").id,
        skillId: skillId(s.key),
        acquiredOn: s.on,
      })),
    ),
  });
}
