"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import {
  addVillageAlias,
  removeVillageAlias,
  VillageAliasRemoveSchema,
  VillageAliasSchema,
  type VillageAliasField,
} from "@/lib/communes/village-aliases";
import { echoValues, fieldErrorsOf, type FormState } from "@/lib/validation/form-state";
import { Refusal } from "@/lib/validation/refusal";

const PAGE = "/admin/villages";
const FIELDS = ["villageId", "oldCommune", "oldVillage"] as const;

function refused(err: unknown, values?: FormState<VillageAliasField>["values"]): FormState<VillageAliasField> {
  if (!(err instanceof Refusal)) throw err;
  return err.field ? { ok: false, fieldErrors: { [err.field]: err.key }, values } : { ok: false, formError: err.key, values };
}

/** Records an old name of a village (the admin). */
export async function addVillageAliasAction(_prev: FormState<VillageAliasField>, formData: FormData) {
  const user = await requireUser();
  const values = echoValues(formData, FIELDS);
  const parsed = VillageAliasSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<VillageAliasField>(parsed.error), values };
  try {
    await addVillageAlias(user, parsed.data);
  } catch (err) {
    return refused(err, values);
  }
  revalidatePath(PAGE);
  return { ok: true };
}

/** Removes an old name. */
export async function removeVillageAliasAction(_prev: FormState<VillageAliasField>, formData: FormData) {
  const user = await requireUser();
  const parsed = VillageAliasRemoveSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, formError: "aliasInvalid" };
  try {
    await removeVillageAlias(user, parsed.data.aliasId);
  } catch (err) {
    return refused(err);
  }
  revalidatePath(PAGE);
  return { ok: true };
}
