"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import {
  chooseDuplicates,
  confirmMapping,
  dropImport,
  ImportIdSchema,
  queueImportSave,
  stageImport,
  undoImport,
} from "@/lib/onboarding/batches";
import { sendImportJob } from "@/lib/onboarding/job";
import { formAction, type FormState } from "@/lib/validation/form-state";

const LIST = "/official/imports";
const page = (id: number) => `${LIST}/${id}`;

/** The batch id every step's form sends; a missing or foreign id is "not found" in lib. */
function batchId(formData: FormData): number {
  const parsed = ImportIdSchema.safeParse({ id: formData.get("id") });
  return parsed.success ? parsed.data.id : 0;
}

/** Uploads a list: read, kept as a staged batch, then its page asks the columns' meaning. */
export async function stageImportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  return formAction(async () => {
    const { id } = await stageImport(user, { kind: formData.get("kind"), file: formData.get("file") });
    revalidatePath(LIST);
    redirect(page(id));
  });
}

/** The meaning of each column (`column-0`, `column-1`…, "" for a column not read): check the rows. */
export async function confirmMappingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = batchId(formData);
  const count = z.coerce.number().int().min(0).max(40).catch(0).parse(formData.get("columns"));
  const mapping = Array.from({ length: count }, (_, i) => {
    const v = formData.get(`column-${i}`);
    return typeof v === "string" && v !== "" ? v : null;
  });
  return formAction(async () => {
    await confirmMapping(user, id, mapping);
    revalidatePath(page(id));
    redirect(`${page(id)}#preview`);
  });
}

/** The choice per duplicate group (`choice-<key>`), then the save job: one button. */
export async function saveImportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = batchId(formData);
  const choices: Record<string, unknown> = {};
  for (const [k, v] of formData.entries()) if (k.startsWith("choice-")) choices[k.slice("choice-".length)] = v;
  return formAction(async () => {
    await chooseDuplicates(user, id, choices);
    await queueImportSave(user, id, sendImportJob);
    revalidatePath(page(id));
    redirect(page(id));
  });
}

/** Takes back a saved batch. */
export async function undoImportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = batchId(formData);
  return formAction(async () => {
    await undoImport(user, id);
    revalidatePath(page(id));
    revalidatePath(LIST);
    redirect(`${page(id)}?undone=1`);
  });
}

/** Drops an unsaved batch with its file. */
export async function dropImportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = batchId(formData);
  return formAction(async () => {
    await dropImport(user, id);
    revalidatePath(LIST);
    redirect(`${LIST}?dropped=1`);
  });
}
