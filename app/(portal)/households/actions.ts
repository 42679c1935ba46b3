"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { registerBusiness, updateBusiness } from "@/lib/households/business";
import { addMember, createHousehold, removeMember, updateHousehold, updateMember } from "@/lib/households/mutations";
import {
  BUSINESS_FIELDS,
  BusinessCreateSchema,
  BusinessUpdateSchema,
  type BusinessField,
  formInput,
  HOUSEHOLD_FIELDS,
  HouseholdCreateSchema,
  HouseholdUpdateSchema,
  MEMBER_FIELDS,
  MemberCreateSchema,
  MemberRemoveSchema,
  MemberUpdateSchema,
  type HouseholdField,
  type MemberField,
} from "@/lib/households/schemas";
import type { BusinessFormState, HouseholdFormState, MemberFormState } from "@/lib/households/form-state";
import { echoValues, fieldErrorsOf, formAction } from "@/lib/validation/form-state";
import { toDbId } from "@/lib/validation/db-id";

/** An id from a hidden field: hostile until lib/ has checked it is in the user's commune. */
function idOf(formData: FormData, name: string): number {
  return toDbId(formData.get(name)) ?? 0;
}

function memberValues(formData: FormData) {
  return { ...echoValues(formData, MEMBER_FIELDS), skills: formData.getAll("skills").map(String).join(",") };
}

export async function createHouseholdAction(_prev: HouseholdFormState, formData: FormData): Promise<HouseholdFormState> {
  const user = await requireUser();
  const values = echoValues<HouseholdField>(formData, HOUSEHOLD_FIELDS);
  const parsed = HouseholdCreateSchema.safeParse(formInput(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  return formAction(async () => {
    const { id } = await createHousehold(user, parsed.data);
    revalidatePath("/households");
    redirect(`/households/${id}`);
  }, values);
}

export async function updateHouseholdAction(_prev: HouseholdFormState, formData: FormData): Promise<HouseholdFormState> {
  const user = await requireUser();
  const id = idOf(formData, "householdId");
  const values = echoValues<HouseholdField>(formData, HOUSEHOLD_FIELDS);
  const parsed = HouseholdUpdateSchema.safeParse(formInput(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values };
  return formAction(async () => {
    await updateHousehold(user, id, parsed.data);
    revalidatePath("/households");
    revalidatePath(`/households/${id}`);
    redirect(`/households/${id}`);
  }, values);
}

export async function addMemberAction(_prev: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const user = await requireUser();
  const householdId = idOf(formData, "householdId");
  const values = memberValues(formData);
  const parsed = MemberCreateSchema.safeParse(formInput(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<MemberField | "skills">(parsed.error), values };
  const key = formData.get("idempotencyKey");
  return formAction(async () => {
    await addMember(user, householdId, parsed.data, typeof key === "string" ? key : undefined);
    revalidatePath(`/households/${householdId}`);
    redirect(`/households/${householdId}#members`);
  }, values);
}

export async function updateMemberAction(_prev: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const user = await requireUser();
  const householdId = idOf(formData, "householdId");
  const memberId = idOf(formData, "memberId");
  const values = memberValues(formData);
  const parsed = MemberUpdateSchema.safeParse(formInput(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<MemberField | "skills">(parsed.error), values };
  return formAction(async () => {
    await updateMember(user, householdId, memberId, parsed.data);
    revalidatePath(`/households/${householdId}`);
    redirect(`/households/${householdId}#members`);
  }, values);
}

export async function removeMemberAction(_prev: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const user = await requireUser();
  const householdId = idOf(formData, "householdId");
  const memberId = idOf(formData, "memberId");
  const parsed = MemberRemoveSchema.safeParse(formInput(formData));
  if (!parsed.success) return { ok: false, formError: "staleMember" };
  return formAction(async () => {
    await removeMember(user, householdId, memberId, parsed.data);
    revalidatePath(`/households/${householdId}`);
    redirect(`/households/${householdId}#members`);
  });
}

function businessValues(formData: FormData) {
  return { ...echoValues(formData, BUSINESS_FIELDS), skills: formData.getAll("skills").map(String).join(",") };
}

export async function registerBusinessAction(_prev: BusinessFormState, formData: FormData): Promise<BusinessFormState> {
  const user = await requireUser();
  const householdId = idOf(formData, "householdId");
  const values = businessValues(formData);
  const parsed = BusinessCreateSchema.safeParse(formInput(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<BusinessField>(parsed.error), values };
  return formAction(async () => {
    await registerBusiness(user, householdId, parsed.data);
    revalidatePath(`/households/${householdId}`);
    redirect(`/households/${householdId}#business`);
  }, values);
}

export async function updateBusinessAction(_prev: BusinessFormState, formData: FormData): Promise<BusinessFormState> {
  const user = await requireUser();
  const householdId = idOf(formData, "householdId");
  const values = businessValues(formData);
  const parsed = BusinessUpdateSchema.safeParse(formInput(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<BusinessField>(parsed.error), values };
  return formAction(async () => {
    await updateBusiness(user, householdId, parsed.data);
    revalidatePath(`/households/${householdId}`);
    redirect(`/households/${householdId}#business`);
  }, values);
}
