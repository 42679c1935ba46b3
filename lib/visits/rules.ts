// The program's rules for visits, in one place so that the form, the lib and the tests agree.
import { can } from "@/lib/auth/capabilities";
import type { CurrentUser } from "@/lib/auth/user";
import type { VisitOutcome } from "@/lib/generated/prisma/enums";
import { addDays } from "@/lib/format/dates";

export const OUTCOMES = [
  "done",
  "needs_police",
  "not_home",
  "no_smartphone",
  "declined",
] as const satisfies readonly VisitOutcome[];

/**
 * Outcomes that call for another visit, which is then scheduled on the household automatically:
 * level-2 e-ID needs identity checks at the commune police (the volunteer comes back to finish
 * the rest once that is done), and nobody at home means the work is still to do. A household
 * with no smartphone needs a device first, and a refusal is respected: neither is chased by a
 * follow-up (a volunteer can still plan one by hand on a later visit).
 */
/**
 * Outcomes where the household was met and helped: the first such visit makes it "reached"
 * (household.first_reached_on, kept by a trigger that lists the same outcomes: migration
 * household_first_reached_on). Nobody at home, or a refusal, is a visit but not a reach.
 */
export const REACHED_OUTCOMES: readonly VisitOutcome[] = ["done", "needs_police", "no_smartphone"];

/** A household whose last visit is older than this many days (before the day counted from) is "not visited for 60 days". */
export const STALE_DAYS = 60;

export const FOLLOW_UP_OUTCOMES: readonly VisitOutcome[] = ["needs_police", "not_home"];
export const FOLLOW_UP_DAYS = 7;

/** A volunteer may fix their own visit for this long after recording it. */
export const EDIT_WINDOW_HOURS = 24;
/** How far back a visit may be dated (a volunteer recording a Saturday's visits a few days late). */
export const MAX_BACKDATE_DAYS = 31;
export const NOTES_MAX = 1000;

export function followUpFor(outcome: VisitOutcome, visitedOn: Date): Date | null {
  return FOLLOW_UP_OUTCOMES.includes(outcome) ? addDays(visitedOn, FOLLOW_UP_DAYS) : null;
}

export function withinEditWindow(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < EDIT_WINDOW_HOURS * 3_600_000;
}

/**
 * Why the user may not correct this visit now, or null when they may: anyone holding
 * "visit:correct" (a leader or admin) any visit, at any time; its recorder for 24 hours
 * ("editWindowClosed" after that); nobody else ("notRecorder").
 */
export function correctionRefusal(
  user: CurrentUser,
  visit: { volunteerId: number; createdAt: Date },
  now: Date,
): null | "notRecorder" | "editWindowClosed" {
  if (can(user, "visit:correct")) return null;
  if (visit.volunteerId !== user.id) return "notRecorder";
  return withinEditWindow(visit.createdAt, now) ? null : "editWindowClosed";
}

/** Whether the user may correct this visit now (correctionRefusal says why not). */
export function mayCorrectVisit(user: CurrentUser, visit: { volunteerId: number; createdAt: Date }, now: Date): boolean {
  return correctionRefusal(user, visit, now) === null;
}
