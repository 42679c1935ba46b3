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
import { echoValues, fieldErrorsOf, formAction, type FormState } from "@/lib/validation/form-state";

const PAGE = "/admin/villages";
const FIELDS = ["villageId", "oldCommune", "oldVillage"] as const;

/** Records an old name of a village (the admin). */
export async function addVillageAliasAction(_prev: FormState<VillageAliasField>, formData: FormData) {
  const user = await requireUser();
  const values = echoValues(formData, FIELDS);
  return formAction<VillageAliasField>(async () => {
    // Only text fields are read (a file sent in their place counts as nothing typed).
    const parsed = VillageAliasSchema.safeParse({ oldCommune: "", oldVillage: "", ...values });
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf<VillageAliasField>(parsed.error), values };
    await addVillageAlias(user, parsed.data);
    revalidatePath(PAGE);
    return { ok: true };
  }, values);
}

/** Removes an old name. */
export async function removeVillageAliasAction(_prev: FormState<VillageAliasField>, formData: FormData) {
  const user = await requireUser();
  return formAction<VillageAliasField>(async () => {
    const parsed = VillageAliasRemoveSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ok: false, formError: "aliasInvalid" };
    await removeVillageAlias(user, parsed.data.aliasId);
    revalidatePath(PAGE);
    return { ok: true };
  });
}
