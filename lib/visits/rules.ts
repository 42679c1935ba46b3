// The program's rules for visits, in one place so that the form, the lib and the tests agree.
import type { CurrentUser } from "@/lib/auth/user";
import type { Role, VisitOutcome } from "@/lib/generated/prisma/enums";
import { addDays } from "@/lib/format/dates";

/** Who may record a visit (the `visits` area): field roles and the commune's administrator. */
export const VISIT_ROLES = ["volunteer", "branch_leader", "admin"] as const satisfies readonly Role[];
/** Who may correct any visit of their commune, at any time. */
export const CORRECTOR_ROLES = ["branch_leader", "admin"] as const satisfies readonly Role[];

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
export const FOLLOW_UP_OUTCOMES: readonly VisitOutcome[] = ["needs_police", "not_home"];
export const FOLLOW_UP_DAYS = 7;

/** A volunteer may fix their own visit for this long after recording it. */
export const EDIT_WINDOW_HOURS = 24;
/** How far back a visit may be dated (a volunteer recording a Saturday's visits a few days late). */
export const MAX_BACKDATE_DAYS = 31;
export const NOTES_MAX = 1000;

// The visits lib imports it from here with the rules it serves; it is defined in lib/format/dates.ts.
export { addDays };

export function followUpFor(outcome: VisitOutcome, visitedOn: Date): Date | null {
  return FOLLOW_UP_OUTCOMES.includes(outcome) ? addDays(visitedOn, FOLLOW_UP_DAYS) : null;
}

export function withinEditWindow(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < EDIT_WINDOW_HOURS * 3_600_000;
}

/** Whether the user may correct this visit now: their own for 24 hours; a leader or admin, any. */
export function mayCorrectVisit(user: CurrentUser, visit: { volunteerId: number; createdAt: Date }, now: Date): boolean {
  if ((CORRECTOR_ROLES as readonly string[]).includes(user.role)) return true;
  return visit.volunteerId === user.id && withinEditWindow(visit.createdAt, now);
}
