// The visit form's schema, shared by the form (field names) and the actions (parsing). Error
// messages are keys in `visits.errors`.
import { z } from "zod";
import type { FormState } from "@/lib/validation/form-state";
import type { VisitField } from "@/lib/visits/errors";
import { NOTES_MAX, OUTCOMES } from "@/lib/visits/rules";
import { plainText } from "@/lib/validation/text";
import { dbId } from "@/lib/validation/db-id";
import { QUEUE_BATCH } from "@/lib/offline/retention";

/** What the visit actions answer. On success, the visit saved: the form opens its page itself. */
export type VisitFormState = FormState<VisitField> & { visitId?: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const VisitItemSchema = z.object({
  skillId: dbId("itemsInvalid"),
  memberIds: z.array(dbId("memberInvalid")).max(30, "memberInvalid"),
});

export const VisitInputSchema = z.object({
  householdId: dbId("householdNotFound"),
  idempotencyKey: z.string({ error: "keyInvalid" }).regex(UUID, "keyInvalid"),
  visitedOn: z
    .string({ error: "dateInvalid" })
    .regex(ISO_DAY, "dateInvalid")
    .transform((s, ctx) => {
      const d = new Date(`${s}T00:00:00.000Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
        ctx.addIssue({ code: "custom", message: "dateInvalid" });
        return z.NEVER;
      }
      return d;
    }),
  outcome: z.enum(OUTCOMES, { error: "outcomeRequired" }),
  items: z.array(VisitItemSchema).max(30, "itemsInvalid"),
  coVolunteerIds: z.array(dbId("coVolunteerInvalid")).max(10, "coVolunteerInvalid"),
  campaignId: dbId("campaignInvalid").nullable(),
  notes: plainText()
    .max(NOTES_MAX, "notesLong")
    .transform((s) => (s === "" ? null : s)),
});
export type VisitInput = z.infer<typeof VisitInputSchema>;

/** An edit carries the household's version it was made from (see updateVisit). */
export const VisitEditSchema = VisitInputSchema.omit({ idempotencyKey: true, householdId: true }).extend({
  visitId: dbId("householdNotFound"),
  version: z.coerce.number({ error: "stale" }).int("stale").min(1, "stale"),
});
export type VisitEdit = z.infer<typeof VisitEditSchema>;

/** Maps a schema path to the form field its error is shown beside. */
export function visitFieldOf(path: readonly PropertyKey[]): string {
  const head = String(path[0] ?? "");
  return (
    (
      {
        householdId: "household",
        visitId: "household",
        items: "items",
        coVolunteerIds: "coVolunteers",
        campaignId: "campaign",
      } as Record<string, string>
    )[head] ?? head
  );
}

const str = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");
const ints = (values: FormDataEntryValue[]) => [...new Set(values.map(str).filter((s) => s !== ""))];

/**
 * The form's fields as the schema's input. Field names: `household`, `idempotencyKey`,
 * `visitedOn`, `outcome`, `item` (one per ticked skill id), `for-<skillId>` (the members the skill
 * was for), `co` (co-volunteer user ids), `campaign`, `notes`, and on edit `visit` and `version`.
 */
export function visitFormInput(formData: FormData) {
  const skills = ints(formData.getAll("item"));
  const campaign = str(formData.get("campaign"));
  return {
    householdId: str(formData.get("household")),
    visitId: str(formData.get("visit")),
    version: str(formData.get("version")),
    idempotencyKey: str(formData.get("idempotencyKey")),
    visitedOn: str(formData.get("visitedOn")),
    outcome: formData.get("outcome") ?? undefined,
    items: skills.map((skillId) => ({ skillId, memberIds: ints(formData.getAll(`for-${skillId}`)) })),
    coVolunteerIds: ints(formData.getAll("co")),
    campaignId: campaign === "" ? null : campaign,
    notes: str(formData.get("notes")),
  };
}

/**
 * A batch of visits kept on the phone: each the visit form's fields as name/value pairs (what the
 * phone stored, see components/offline/store.ts). Bounded: a hostile batch cannot be made large.
 */
export const QueuedBatchSchema = z
  .array(z.array(z.tuple([z.string().max(40), z.string().max(NOTES_MAX * 4)])).max(400))
  .min(1)
  .max(QUEUE_BATCH);

/** The visit form's fields, from name/value pairs, as the schema's input. */
export function queuedVisitInput(fields: readonly (readonly [string, string])[]) {
  const formData = new FormData();
  for (const [name, value] of fields) formData.append(name, value);
  return visitFormInput(formData);
}

/**
 * What sending a batch answers: one state per visit, in order (or a single "busy" when the server
 * could not take the batch now: nothing of it was saved); `ok` when every visit was saved;
 * "signedOut" when the batch was not looked at.
 */
export type QueuedBatchAnswer = { ok: boolean; formError?: "signedOut" | "fixErrors"; answers: VisitFormState[] };
