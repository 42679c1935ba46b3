import { z } from "zod";
import { FAMILY_FILTERS } from "@/lib/households/search";
import { plainText } from "@/lib/validation/text";
import { dbId } from "@/lib/validation/db-id";

export const AdoptSchema = z.object({ householdId: dbId("householdNotFound") });
export type AdoptInput = z.infer<typeof AdoptSchema>;

export const ReleaseSchema = z.object({ familyId: dbId("familyNotFound") });
export type ReleaseInput = z.infer<typeof ReleaseSchema>;

/** The /branch/adopt page's query string, parsed leniently. */
export const AdoptQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  village: dbId().optional().catch(undefined),
  family: z.enum(FAMILY_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AdoptQuery = z.infer<typeof AdoptQuerySchema>;

export const CRITERION_LEVELS = ["digital", "smart"] as const;
export const CRITERION_RULES = ["all_adults", "any_adult"] as const;

export const CriterionCreateSchema = z.object({
  skillId: dbId("skillInvalid"),
  level: z.enum(CRITERION_LEVELS, { error: "levelInvalid" }),
  rule: z.enum(CRITERION_RULES, { error: "ruleInvalid" }),
});
export type CriterionCreateInput = z.infer<typeof CriterionCreateSchema>;
export type CriterionCreateField = keyof CriterionCreateInput;

export const CriterionUpdateSchema = z.object({
  id: dbId("criterionNotFound"),
  level: z.enum(CRITERION_LEVELS, { error: "levelInvalid" }),
  rule: z.enum(CRITERION_RULES, { error: "ruleInvalid" }),
});
export type CriterionUpdateInput = z.infer<typeof CriterionUpdateSchema>;

export const CriterionRemoveSchema = z.object({ id: dbId("criterionNotFound") });
export type CriterionRemoveInput = z.infer<typeof CriterionRemoveSchema>;

export const SkillActiveSchema = z.object({
  skillId: dbId("skillInvalid"),
  active: z.enum(["true", "false"], { error: "skillInvalid" }).transform((v) => v === "true"),
});
export type SkillActiveInput = z.input<typeof SkillActiveSchema>;

export const MemberSkillSchema = z.object({
  key: z
    .string({ error: "required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "skillKeyInvalid"),
  nameVi: plainText({ error: "required" }).min(2, "skillNameShort").max(120, "skillNameLong"),
  nameEn: plainText({ error: "required" }).min(2, "skillNameShort").max(120, "skillNameLong"),
});
export type MemberSkillInput = z.infer<typeof MemberSkillSchema>;
export type MemberSkillField = keyof MemberSkillInput;
