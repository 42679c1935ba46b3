"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { addCriterion, addMemberSkill, removeCriterion, setSkillActive, updateCriterion } from "@/lib/families/criteria";
import {
  CriterionCreateSchema,
  CriterionRemoveSchema,
  CriterionUpdateSchema,
  MemberSkillSchema,
  SkillActiveSchema,
} from "@/lib/families/schemas";
import { echoValues, fieldErrorsOf, formAction, type FormState } from "@/lib/validation/form-state";

const PAGE = "/admin/criteria";

/** Every status may have changed: the whole portal's family figures are stale. */
function afterSave(notice: string, changed?: number): never {
  revalidatePath("/", "layout");
  const p = new URLSearchParams({ notice });
  if (changed !== undefined) p.set("changed", String(changed));
  redirect(`${PAGE}?${p.toString()}`);
}

type Run = (user: Awaited<ReturnType<typeof requireUser>>, input: Record<string, unknown>) => Promise<{ changed: number }>;

async function criteriaChange(schema: z.ZodType, run: Run, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const input = Object.fromEntries(formData);
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return formAction(async () => afterSave("criteriaSaved", (await run(user, input)).changed));
}

export async function addCriterionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return criteriaChange(CriterionCreateSchema, addCriterion, formData);
}

export async function updateCriterionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return criteriaChange(CriterionUpdateSchema, updateCriterion, formData);
}

export async function removeCriterionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return criteriaChange(CriterionRemoveSchema, removeCriterion, formData);
}

export async function setSkillActiveAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return criteriaChange(SkillActiveSchema, setSkillActive, formData);
}

const SKILL_FIELDS = ["key", "nameVi", "nameEn"] as const;

export async function addSkillAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const values = echoValues(formData, SKILL_FIELDS);
  const parsed = MemberSkillSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  return formAction(async () => {
    await addMemberSkill(user, parsed.data);
    afterSave("skillAdded");
  }, values);
}
