"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { buildWalkLists, createCampaign, finishShift, startShift, updateCampaign } from "@/lib/campaigns/mutations";
import { campaignInputFromForm, parseCampaignId, type CampaignField } from "@/lib/campaigns/schemas";
import { formAction, type FormState } from "@/lib/validation/form-state";

type CampaignFormState = FormState<CampaignField>;

/** Form values echoed back as strings (React 19 resets the form); checkbox groups comma-joined. */
function echo(formData: FormData): Partial<Record<CampaignField, string>> {
  const raw = campaignInputFromForm(formData);
  return {
    ...raw,
    kind: raw.kind ?? undefined,
    villageIds: (raw.villageIds as string[]).join(","),
    branchIds: (raw.branchIds as string[]).join(","),
    targetSkillId: String(raw.targetSkillId ?? ""),
    targetMinAge: String(raw.targetMinAge ?? ""),
    version: String(formData.get("version") ?? ""),
  } as Partial<Record<CampaignField, string>>;
}

export async function createCampaignAction(_prev: CampaignFormState, formData: FormData): Promise<CampaignFormState> {
  const user = await requireUser();
  const key = formData.get("idempotencyKey");
  // Parsed once, in lib (createCampaign refuses every field that does not parse).
  return formAction(async () => {
    const r = await createCampaign(user, campaignInputFromForm(formData), typeof key === "string" ? key : undefined);
    revalidatePath("/campaigns");
    redirect(`/campaigns/${r.id}?saved=1`);
  }, echo(formData));
}

export async function updateCampaignAction(_prev: CampaignFormState, formData: FormData): Promise<CampaignFormState> {
  const user = await requireUser();
  const id = parseCampaignId(formData.get("campaignId"));
  const version = parseCampaignId(formData.get("version"));
  if (id === null || version === null) notFound();
  return formAction(async () => {
    await updateCampaign(user, id, version, campaignInputFromForm(formData));
    revalidatePath("/campaigns");
    revalidatePath(`/campaigns/${id}`);
    redirect(`/campaigns/${id}?saved=1`);
  }, echo(formData));
}

export async function buildWalkListsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = parseCampaignId(formData.get("campaignId"));
  if (id === null) notFound();
  return formAction(async () => {
    const r = await buildWalkLists(user, id);
    revalidatePath(`/campaigns/${id}`);
    redirect(`/campaigns/${id}?built=${r.lists}-${r.stops}`);
  });
}

export async function startShiftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = parseCampaignId(formData.get("campaignId"));
  if (id === null) notFound();
  return formAction(async () => {
    await startShift(user, id);
    revalidatePath(`/campaigns/${id}`);
    revalidatePath(`/campaigns/${id}/my-list`);
    return { ok: true, formError: undefined, values: { done: "started" } };
  });
}

export async function finishShiftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = parseCampaignId(formData.get("campaignId"));
  if (id === null) notFound();
  return formAction(async () => {
    await finishShift(user, id);
    revalidatePath(`/campaigns/${id}`);
    revalidatePath(`/campaigns/${id}/my-list`);
    return { ok: true, values: { done: "finished" } };
  });
}
