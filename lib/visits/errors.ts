/**
 * A visit the lib refuses for a reason the person can fix (a date in the future, a member of
 * another household, a stale form). `key` is a message key in `visits.errors`; `field` names the
 * form field it belongs beside, or null for the whole form. Permission refusals are not this: they
 * are 403s (forbidden()).
 */
export class VisitInputError extends Error {
  constructor(
    readonly field: VisitField | null,
    readonly key: VisitErrorKey,
  ) {
    super(`visit: ${field ?? "form"}: ${key}`);
    this.name = "VisitInputError";
  }
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
