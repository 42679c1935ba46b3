// The commune's progress for anyone (/progress): aggregates only, never personal data. The
// figures are the indicators of lib/indicators (the official's dashboard's statements, from the
// program's start to today), so a figure is counted one way wherever it shows.
import { readDb } from "@/lib/db/reads";
import { todayInVietnam } from "@/lib/format/dates";
import { getOnlineRateTrend, getPublicIndicators, type MonthRate } from "@/lib/indicators/queries";

export type PublicSkillShare = { key: string; nameVi: string; nameEn: string; withSkill: number; adults: number; share: number };
export type PublicMonth = MonthRate;

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

export async function getPublicProgress(communeId: number, today: Date = todayInVietnam()): Promise<PublicProgress> {
  const [{ figures: f, skills, population }, months, contest] = await Promise.all([
    getPublicIndicators(communeId, today),
    getOnlineRateTrend(communeId, 6),
    readDb.$queryRaw<{ name: string; participants: bigint }[]>`
      SELECT c.name, sum(r.participants) AS participants
      FROM contest_result r JOIN contest c ON c.id = r.contest_id
      WHERE r.commune_id = ${communeId}
      GROUP BY c.id, c.name, c.starts_on
      ORDER BY c.starts_on DESC, c.id DESC
      LIMIT 1`,
  ]);
  const reached = f.households_reached.current;
  const adults = population.adults;
  return {
    households: population.households,
    householdsReached: reached.numerator,
    familiesEnrolled: f.families_enrolled.current.numerator,
    digitalFamilies: f.families_certified.current.numerator,
    adults,
    skills: skills.map((s) => ({
      key: s.skillKey,
      nameVi: s.nameVi,
      nameEn: s.nameEn,
      withSkill: s.current.numerator,
      adults,
      share: s.current.value ?? 0,
    })),
    classesHeld: f.classes_held.current.numerator,
    peopleTrained: f.people_trained.current.numerator,
    onlineRate: months[0] ?? null,
    onlineTrend: months,
    contest: contest[0] ? { name: contest[0].name, participants: Number(contest[0].participants) } : null,
  };
}
