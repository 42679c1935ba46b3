// The official's dashboard and monthly report: every indicator of lib/indicators/registry.ts,
// for a period and the period before it, with the chart series. Everything is counted in
// PostgreSQL (one statement per group of indicators, run in parallel); JavaScript only shapes the
// aggregates it gets back. Every statement is scoped by the user's commune.
//
// No cache: each statement reads a few index ranges of one commune (commune_id leads every index
// used), with no join over the commune's visits or skills: household.first_reached_on and
// member_skill.birth_year are kept by triggers (migrations indicator_summaries and
// household_first_reached_on). A page costs tens of milliseconds even at city size (bench/city.ts),
// and a visit recorded a moment ago shows on the next load, well within the one-minute promise.
import { LRUCache } from "lru-cache";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { readDb } from "@/lib/db/reads";
import { addDays, todayInVietnam, vietnamDayStart } from "@/lib/format/dates";
import { ADULT_AGE } from "@/lib/families/status";
import { STALE_DAYS } from "@/lib/visits/rules";
import { isoOf, makePeriod, weekStart, type Period } from "@/lib/indicators/period";
import type { IndicatorKey, Window } from "@/lib/indicators/registry";

/** One side of a comparison: for a count, value = numerator; for a rate, numerator / denominator (null: no data). */
export type Measure = { value: number | null; numerator: number; denominator: number | null };

export type Figure = {
  key: IndicatorKey;
  current: Measure;
  previous: Measure;
  /** current − previous (for a rate, in rate points: 0.05 = 5 points); null when either has no data. */
  change: number | null;
  /** The target the figure is held against (sum of the branches' targets), or null. */
  target: number | null;
  /**
   * The part of the current value that counts toward the target: the families a branch adopted
   * (a family enrolled without a branch is in the value, not in any branch's target); null when no target.
   */
  towardTarget: number | null;
  window: Window;
  previousWindow: Window;
};

export type SkillFigure = Figure & { skillKey: string; nameVi: string; nameEn: string };

export type TopicRow = {
  key: string;
  nameVi: string;
  nameEn: string;
  classes: number;
  registrations: number;
  /** Confirmed registrations of held classes, and how many of them came. */
  heldRegistrations: number;
  attendedRegistrations: number;
  /** People marked present (walk-ins included). */
  trained: number;
};

export type OfficialDashboard = {
  commune: { name: string; province: string };
  period: Period;
  /** The day "not visited for 60 days" is counted from: the period's last day, or today if earlier. */
  asOf: Date;
  figures: Record<Exclude<IndicatorKey, "skill_adoption">, Figure>;
  skills: SkillFigure[];
  businessSkills: SkillFigure[];
  businesses: number;
  /** The commune's households, members and adults (on the period's last day): the rates' denominators. */
  population: { households: number; members: number; adults: number };
  /** Months overlapping the period, and those of them with application figures entered. */
  onlineMonths: { inPeriod: number; entered: number; previousInPeriod: number; previousEntered: number };
  charts: {
    visitsPerWeek: { week: string; visits: number }[];
    /** Adoption among adults at each month's end (or the period's end), per skill key; null: no adults. */
    skillTrend: { month: string; rates: Record<string, number | null> }[];
    funnel: { stage: "enrolled" | "in_progress" | "digital" | "smart"; families: number }[];
    topics: TopicRow[];
  };
};

const rate = (numerator: number, denominator: number): Measure => ({
  value: denominator > 0 ? numerator / denominator : null,
  numerator,
  denominator,
});
const count = (n: number): Measure => ({ value: n, numerator: n, denominator: null });
const num = (v: bigint | number | null | undefined) => Number(v ?? 0);

function figure(
  key: IndicatorKey,
  current: Measure,
  previous: Measure,
  window: Window,
  previousWindow: Window,
  target: { target: number; toward: number } | null = null,
): Figure {
  const change = current.value !== null && previous.value !== null ? current.value - previous.value : null;
  return {
    key,
    current,
    previous,
    change,
    target: target?.target ?? null,
    towardTarget: target?.toward ?? null,
    window,
    previousWindow,
  };
}

// Timestamps are stored in UTC; a Vietnamese day starts at 17:00 UTC the day before.
const dayStartUtc = (d: Date) => vietnamDayStart(d).toISOString();

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const monthsBetween = (from: Date, to: Date) =>
  (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth() + 1;

/** The longest trend a chart draws, whatever the period. */
const MAX_TREND_MONTHS = 36;
const MAX_TREND_WEEKS = 160;

/** Every indicator of the official's home for `period`, with the previous period and the charts. */
export async function getOfficialDashboard(
  user: CurrentUser,
  period: Period,
  today: Date = todayInVietnam(),
): Promise<OfficialDashboard> {
  requireCan(user, "indicators:read");
  return computeIndicators(communeOf(user), period, today, { charts: true });
}

/** The day the program's cumulative public figures count from (the earliest day a period may start). */
export const PROGRAM_START = new Date("2000-01-01T00:00:00.000Z");

type PublicIndicators = Pick<OfficialDashboard, "figures" | "skills" | "asOf" | "population">;

/**
 * How long the public pages' figures are kept: anyone may load / and /progress, as often as they
 * like, and counting from the program's start costs tens of milliseconds each time; a visit
 * recorded now shows there within a minute (issue 17: at most 60 s stale). Counted once however
 * many requests ask at the same time; never served older than this (no stale-while-revalidate:
 * after a quiet hour, the first visitor waits for a fresh count rather than reading an old one).
 */
export const PUBLIC_FIGURES_TTL_MS = 60_000;

const publicIndicators = new LRUCache<string, PublicIndicators, { communeId: number; today: Date }>({
  max: 16,
  ttl: PUBLIC_FIGURES_TTL_MS,
  fetchMethod: async (_key, _stale, { context: { communeId, today } }) => {
    const { figures, skills, asOf, population } = await computeIndicators(
      communeId,
      makePeriod(PROGRAM_START, today, today),
      today,
      {
        charts: false,
      },
    );
    return { figures, skills, asOf, population };
  },
});

/**
 * The commune's public progress: the aggregate indicators (counts and rates, never a person) from
 * the program's start to today, computed by the same statements as the official's dashboard and
 * kept for PUBLIC_FIGURES_TTL_MS. For the public pages (/, /progress), which take the commune from
 * the portal's configuration.
 */
export async function getPublicIndicators(communeId: number, today: Date = todayInVietnam()): Promise<PublicIndicators> {
  const found = await publicIndicators.fetch(`${communeId}:${isoOf(today)}`, { context: { communeId, today } });
  if (!found) throw new Error("public indicators: no value");
  return found;
}

/** Drops the kept figures, so the next call counts again (tests that change the data). */
export function forgetPublicIndicators(): void {
  publicIndicators.clear();
}

export type MonthRate = { month: Date; total: number; online: number; rate: number | null };

/**
 * The online-application rate of each month with figures entered, newest first: the latest month
 * that has figures and the `months − 1` months before it. Each month's rate is the online_rate
 * indicator over that one month (online ÷ total; null when no application was filed).
 */
export async function getOnlineRateTrend(communeId: number, months = 6): Promise<MonthRate[]> {
  const rows = await readDb.$queryRaw<{ month: Date; total: number; online: number }[]>`
    WITH latest AS (SELECT max(month) AS m FROM admin_figure WHERE commune_id = ${communeId})
    SELECT f.month, f.applications_total AS total, f.applications_online AS online
    FROM admin_figure f, latest
    WHERE f.commune_id = ${communeId} AND f.month > (latest.m - make_interval(months => ${months}::int))::date
    ORDER BY f.month DESC`;
  return rows.map((r) => ({
    month: r.month,
    total: num(r.total),
    online: num(r.online),
    rate: rate(num(r.online), num(r.total)).value,
  }));
}

/** Every indicator of commune `c` for `period` (no access check: callers check the user first). */
async function computeIndicators(c: number, period: Period, today: Date, opts: { charts: boolean }): Promise<OfficialDashboard> {
  // A running period counts to today (period.through), its comparison cut alike (makePeriod).
  const { from, through: to, prevFrom, prevTo } = period;
  const window = { from, to };
  const previousWindow = { from: prevFrom, to: prevTo };
  // Ages from birth years: a person is an adult in the years from the one they turn 18.
  const cutoff = to.getUTCFullYear() - ADULT_AGE;
  const prevCutoff = prevTo.getUTCFullYear() - ADULT_AGE;
  const asOf = to < today ? to : today;
  const prevAsOf = prevTo < today ? prevTo : today;
  // The week holding asOf, from its Monday to asOf, against the same weekdays of the week before
  // (like for like, as makePeriod cuts a running month): a range ending on a Wednesday compares
  // Monday–Wednesday with Monday–Wednesday, never three days with seven.
  const week = { from: weekStart(asOf), to: asOf };
  const prevWeek = { from: addDays(week.from, -7), to: addDays(asOf, -7) };
  const [d, pd, f, pf] = [isoOf(to), isoOf(prevTo), isoOf(from), isoOf(prevFrom)];
  const [a, pa] = [isoOf(asOf), isoOf(prevAsOf)];
  const visitsSince = isoOf(
    new Date(Math.min(prevFrom.getTime(), prevWeek.from.getTime(), addDays(prevAsOf, -STALE_DAYS).getTime())),
  );

  const trendFirst = monthStart(
    new Date(
      Math.max(
        Math.min(from.getTime(), Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1)),
        Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - (MAX_TREND_MONTHS - 1), 1),
      ),
    ),
  );
  // The weekly chart ends with the week holding the period's last day that has come (asOf): a week
  // still to come has no figure, and drawing it as 0 would read as a week without visits.
  const weeksFirst = new Date(
    Math.max(
      Math.min(weekStart(from).getTime(), addDays(weekStart(asOf), -7 * 11).getTime()),
      addDays(weekStart(asOf), -7 * (MAX_TREND_WEEKS - 1)).getTime(),
    ),
  );

  const [commune, reach, visits, families, skills, trend, weeks, topics, business, businessSkills, figures] = await Promise.all([
    readDb.commune.findUniqueOrThrow({ where: { id: c }, select: { name: true, province: true } }),
    // Reached: households met and helped on or before the day (household.first_reached_on, kept by
    // a trigger on visit: REACHED_OUTCOMES); people: the members of those households.
    readDb.$queryRaw<
      {
        households: bigint;
        members: bigint;
        adults: bigint;
        adults_prev: bigint;
        reached: bigint;
        reached_prev: bigint;
        people: bigint;
        people_prev: bigint;
      }[]
    >`
      SELECT h.households, h.reached, h.reached_prev, m.members, m.adults, m.adults_prev, m.people, m.people_prev
      FROM (SELECT count(*) AS households,
                   count(*) FILTER (WHERE first_reached_on <= ${d}::date) AS reached,
                   count(*) FILTER (WHERE first_reached_on <= ${pd}::date) AS reached_prev
            FROM household WHERE commune_id = ${c}) h,
           (SELECT count(*) AS members,
                   count(*) FILTER (WHERE m.birth_year <= ${cutoff}) AS adults,
                   count(*) FILTER (WHERE m.birth_year <= ${prevCutoff}) AS adults_prev,
                   count(*) FILTER (WHERE hh.first_reached_on <= ${d}::date) AS people,
                   count(*) FILTER (WHERE hh.first_reached_on <= ${pd}::date) AS people_prev
            FROM member m JOIN household hh ON hh.id = m.household_id AND hh.commune_id = ${c}
            WHERE m.commune_id = ${c}) m`,
    readDb.$queryRaw<{ cur: bigint; prev: bigint; week: bigint; prev_week: bigint; recent: bigint; recent_prev: bigint }[]>`
      SELECT count(*) FILTER (WHERE visited_on BETWEEN ${f}::date AND ${d}::date) AS cur,
             count(*) FILTER (WHERE visited_on BETWEEN ${pf}::date AND ${pd}::date) AS prev,
             count(*) FILTER (WHERE visited_on BETWEEN ${isoOf(week.from)}::date AND ${isoOf(week.to)}::date) AS week,
             count(*) FILTER (WHERE visited_on BETWEEN ${isoOf(prevWeek.from)}::date AND ${isoOf(prevWeek.to)}::date) AS prev_week,
             count(DISTINCT household_id) FILTER (WHERE visited_on BETWEEN ${a}::date - ${STALE_DAYS}::int AND ${a}::date) AS recent,
             count(DISTINCT household_id) FILTER (WHERE visited_on BETWEEN ${pa}::date - ${STALE_DAYS}::int AND ${pa}::date) AS recent_prev
      FROM visit WHERE commune_id = ${c} AND visited_on >= ${visitsSince}::date AND visited_on <= ${d}::date`,
    // A stage's date is set when the family reaches it and cleared if it falls back, so "reached by
    // day X" is "date ≤ X". A family that has since fallen back is not counted for earlier days either.
    readDb.$queryRaw<
      {
        target: bigint | null;
        enrolled: bigint;
        enrolled_adopted: bigint;
        enrolled_prev: bigint;
        in_progress: bigint;
        certified: bigint;
        certified_adopted: bigint;
        certified_prev: bigint;
        smart: bigint;
      }[]
    >`
      SELECT (SELECT sum(target_families) FROM youth_branch WHERE commune_id = ${c}) AS target,
             count(*) FILTER (WHERE enrolled_on <= ${d}::date) AS enrolled,
             count(*) FILTER (WHERE enrolled_on <= ${d}::date AND branch_id IS NOT NULL) AS enrolled_adopted,
             count(*) FILTER (WHERE enrolled_on <= ${pd}::date) AS enrolled_prev,
             count(*) FILTER (WHERE in_progress_on <= ${d}::date) AS in_progress,
             count(*) FILTER (WHERE digital_on <= ${d}::date) AS certified,
             count(*) FILTER (WHERE digital_on <= ${d}::date AND branch_id IS NOT NULL) AS certified_adopted,
             count(*) FILTER (WHERE digital_on <= ${pd}::date) AS certified_prev,
             count(*) FILTER (WHERE smart_on <= ${d}::date) AS smart
      FROM digital_family WHERE commune_id = ${c}`,
    readDb.$queryRaw<{ key: string; name_vi: string; name_en: string; cur: bigint; prev: bigint }[]>`
      WITH a AS MATERIALIZED (
        SELECT skill_id,
               count(*) FILTER (WHERE acquired_on <= ${d}::date AND birth_year <= ${cutoff}) AS cur,
               count(*) FILTER (WHERE acquired_on <= ${pd}::date AND birth_year <= ${prevCutoff}) AS prev
        FROM member_skill WHERE commune_id = ${c} AND acquired_on <= ${d}::date
        GROUP BY skill_id)
      SELECT s.key, s.name_vi, s.name_en, coalesce(a.cur, 0) AS cur, coalesce(a.prev, 0) AS prev
      FROM skill s LEFT JOIN a ON a.skill_id = s.id
      WHERE s.commune_id = ${c} AND s.scope = 'member' AND s.active
      ORDER BY s.sort_order, s.id`,
    // Adoption per month: skills grouped by (skill, month acquired, birth year) in one pass
    // (member_skill.birth_year is the member's, kept by a trigger), summed per adult cutoff (one per
    // calendar year the trend spans), then up to each month's end (or the period's last day).
    !opts.charts
      ? Promise.resolve([])
      : readDb.$queryRaw<{ month: string; key: string; with_skill: bigint; adults: bigint }[]>`
      WITH months AS (
        SELECT mo::date AS mon, to_char(mo, 'YYYY-MM') AS month, extract(year FROM mo)::int - ${ADULT_AGE} AS cutoff
        FROM generate_series(${isoOf(trendFirst)}::timestamp, ${d}::timestamp, interval '1 month') mo),
      g AS MATERIALIZED (
        SELECT skill_id, greatest(date_trunc('month', acquired_on::timestamp)::date, ${isoOf(trendFirst)}::date) AS mon,
               birth_year, count(*) AS n
        FROM member_skill WHERE commune_id = ${c} AND acquired_on <= ${d}::date
        GROUP BY 1, 2, 3),
      gc AS MATERIALIZED (
        SELECT g.skill_id, g.mon, y.cutoff, sum(g.n) AS n
        FROM g JOIN (SELECT DISTINCT cutoff FROM months) y ON g.birth_year <= y.cutoff
        GROUP BY 1, 2, 3),
      ages AS MATERIALIZED (SELECT birth_year, count(*) AS n FROM member WHERE commune_id = ${c} GROUP BY birth_year),
      adults AS MATERIALIZED (
        SELECT mo.mon, coalesce(sum(ages.n), 0) AS n FROM months mo LEFT JOIN ages ON ages.birth_year <= mo.cutoff GROUP BY mo.mon)
      SELECT mo.month, s.key, coalesce(sum(gc.n), 0) AS with_skill, min(ad.n) AS adults
      FROM months mo JOIN adults ad ON ad.mon = mo.mon
      CROSS JOIN skill s
      LEFT JOIN gc ON gc.skill_id = s.id AND gc.cutoff = mo.cutoff AND gc.mon <= mo.mon
      WHERE s.commune_id = ${c} AND s.scope = 'member' AND s.active
      GROUP BY mo.mon, mo.month, s.id, s.key, s.sort_order
      ORDER BY mo.mon, s.sort_order, s.id`,
    !opts.charts
      ? Promise.resolve([])
      : readDb.$queryRaw<{ week: string; visits: bigint }[]>`
      SELECT to_char(w, 'YYYY-MM-DD') AS week, count(v.id) AS visits
      FROM generate_series(${isoOf(weeksFirst)}::timestamp, ${a}::timestamp, interval '1 week') w
      LEFT JOIN visit v ON v.commune_id = ${c} AND v.visited_on >= w::date AND v.visited_on < (w + interval '7 days')::date
        AND v.visited_on <= ${a}::date
      GROUP BY w ORDER BY w`,
    // Classes by their start in Vietnam time; cancelled classes count for nothing.
    readDb.$queryRaw<
      {
        key: string;
        name_vi: string;
        name_en: string;
        cur: boolean;
        classes: bigint;
        registrations: bigint;
        held_registrations: bigint;
        attended_registrations: bigint;
        trained: bigint;
      }[]
    >`
      WITH ev AS (
        SELECT e.id, e.topic_id, e.status = 'held' AS held, e.starts_at >= ${dayStartUtc(from)}::timestamp AS cur
        FROM training_event e
        WHERE e.commune_id = ${c} AND e.status <> 'cancelled'
          AND e.starts_at >= ${dayStartUtc(prevFrom)}::timestamp AND e.starts_at < ${dayStartUtc(addDays(to, 1))}::timestamp)
      SELECT t.key, t.name_vi, t.name_en, ev.cur,
             count(*) FILTER (WHERE ev.held) AS classes,
             coalesce(sum(r.n), 0) AS registrations,
             coalesce(sum(r.n) FILTER (WHERE ev.held), 0) AS held_registrations,
             coalesce(sum(r.attended) FILTER (WHERE ev.held), 0) AS attended_registrations,
             coalesce(sum(p.n) FILTER (WHERE ev.held), 0) AS trained
      FROM ev JOIN training_topic t ON t.id = ev.topic_id
      LEFT JOIN LATERAL (
        SELECT count(*) AS n, count(*) FILTER (WHERE at.attended) AS attended
        FROM registration rg LEFT JOIN attendance at ON at.registration_id = rg.id
        WHERE rg.event_id = ev.id AND rg.status = 'confirmed') r ON true
      LEFT JOIN LATERAL (SELECT count(*) AS n FROM attendance pa WHERE pa.event_id = ev.id AND pa.attended) p ON true
      GROUP BY t.id, ev.cur ORDER BY t.sort_order, t.id`,
    readDb.$queryRaw<{ businesses: bigint; cur: bigint; prev: bigint }[]>`
      SELECT (SELECT count(*) FROM household_business WHERE commune_id = ${c}) AS businesses,
             count(DISTINCT bs.business_id) FILTER (WHERE bs.acquired_on <= ${d}::date) AS cur,
             count(DISTINCT bs.business_id) FILTER (WHERE bs.acquired_on <= ${pd}::date) AS prev
      FROM business_skill bs JOIN skill s ON s.id = bs.skill_id AND s.active
      WHERE bs.commune_id = ${c}`,
    readDb.$queryRaw<{ key: string; name_vi: string; name_en: string; cur: bigint; prev: bigint }[]>`
      WITH a AS MATERIALIZED (
        SELECT skill_id,
               count(*) FILTER (WHERE acquired_on <= ${d}::date) AS cur,
               count(*) FILTER (WHERE acquired_on <= ${pd}::date) AS prev
        FROM business_skill WHERE commune_id = ${c} AND acquired_on <= ${d}::date
        GROUP BY skill_id)
      SELECT s.key, s.name_vi, s.name_en, coalesce(a.cur, 0) AS cur, coalesce(a.prev, 0) AS prev
      FROM skill s LEFT JOIN a ON a.skill_id = s.id
      WHERE s.commune_id = ${c} AND s.scope = 'business' AND s.active
      ORDER BY s.sort_order, s.id`,
    // Entered monthly figures: the months overlapping each period that have figures.
    readDb.$queryRaw<
      {
        months: bigint;
        total: bigint | null;
        online: bigint | null;
        months_prev: bigint;
        total_prev: bigint | null;
        online_prev: bigint | null;
      }[]
    >`
      SELECT count(*) FILTER (WHERE month >= ${isoOf(monthStart(from))}::date) AS months,
             sum(applications_total) FILTER (WHERE month >= ${isoOf(monthStart(from))}::date) AS total,
             sum(applications_online) FILTER (WHERE month >= ${isoOf(monthStart(from))}::date) AS online,
             count(*) FILTER (WHERE month <= ${pd}::date) AS months_prev,
             sum(applications_total) FILTER (WHERE month <= ${pd}::date) AS total_prev,
             sum(applications_online) FILTER (WHERE month <= ${pd}::date) AS online_prev
      FROM admin_figure
      WHERE commune_id = ${c} AND month >= ${isoOf(monthStart(prevFrom))}::date AND month <= ${d}::date`,
  ]);

  const r = reach[0];
  const households = num(r?.households);
  const members = num(r?.members);
  const adults = num(r?.adults);
  const adultsPrev = num(r?.adults_prev);
  const v = visits[0];
  const fam = families[0];
  const target = fam?.target === null || fam?.target === undefined ? 0 : num(fam.target);
  const asOfWindow = { from: asOf, to: asOf };
  const prevAsOfWindow = { from: prevAsOf, to: prevAsOf };

  const topicsCur = topics.filter((t) => t.cur);
  const topicsPrev = topics.filter((t) => !t.cur);
  const sumOf = (
    rows: typeof topics,
    k: "classes" | "registrations" | "held_registrations" | "attended_registrations" | "trained",
  ) => rows.reduce((s, t) => s + num(t[k]), 0);

  const b = business[0];
  const businesses = num(b?.businesses);
  const fig = figures[0];
  const onlineCur = fig && num(fig.months) > 0 ? rate(num(fig.online), num(fig.total)) : rate(0, 0);
  const onlinePrev = fig && num(fig.months_prev) > 0 ? rate(num(fig.online_prev), num(fig.total_prev)) : rate(0, 0);

  const perSkill = (key: IndicatorKey, rows: typeof skills, den: number, denPrev: number): SkillFigure[] =>
    rows.map((s) => ({
      ...figure(key, rate(num(s.cur), den), rate(num(s.prev), denPrev), window, previousWindow),
      skillKey: s.key,
      nameVi: s.name_vi,
      nameEn: s.name_en,
    }));

  const trendByMonth = new Map<string, Record<string, number | null>>();
  for (const t of trend) {
    const rates = trendByMonth.get(t.month) ?? {};
    rates[t.key] = num(t.adults) > 0 ? num(t.with_skill) / num(t.adults) : null;
    trendByMonth.set(t.month, rates);
  }

  const topicRows = new Map<string, TopicRow>();
  for (const t of topicsCur) {
    topicRows.set(t.key, {
      key: t.key,
      nameVi: t.name_vi,
      nameEn: t.name_en,
      classes: num(t.classes),
      registrations: num(t.registrations),
      heldRegistrations: num(t.held_registrations),
      attendedRegistrations: num(t.attended_registrations),
      trained: num(t.trained),
    });
  }

  return {
    commune,
    period,
    asOf,
    figures: {
      households_reached: figure(
        "households_reached",
        rate(num(r?.reached), households),
        rate(num(r?.reached_prev), households),
        window,
        previousWindow,
      ),
      people_reached: figure(
        "people_reached",
        rate(num(r?.people), members),
        rate(num(r?.people_prev), members),
        window,
        previousWindow,
      ),
      families_enrolled: figure(
        "families_enrolled",
        count(num(fam?.enrolled)),
        count(num(fam?.enrolled_prev)),
        window,
        previousWindow,
        { target, toward: num(fam?.enrolled_adopted) },
      ),
      families_certified: figure(
        "families_certified",
        count(num(fam?.certified)),
        count(num(fam?.certified_prev)),
        window,
        previousWindow,
        { target, toward: num(fam?.certified_adopted) },
      ),
      households_unvisited: figure(
        "households_unvisited",
        count(households - num(v?.recent)),
        count(households - num(v?.recent_prev)),
        asOfWindow,
        prevAsOfWindow,
      ),
      visits: figure("visits", count(num(v?.cur)), count(num(v?.prev)), window, previousWindow),
      visits_week: figure("visits_week", count(num(v?.week)), count(num(v?.prev_week)), week, prevWeek),
      classes_held: figure(
        "classes_held",
        count(sumOf(topicsCur, "classes")),
        count(sumOf(topicsPrev, "classes")),
        window,
        previousWindow,
      ),
      registrations: figure(
        "registrations",
        count(sumOf(topicsCur, "registrations")),
        count(sumOf(topicsPrev, "registrations")),
        window,
        previousWindow,
      ),
      attendance_rate: figure(
        "attendance_rate",
        rate(sumOf(topicsCur, "attended_registrations"), sumOf(topicsCur, "held_registrations")),
        rate(sumOf(topicsPrev, "attended_registrations"), sumOf(topicsPrev, "held_registrations")),
        window,
        previousWindow,
      ),
      people_trained: figure(
        "people_trained",
        count(sumOf(topicsCur, "trained")),
        count(sumOf(topicsPrev, "trained")),
        window,
        previousWindow,
      ),
      business_adoption: figure(
        "business_adoption",
        rate(num(b?.cur), businesses),
        rate(num(b?.prev), businesses),
        window,
        previousWindow,
      ),
      online_rate: figure("online_rate", onlineCur, onlinePrev, window, previousWindow),
    },
    skills: perSkill("skill_adoption", skills, adults, adultsPrev),
    businessSkills: perSkill("business_adoption", businessSkills, businesses, businesses),
    businesses,
    population: { households, members, adults },
    onlineMonths: {
      inPeriod: monthsBetween(from, to),
      entered: num(fig?.months),
      previousInPeriod: monthsBetween(prevFrom, prevTo),
      previousEntered: num(fig?.months_prev),
    },
    charts: {
      visitsPerWeek: weeks.map((w) => ({ week: w.week, visits: num(w.visits) })),
      skillTrend: [...trendByMonth].map(([month, rates]) => ({ month, rates })),
      funnel: [
        { stage: "enrolled", families: num(fam?.enrolled) },
        { stage: "in_progress", families: num(fam?.in_progress) },
        { stage: "digital", families: num(fam?.certified) },
        { stage: "smart", families: num(fam?.smart) },
      ],
      topics: [...topicRows.values()],
    },
  };
}
