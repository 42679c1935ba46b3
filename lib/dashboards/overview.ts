// Headline figures. Counting happens in SQL; nothing here loads rows into JavaScript to count them.
import { db } from "@/lib/db";
import { communeOf, requireRole, type CurrentUser } from "@/lib/auth/user";
import { todayInVietnam } from "@/lib/format/dates";
import { getPublicIndicators } from "@/lib/indicators/queries";

const STAFF = ["official", "admin"] as const;

export type SkillAdoption = { key: string; nameVi: string; nameEn: string; adults: number; withSkill: number };

export type CommuneOverview = {
  households: number;
  members: number;
  adults: number;
  householdsVisited: number;
  neverVisited: number;
  notVisited60: number;
  visits30: number;
  families: Record<"enrolled" | "in_progress" | "digital" | "smart", number>;
  skills: SkillAdoption[];
  upcomingClasses: number;
  onlineRate: { month: Date; total: number; online: number } | null;
};

/**
 * @deprecated The official's home now reads lib/indicators/queries.ts getOfficialDashboard (the
 * indicator registry, with periods). Kept for its callers outside the app (access tests, bench).
 */
export async function getCommuneOverview(user: CurrentUser): Promise<CommuneOverview> {
  requireRole(user, STAFF);
  const communeId = communeOf(user);
  const today = todayInVietnam();
  const adultYear = today.getUTCFullYear() - 18;
  const since60 = new Date(today.getTime() - 60 * 86_400_000);
  const since30 = new Date(today.getTime() - 30 * 86_400_000);

  const [hh, people, visits30, families, skills, upcomingClasses, figure] = await Promise.all([
    db.$queryRaw<{ households: bigint; visited: bigint; never: bigint; stale: bigint }[]>`
      SELECT count(*) AS households,
             count(last_visit_on) AS visited,
             count(*) FILTER (WHERE last_visit_on IS NULL) AS never,
             count(*) FILTER (WHERE last_visit_on < ${since60}::date) AS stale
      FROM household WHERE commune_id = ${communeId}`,
    db.$queryRaw<{ members: bigint; adults: bigint }[]>`
      SELECT count(*) AS members, count(*) FILTER (WHERE birth_year <= ${adultYear}) AS adults
      FROM member WHERE commune_id = ${communeId}`,
    db.visit.count({ where: { communeId, visitedOn: { gte: since30 } } }),
    db.digitalFamily.groupBy({ by: ["status"], where: { communeId }, _count: { _all: true } }),
    db.$queryRaw<{ key: string; name_vi: string; name_en: string; with_skill: bigint }[]>`
      SELECT s.key, s.name_vi, s.name_en, count(m.id) AS with_skill
      FROM skill s
      LEFT JOIN member_skill ms ON ms.skill_id = s.id
      LEFT JOIN member m ON m.id = ms.member_id AND m.birth_year <= ${adultYear}
      WHERE s.commune_id = ${communeId} AND s.scope = 'member' AND s.active
      GROUP BY s.id ORDER BY s.sort_order`,
    db.trainingEvent.count({ where: { communeId, status: "scheduled", startsAt: { gte: new Date() } } }),
    db.adminFigure.findFirst({ where: { communeId }, orderBy: { month: "desc" } }),
  ]);

  const adults = Number(people[0]?.adults ?? 0);
  const byStatus = Object.fromEntries(families.map((f) => [f.status, f._count._all]));
  return {
    households: Number(hh[0]?.households ?? 0),
    householdsVisited: Number(hh[0]?.visited ?? 0),
    neverVisited: Number(hh[0]?.never ?? 0),
    notVisited60: Number(hh[0]?.stale ?? 0),
    members: Number(people[0]?.members ?? 0),
    adults,
    visits30,
    families: {
      enrolled: byStatus.enrolled ?? 0,
      in_progress: byStatus.in_progress ?? 0,
      digital: byStatus.digital ?? 0,
      smart: byStatus.smart ?? 0,
    },
    skills: skills.map((s) => ({ key: s.key, nameVi: s.name_vi, nameEn: s.name_en, adults, withSkill: Number(s.with_skill) })),
    upcomingClasses,
    onlineRate: figure ? { month: figure.month, total: figure.applicationsTotal, online: figure.applicationsOnline } : null,
  };
}

export type PublicHeadline = {
  communeName: string;
  householdsReached: number;
  digitalFamilies: number;
  peopleTrained: number;
  upcomingClasses: number;
};

/**
 * The commune's headline progress for anyone: aggregates only, no personal data. The figures are
 * lib/indicators' public indicators (the same as /progress and the official's dashboard).
 */
export async function getPublicHeadline(
  communeId: number,
  communeName: string,
  today: Date = todayInVietnam(),
): Promise<PublicHeadline> {
  const [{ figures }, upcomingClasses] = await Promise.all([
    getPublicIndicators(communeId, today),
    db.trainingEvent.count({ where: { communeId, status: "scheduled", startsAt: { gte: new Date() } } }),
  ]);
  return {
    communeName,
    householdsReached: figures.households_reached.current.numerator,
    digitalFamilies: figures.families_certified.current.numerator,
    peopleTrained: figures.people_trained.current.numerator,
    upcomingClasses,
  };
}
