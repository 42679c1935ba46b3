import { z } from "zod";
import { FAMILY_FILTERS } from "@/lib/households/search";
import { plainText } from "@/lib/validation/text";

// Past PostgreSQL's integer a query would fail: such an id is simply not found.
const id = (error: string) => z.coerce.number({ error }).int(error).positive(error).max(2_147_483_647, error);

export const AdoptSchema = z.object({ householdId: id("householdNotFound") });
export type AdoptInput = z.infer<typeof AdoptSchema>;

export const ReleaseSchema = z.object({ familyId: id("familyNotFound") });
export type ReleaseInput = z.infer<typeof ReleaseSchema>;

/** The /branch/adopt page's query string, parsed leniently. */
export const AdoptQuerySchema = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  village: z.coerce.number().int().positive().optional().catch(undefined),
  family: z.enum(FAMILY_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AdoptQuery = z.infer<typeof AdoptQuerySchema>;

export const CRITERION_LEVELS = ["digital", "smart"] as const;
export const CRITERION_RULES = ["all_adults", "any_adult"] as const;

export const CriterionCreateSchema = z.object({
  skillId: id("skillInvalid"),
  level: z.enum(CRITERION_LEVELS, { error: "levelInvalid" }),
  rule: z.enum(CRITERION_RULES, { error: "ruleInvalid" }),
});
export type CriterionCreateInput = z.infer<typeof CriterionCreateSchema>;
export type CriterionCreateField = keyof CriterionCreateInput;

export const CriterionUpdateSchema = z.object({
  id: id("criterionNotFound"),
  level: z.enum(CRITERION_LEVELS, { error: "levelInvalid" }),
  rule: z.enum(CRITERION_RULES, { error: "ruleInvalid" }),
});
export type CriterionUpdateInput = z.infer<typeof CriterionUpdateSchema>;

export const CriterionRemoveSchema = z.object({ id: id("criterionNotFound") });
export type CriterionRemoveInput = z.infer<typeof CriterionRemoveSchema>;

export const SkillActiveSchema = z.object({
  skillId: id("skillInvalid"),
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
