// The campaign form's schema, shared by the form (field names) and the server (the action and
// lib/campaigns/mutations.ts both parse with it). Error strings are keys in `campaigns.errors`.
import { z } from "zod";
import { plainText } from "@/lib/validation/text";
import { dbId } from "@/lib/validation/db-id";

export const CAMPAIGN_KINDS = ["volunteer_saturday", "other"] as const;
/** A campaign is a day or a short drive, not a season: keeps walk lists and the summary meaningful. */
export const MAX_CAMPAIGN_DAYS = 31;

const day = z
  .string({ error: "dateInvalid" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dateInvalid")
  .transform((s) => new Date(`${s}T00:00:00.000Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "dateInvalid");

const ids = (empty: string) =>
  z
    .array(dbId(empty), { error: empty })
    .min(1, empty)
    .max(100, empty)
    .transform((a) => [...new Set(a)]);

const blankToUndefined = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : v);

const bothDates = (v: { startsOn: unknown; endsOn: unknown }) => v.startsOn instanceof Date && v.endsOn instanceof Date;

export const CampaignInputSchema = z
  .object({
    name: plainText({ error: "nameRequired" }).min(1, "nameRequired").max(200, "nameLong"),
    kind: z.enum(CAMPAIGN_KINDS, { error: "kindInvalid" }).default("volunteer_saturday"),
    startsOn: day,
    endsOn: day,
    description: plainText({ error: "descriptionLong" }).max(2000, "descriptionLong").default(""),
    villageIds: ids("villagesRequired"),
    branchIds: ids("branchesRequired"),
    targetSkillId: z.preprocess(blankToUndefined, dbId("skillInvalid").optional()),
    targetMinAge: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: "ageInvalid" }).int("ageInvalid").min(0, "ageInvalid").max(120, "ageInvalid").optional(),
    ),
  })
  // Zod runs these even when a date failed to parse: only compare two real dates.
  .refine((v) => !bothDates(v) || v.endsOn.getTime() >= v.startsOn.getTime(), { path: ["endsOn"], message: "endBeforeStart" })
  .refine((v) => !bothDates(v) || v.endsOn.getTime() - v.startsOn.getTime() <= (MAX_CAMPAIGN_DAYS - 1) * 86_400_000, {
    path: ["endsOn"],
    message: "rangeTooLong",
  });

export type CampaignInput = z.infer<typeof CampaignInputSchema>;
export type CampaignRawInput = z.input<typeof CampaignInputSchema>;
export type CampaignField = keyof CampaignRawInput | "version";

export const CAMPAIGN_FIELDS = [
  "name",
  "kind",
  "startsOn",
  "endsOn",
  "description",
  "villageIds",
  "branchIds",
  "targetSkillId",
  "targetMinAge",
] as const satisfies readonly (keyof CampaignRawInput)[];

/** The form's fields as the schema takes them (checkbox groups arrive as repeated fields). */
export function campaignInputFromForm(formData: FormData): CampaignRawInput {
  const one = (k: string) => {
    const v = formData.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const many = (k: string) => formData.getAll(k).filter((v): v is string => typeof v === "string");
  return {
    name: one("name") ?? "",
    kind: (one("kind") ?? "volunteer_saturday") as CampaignRawInput["kind"],
    startsOn: one("startsOn") ?? "",
    endsOn: one("endsOn") ?? "",
    description: one("description") ?? "",
    villageIds: many("villageIds"),
    branchIds: many("branchIds"),
    targetSkillId: one("targetSkillId") ?? "",
    targetMinAge: one("targetMinAge") ?? "",
  };
}

/** A campaign id from a route or form field; anything else is no id (the page answers 404). */
export const CampaignIdSchema = dbId();
export function parseCampaignId(raw: unknown): number | null {
  const r = CampaignIdSchema.safeParse(raw);
  return r.success ? r.data : null;
}
