// Validation shared by the household and member forms and their server actions. Error strings are
// message keys in `householdErrors` (messages/<locale>/households.json); the forms translate them.
import { z } from "zod";
import { CONSENT_KINDS } from "@/lib/consent/texts";
import { normalizePhone, VN_MOBILE } from "@/lib/validation/phone";
import { plainText } from "@/lib/validation/text";
import { dbId } from "@/lib/validation/db-id";

export const GENDERS = ["male", "female", "other"] as const;

const name = plainText({ error: "required" })
  .min(1, { message: "required", abort: true })
  .min(2, "nameShort")
  .max(100, "nameLong");

/** An optional Vietnamese mobile number: empty means none. */
const optionalPhone = z
  .string()
  .optional()
  .transform((raw) => normalizePhone((raw ?? "").trim()))
  .refine((p) => p === "" || VN_MOBILE.test(p), "phoneInvalid")
  .transform((p) => (p === "" ? null : p));

const birthYear = z.coerce
  .number({ error: "birthYearInvalid" })
  .int("birthYearInvalid")
  .min(1900, "birthYearInvalid")
  .refine((y) => y <= new Date().getUTCFullYear(), "birthYearInvalid");

const gender = z.enum(GENDERS, { error: "genderInvalid" });

/** A checkbox: present ("on", "yes", "true") means ticked. */
const checkbox = z
  .unknown()
  .optional()
  .transform((v) => v === true || v === "on" || v === "yes" || v === "true");

/**
 * The consent of a person added to the registry (the household's head, or a member): the form shows
 * the sentence and its version, the official or volunteer reads it to the person and ticks "the
 * person agreed". Without the tick nothing is saved (silence is not consent, Law 91/2025). A form
 * shown before the sentence changed sends the old version and is refused, so the consent stored is
 * always for the sentence the person heard.
 */
const personConsent = {
  consent: z.preprocess(
    (v) => v === true || v === "on" || v === "yes" || v === "true",
    z.literal(true, { error: "consentRequired" }),
  ),
  consentTextKey: z.literal(CONSENT_KINDS.member.key, { error: "consentTextChanged" }),
};

const version = dbId("stale");

/** Skill keys ticked on a form (the lib checks each is an active skill of the commune). */
const skillKeys = z
  .array(z.string({ error: "skillInvalid" }).max(50, "skillInvalid"), { error: "skillInvalid" })
  .max(50, "skillInvalid")
  .default([]);

export const HouseholdInputSchema = z.object({
  villageId: dbId("villageRequired"),
  headName: name,
  address: plainText({ error: "required" })
    .min(1, { message: "required", abort: true })
    .min(3, "addressShort")
    .max(200, "addressLong"),
  phone: optionalPhone,
});
export type HouseholdInput = z.infer<typeof HouseholdInputSchema>;

/** A new household: its head becomes its first member, so the head's birth year and gender are asked too. */
export const HouseholdCreateSchema = HouseholdInputSchema.extend({
  headBirthYear: birthYear,
  headGender: gender,
  // Set by the "create anyway" button after the probable-duplicate warning.
  createAnyway: checkbox,
  ...personConsent,
});
/** What lib/ needs: the tick itself (the version was checked by the schema). */
export type HouseholdCreateInput = Omit<z.infer<typeof HouseholdCreateSchema>, "consentTextKey">;

export const HouseholdUpdateSchema = HouseholdInputSchema.extend({ version });
export type HouseholdUpdateInput = z.infer<typeof HouseholdUpdateSchema>;

export const MemberInputSchema = z.object({
  fullName: name,
  birthYear,
  gender,
  phone: optionalPhone,
  isHead: checkbox,
  // Skill keys ticked on the form; only registry roles may change them (lib/households/mutations.ts).
  skills: skillKeys,
  // Present when the form showed the skill checkboxes, so that none ticked means "none", not "unchanged".
  skillsOnForm: checkbox,
});
export type MemberInput = z.infer<typeof MemberInputSchema>;

/** Adding a member: the member form's fields and the person's consent. */
export const MemberCreateSchema = MemberInputSchema.extend(personConsent);
export type MemberCreateInput = Omit<z.infer<typeof MemberCreateSchema>, "consentTextKey">;

export const MemberUpdateSchema = MemberInputSchema.extend({ version });
export type MemberUpdateInput = z.infer<typeof MemberUpdateSchema>;

export const MemberRemoveSchema = z.object({ version });

/**
 * A household's business (hộ kinh doanh): its name, its trade, and the business skills ticked on
 * the form (selling online, cashless payment, e-invoices, sales or accounting software).
 */
export const BusinessInputSchema = z.object({
  name: plainText({ error: "required" })
    .min(1, { message: "required", abort: true })
    .min(2, "businessNameShort")
    .max(100, "businessNameLong"),
  sector: plainText({ error: "required" })
    .min(1, { message: "required", abort: true })
    .min(2, "sectorShort")
    .max(60, "sectorLong"),
  skills: skillKeys,
});
export type BusinessInput = z.infer<typeof BusinessInputSchema>;

/** Registering a business: the household has none yet. */
export const BusinessCreateSchema = BusinessInputSchema;
export type BusinessCreateInput = z.infer<typeof BusinessCreateSchema>;

/** Editing it: the version the form was shown with (a change meanwhile is refused, not overwritten). */
export const BusinessUpdateSchema = BusinessInputSchema.extend({ version: dbId("staleBusiness") });
export type BusinessUpdateInput = z.infer<typeof BusinessUpdateSchema>;

export const BUSINESS_FIELDS = ["name", "sector", "version"] as const;
export type BusinessField = (typeof BUSINESS_FIELDS)[number] | "skills";

export const HOUSEHOLD_FIELDS = [
  "villageId",
  "headName",
  "address",
  "phone",
  "headBirthYear",
  "headGender",
  "version",
  "consent",
  "consentTextKey",
] as const;
export type HouseholdField = (typeof HOUSEHOLD_FIELDS)[number];
export const MEMBER_FIELDS = [
  "fullName",
  "birthYear",
  "gender",
  "phone",
  "isHead",
  "version",
  "consent",
  "consentTextKey",
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

/** FormData as the schemas take it: repeated `skills` checkboxes become an array. */
export function formInput(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of formData.entries()) {
    if (k.startsWith("$ACTION")) continue;
    if (typeof v !== "string") continue;
    if (k === "skills") out.skills = [...((out.skills as string[] | undefined) ?? []), v];
    else out[k] = v;
  }
  return out;
}
