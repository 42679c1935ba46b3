// A volunteer's own month: the visits they recorded, the households those visits helped, and the
// member skills their visits activated (member_skill rows whose visit is theirs: a skill someone
// already had is not activated again, and a corrected visit gives its skills back).
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { db } from "@/lib/db";
import { thisMonth } from "@/lib/drilldown/period";
import type { DateRange } from "@/lib/indicators/period";

export type ActivatedSkill = { key: string; nameVi: string; nameEn: string; count: number };

export type VolunteerMonth = {
  month: DateRange;
  visits: number;
  households: number;
  skillsActivated: number;
  bySkill: ActivatedSkill[];
  lastVisitOn: Date | null;
};

/** The signed-in volunteer's (or branch leader's) own figures for this month, Vietnam time. */
export async function getMyVolunteerMonth(user: CurrentUser, now: Date = new Date()): Promise<VolunteerMonth> {
  requireCan(user, "field:work");
  const communeId = communeOf(user);
  const month = thisMonth(now);
  const [[totals], bySkill] = await Promise.all([
    db.$queryRaw<{ visits: number; households: number; last: Date | null }[]>`
      SELECT count(*) FILTER (WHERE visited_on >= ${month.from}::date AND visited_on <= ${month.to}::date)::int AS visits,
             count(DISTINCT household_id) FILTER (WHERE visited_on >= ${month.from}::date AND visited_on <= ${month.to}::date)::int
               AS households,
             max(visited_on) AS last
      FROM visit WHERE commune_id = ${communeId} AND volunteer_id = ${user.id}`,
    db.$queryRaw<{ key: string; nameVi: string; nameEn: string; count: number }[]>`
      SELECT s.key, s.name_vi AS "nameVi", s.name_en AS "nameEn", count(*)::int AS count
      FROM visit v
      -- Through the visit's items (indexed by visit) to the member skill's primary key: every
      -- skill a visit gives is one of its items, and member_skill has no index on visit_id.
      JOIN visit_item vi ON vi.visit_id = v.id AND vi.member_id IS NOT NULL
      JOIN member_skill ms ON ms.member_id = vi.member_id AND ms.skill_id = vi.skill_id AND ms.visit_id = v.id
      JOIN skill s ON s.id = ms.skill_id
      WHERE v.commune_id = ${communeId} AND v.volunteer_id = ${user.id}
        AND v.visited_on >= ${month.from}::date AND v.visited_on <= ${month.to}::date
      GROUP BY s.id
      ORDER BY s.sort_order, s.id`,
  ]);
  return {
    month,
    visits: totals?.visits ?? 0,
    households: totals?.households ?? 0,
    skillsActivated: bySkill.reduce((n, s) => n + s.count, 0),
    bySkill,
    lastVisitOn: totals?.last ?? null,
  };
}
