// The commune's progress for anyone (/progress): aggregates only, never personal data. Every
// figure is counted in SQL.
import { db } from "@/lib/db";
import { todayInVietnam } from "@/lib/format/dates";

export type PublicSkillShare = { key: string; nameVi: string; nameEn: string; withSkill: number; adults: number; share: number };
export type PublicMonth = { month: Date; total: number; online: number; rate: number | null };

export type PublicProgress = {
  households: number;
  householdsReached: number;
  familiesEnrolled: number;
  digitalFamilies: number;
  adults: number;
  skills: PublicSkillShare[];
  classesHeld: number;
  peopleTrained: number;
  /** The latest month with figures, or null when none has been entered. */
  onlineRate: PublicMonth | null;
  /** The six months ending with the latest month that has figures, newest first (months without figures are left out). */
  onlineTrend: PublicMonth[];
  /** The commune's participants in the latest contest it took part in, or null. */
  contest: { name: string; participants: number } | null;
};

const monthOf = (r: { month: Date; applicationsTotal: number; applicationsOnline: number }): PublicMonth => ({
  month: r.month,
  total: r.applicationsTotal,
  online: r.applicationsOnline,
  rate: r.applicationsTotal > 0 ? r.applicationsOnline / r.applicationsTotal : null,
});

const FIGURE_SELECT = { month: true, applicationsTotal: true, applicationsOnline: true } as const;

/** The latest month with figures and the five before it. */
async function getOnlineTrend(communeId: number): Promise<PublicMonth[]> {
  const latest = await db.adminFigure.findFirst({ where: { communeId }, orderBy: { month: "desc" }, select: FIGURE_SELECT });
  if (!latest) return [];
  const since = new Date(Date.UTC(latest.month.getUTCFullYear(), latest.month.getUTCMonth() - 5, 1));
  const rows = await db.adminFigure.findMany({
    where: { communeId, month: { gte: since } },
    orderBy: { month: "desc" },
    select: FIGURE_SELECT,
  });
  return rows.map(monthOf);
}

export async function getPublicProgress(communeId: number, today: Date = todayInVietnam()): Promise<PublicProgress> {
  const adultYear = today.getUTCFullYear() - 18;
  const [hh, families, adults, skills, classesHeld, peopleTrained, months, contest] = await Promise.all([
    db.$queryRaw<{ households: bigint; reached: bigint }[]>`
      SELECT count(*) AS households, count(last_visit_on) AS reached
      FROM household WHERE commune_id = ${communeId}`,
    db.$queryRaw<{ enrolled: bigint; digital: bigint }[]>`
      SELECT count(*) AS enrolled, count(*) FILTER (WHERE status IN ('digital', 'smart')) AS digital
      FROM digital_family WHERE commune_id = ${communeId}`,
    db.$queryRaw<{ adults: bigint }[]>`
      SELECT count(*) AS adults FROM member WHERE commune_id = ${communeId} AND birth_year <= ${adultYear}`,
    db.$queryRaw<{ key: string; name_vi: string; name_en: string; with_skill: bigint }[]>`
      SELECT s.key, s.name_vi, s.name_en, count(m.id) AS with_skill
      FROM skill s
      LEFT JOIN member_skill ms ON ms.skill_id = s.id AND ms.commune_id = ${communeId}
      LEFT JOIN member m ON m.id = ms.member_id AND m.commune_id = ${communeId} AND m.birth_year <= ${adultYear}
      WHERE s.commune_id = ${communeId} AND s.scope = 'member' AND s.active
      GROUP BY s.id ORDER BY s.sort_order, s.id`,
    db.trainingEvent.count({ where: { communeId, status: "held" } }),
    db.attendance.count({ where: { communeId, attended: true } }),
    getOnlineTrend(communeId),
    db.$queryRaw<{ name: string; participants: bigint }[]>`
      SELECT c.name, sum(r.participants) AS participants
      FROM contest_result r JOIN contest c ON c.id = r.contest_id
      WHERE r.commune_id = ${communeId}
      GROUP BY c.id, c.name, c.starts_on
      ORDER BY c.starts_on DESC, c.id DESC
      LIMIT 1`,
  ]);
  const adultCount = Number(adults[0]?.adults ?? 0);
  return {
    households: Number(hh[0]?.households ?? 0),
    householdsReached: Number(hh[0]?.reached ?? 0),
    familiesEnrolled: Number(families[0]?.enrolled ?? 0),
    digitalFamilies: Number(families[0]?.digital ?? 0),
    adults: adultCount,
    skills: skills.map((s) => {
      const withSkill = Number(s.with_skill);
      return {
        key: s.key,
        nameVi: s.name_vi,
        nameEn: s.name_en,
        withSkill,
        adults: adultCount,
        share: adultCount > 0 ? withSkill / adultCount : 0,
      };
    }),
    classesHeld,
    peopleTrained,
    onlineRate: months[0] ?? null,
    onlineTrend: months,
    contest: contest[0] ? { name: contest[0].name, participants: Number(contest[0].participants) } : null,
  };
}
