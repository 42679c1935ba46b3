// The rest of the city, in aggregates: its other 113 communes and wards, the city contest's
// participants (per village of Tứ Kỳ, per commune elsewhere) and twelve months of administrative
// figures for every commune. All from one random stream, drawn in this order.
import { DEMO_COMMUNE, DEMO_CONTEST, DEMO_CONTEST_PARTICIPANTS } from "@/prisma/seed/constants";
import { byKey, firstOfMonth, need, slugify } from "@/prisma/seed/helpers";
import { OTHER_HAI_PHONG_COMMUNES, TU_KY_VILLAGES } from "@/prisma/seed/names";
import { Rng } from "@/prisma/seed/random";
import type { CommuneIds } from "@/prisma/seed/steps/commune";
import type { PlanContext, Tx } from "@/prisma/seed/steps/context";

export type POtherCommune = { name: string; code: string; participants: number; visits: number; size: number };
export type PFigures = {
  month: Date;
  applicationsTotal: number;
  applicationsOnline: number;
  recordsDigitised: number;
}[];
export type PCity = {
  otherCommunes: POtherCommune[];
  /** Tứ Kỳ's contest figures, by village index. */
  villageContest: { participants: number; visits: number }[];
  tuKyFigures: PFigures;
  /** By index in otherCommunes. */
  otherFigures: PFigures[];
};

export function planCity({ today }: PlanContext): PCity {
  const cr = new Rng("contest");
  const otherCommunes = planOtherCommunes(cr);
  const villageContest = planVillageContest(cr);
  const { tuKyFigures, otherFigures } = planMonthlyFigures(cr, today, otherCommunes);
  return { otherCommunes, villageContest, tuKyFigures, otherFigures };
}

/** The other communes, each with a unique code, its contest figures and a relative size. */
function planOtherCommunes(cr: Rng): POtherCommune[] {
  const codes = new Set<string>([DEMO_COMMUNE.code]);
  return OTHER_HAI_PHONG_COMMUNES.map((name) => {
    const base = slugify(name.replace(/^(Phường|Xã|Đặc khu) /, ""));
    let code = base;
    for (let n = 2; codes.has(code); n++) code = `${base}-${n}`;
    codes.add(code);
    const participants = Math.round(1_200 + 15_700 * cr.float() ** 1.6); // most well below the leader
    return {
      name,
      code,
      participants,
      visits: Math.round(participants * (1.5 + cr.float() * 0.7)),
      size: 0.4 + cr.float() * 1.2,
    };
  });
}

/** Tứ Kỳ's contest participants shared out over its villages, by size. */
function planVillageContest(cr: Rng): PCity["villageContest"] {
  const villageShares = TU_KY_VILLAGES.map(([, size]) => size * (0.8 + cr.float() * 0.4));
  const shareTotal = villageShares.reduce((s, x) => s + x, 0);
  const villageParticipants = villageShares.map((s) => Math.floor((DEMO_CONTEST_PARTICIPANTS * s) / shareTotal));
  villageParticipants[0] += DEMO_CONTEST_PARTICIPANTS - villageParticipants.reduce((s, x) => s + x, 0);
  return villageParticipants.map((p) => ({ participants: p, visits: Math.round(p * (2.3 + cr.float() * 0.6)) }));
}

/** The last twelve months' applications (the online share rising) and records digitised. */
function planMonthlyFigures(
  cr: Rng,
  today: Date,
  otherCommunes: readonly POtherCommune[],
): { tuKyFigures: PFigures; otherFigures: PFigures[] } {
  const months = Array.from({ length: 12 }, (_, i) => firstOfMonth(today.getUTCFullYear(), today.getUTCMonth() - 12 + i));
  const figures = (from: number, to: number, size: number) =>
    months.map((month, i) => {
      const total = Math.round(cr.int(300, 500) * size);
      const share = Math.min(0.97, Math.max(0.05, from + ((to - from) * i) / 11 + (cr.float() - 0.5) * 0.04));
      return {
        month,
        applicationsTotal: total,
        applicationsOnline: Math.round(total * share),
        recordsDigitised: Math.round(cr.int(150, 600) * size),
      };
    });
  const tuKyFigures = figures(0.45, 0.8, 1);
  const otherFigures = otherCommunes.map((c) => figures(0.3 + cr.float() * 0.2, 0.55 + cr.float() * 0.3, c.size));
  return { tuKyFigures, otherFigures };
}

export type CityIds = {
  /** By index in otherCommunes. */
  otherIds: number[];
  otherCommuneId: (name: string) => number;
};

/** The other communes, the contest and its results, the monthly figures. */
export async function writeCity(tx: Tx, { communeId, villageIds }: CommuneIds, city: PCity): Promise<CityIds> {
  const otherRows = await tx.commune.createManyAndReturn({
    data: city.otherCommunes.map((c) => ({ code: c.code, name: c.name, province: DEMO_COMMUNE.province })),
    select: { id: true, code: true },
  });
  const otherByCode = byKey(otherRows, (c) => c.code, "commune");
  const otherIds = city.otherCommunes.map((c) => need(otherByCode.get(c.code), c.code).id);
  const contest = await tx.contest.upsert({
    where: { code: DEMO_CONTEST.code },
    create: { ...DEMO_CONTEST },
    update: {},
    select: { id: true },
  });
  await tx.contestResult.createMany({
    data: [
      ...city.villageContest.map((r, v) => ({ communeId, contestId: contest.id, villageId: villageIds[v], ...r })),
      ...city.otherCommunes.map((c, i) => ({
        communeId: otherIds[i],
        contestId: contest.id,
        villageId: null,
        participants: c.participants,
        visits: c.visits,
      })),
    ],
  });
  await tx.adminFigure.createMany({
    data: [
      ...city.tuKyFigures.map((f) => ({ communeId, ...f })),
      ...city.otherFigures.flatMap((list, i) => list.map((f) => ({ communeId: otherIds[i], ...f }))),
    ],
  });
  const otherCommuneId = (name: string) => need(otherIds[city.otherCommunes.findIndex((c) => c.name === name)], name);
  return { otherIds, otherCommuneId };
}
