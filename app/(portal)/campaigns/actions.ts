"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { buildWalkLists, createCampaign, finishShift, startShift, updateCampaign } from "@/lib/campaigns/mutations";
import { CampaignInputSchema, campaignInputFromForm, parseCampaignId, type CampaignField } from "@/lib/campaigns/schemas";
import { fieldErrorsOf, type FormState } from "@/lib/validation/form-state";

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
  const raw = campaignInputFromForm(formData);
  const parsed = CampaignInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  const key = formData.get("idempotencyKey");
  const r = await createCampaign(user, raw, typeof key === "string" ? key : undefined);
  if (!r.ok) return { ok: false, fieldErrors: r.fieldErrors, formError: r.formError, values: echo(formData) };
  revalidatePath("/campaigns");
  redirect(`/campaigns/${r.id}?saved=1`);
}

export async function updateCampaignAction(_prev: CampaignFormState, formData: FormData): Promise<CampaignFormState> {
  const user = await requireUser();
  const id = parseCampaignId(formData.get("campaignId"));
  const version = parseCampaignId(formData.get("version"));
  if (id === null || version === null) notFound();
  const raw = campaignInputFromForm(formData);
  const parsed = CampaignInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: echo(formData) };
  const r = await updateCampaign(user, id, version, raw);
  if (!r.ok) return { ok: false, fieldErrors: r.fieldErrors, formError: r.formError, values: echo(formData) };
  revalidatePath("/campaigns");
  revalidatePath(`/campaigns/${id}`);
  redirect(`/campaigns/${id}?saved=1`);
}

export async function buildWalkListsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = parseCampaignId(formData.get("campaignId"));
  if (id === null) notFound();
  const r = await buildWalkLists(user, id);
  if (!r.ok) return { ok: false, formError: r.formError };
  revalidatePath(`/campaigns/${id}`);
  redirect(`/campaigns/${id}?built=${r.lists}-${r.stops}`);
}

export async function startShiftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = parseCampaignId(formData.get("campaignId"));
  if (id === null) notFound();
  const r = await startShift(user, id);
  if (!r.ok) return { ok: false, formError: r.formError };
  revalidatePath(`/campaigns/${id}`);
  revalidatePath(`/campaigns/${id}/my-list`);
  return { ok: true, formError: undefined, values: { done: "started" } };
}

export async function finishShiftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = parseCampaignId(formData.get("campaignId"));
  if (id === null) notFound();
  const r = await finishShift(user, id);
  if (!r.ok) return { ok: false, formError: r.formError };
  revalidatePath(`/campaigns/${id}`);
  revalidatePath(`/campaigns/${id}/my-list`);
  return { ok: true, values: { done: "finished" } };
}
