import { Refusal } from "@/lib/validation/refusal";

/**
 * A visit the lib refuses for a reason the person can fix (a date in the future, a member of
 * another household, a stale form): a Refusal (lib/validation/refusal.ts) whose `key` is a message
 * key in `visits.errors` and whose `field` names the form field it belongs beside, or null for the
 * whole form. Permission refusals are not this: they are 403s (Forbidden).
 */
export function visitRefusal(field: VisitField | null, key: VisitErrorKey): Refusal {
  return new Refusal(field, key);
}

export const VISIT_FIELDS = [
  "household",
  "idempotencyKey",
  "visitedOn",
  "outcome",
  "items",
  "coVolunteers",
  "campaign",
  "notes",
  "version",
] as const;
export type VisitField = (typeof VISIT_FIELDS)[number];

export type VisitErrorKey =
  | "required"
  | "householdNotFound"
  | "keyInvalid"
  | "dateInvalid"
  | "dateFuture"
  | "dateTooOld"
  | "outcomeRequired"
  | "itemsRequired"
  | "itemsInvalid"
  | "memberRequired"
  | "memberInvalid"
  | "noBusiness"
  | "coVolunteerInvalid"
  | "campaignInvalid"
  | "notesLong"
  | "stale"
  | "editWindowClosed"
  | "keyTaken"
  | "network"
  | "busy"
  | "signedOut";
