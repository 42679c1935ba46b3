"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import {
  addWalkIn,
  checkInByCode,
  checkInRegistration,
  searchRegistrations,
  type CheckInResult,
  type RosterMatch,
} from "@/lib/training/attendance";
import { cancelEvent, createEvent, repeatEvent, updateEvent } from "@/lib/training/mutations";
import { EVENT_FIELDS, type EventField } from "@/lib/training/schemas";
import { addTopic, type TopicField } from "@/lib/training/topics";
import { echoValues, type FormState } from "@/lib/validation/form-state";

function eventInput(formData: FormData) {
  return Object.fromEntries(EVENT_FIELDS.map((f) => [f, formData.get(f) ?? undefined])) as Record<EventField, string>;
}

export async function createEventAction(_prev: FormState<EventField>, formData: FormData): Promise<FormState<EventField>> {
  const user = await requireUser();
  const values = echoValues(formData, EVENT_FIELDS);
  const res = await createEvent(user, eventInput(formData));
  if (!res.ok) return { ok: false, fieldErrors: res.fieldErrors, formError: res.formError ?? "formHasErrors", values };
  revalidatePath("/training");
  redirect(`/training/${res.id}`);
}

export async function updateEventAction(_prev: FormState<EventField>, formData: FormData): Promise<FormState<EventField>> {
  const user = await requireUser();
  const values = echoValues(formData, EVENT_FIELDS);
  const id = Number(formData.get("id"));
  const version = Number(formData.get("version"));
  const res = await updateEvent(user, id, version, eventInput(formData));
  if (!res.ok) return { ok: false, fieldErrors: res.fieldErrors, formError: res.formError ?? "formHasErrors", values };
  revalidatePath("/training");
  revalidatePath(`/training/${id}`);
  redirect(`/training/${id}`);
}

export async function cancelEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = Number(formData.get("id"));
  if (formData.get("confirm") !== "yes") return { ok: false, formError: "required" };
  const res = await cancelEvent(user, id, Number(formData.get("version")));
  if (!res.ok) return { ok: false, formError: res.formError };
  revalidatePath("/training");
  revalidatePath(`/training/${id}`);
  redirect(`/training/${id}`);
}

export async function repeatEventAction(_prev: FormState<"date">, formData: FormData): Promise<FormState<"date">> {
  const user = await requireUser();
  const values = echoValues(formData, ["date"] as const);
  const res = await repeatEvent(user, Number(formData.get("id")), { date: formData.get("date") ?? undefined });
  if (!res.ok) return { ok: false, fieldErrors: res.fieldErrors, formError: res.formError, values };
  revalidatePath("/training");
  redirect(`/training/${res.id}`);
}

export async function addTopicAction(_prev: FormState<TopicField>, formData: FormData): Promise<FormState<TopicField>> {
  const user = await requireUser();
  const values = echoValues(formData, ["nameVi", "nameEn", "skillId"] as const);
  const res = await addTopic(user, {
    nameVi: formData.get("nameVi"),
    nameEn: formData.get("nameEn"),
    skillId: formData.get("skillId"),
  });
  if (!res.ok) return { ok: false, fieldErrors: res.fieldErrors, formError: res.formError ?? "formHasErrors", values };
  revalidatePath("/training/topics");
  return { ok: true };
}

export type CheckInState = { result?: CheckInResult; values?: Record<string, string>; at?: number };

export async function checkInCodeAction(_prev: CheckInState, formData: FormData): Promise<CheckInState> {
  const user = await requireUser();
  const eventId = Number(formData.get("eventId"));
  const result = await checkInByCode(user, eventId, { code: formData.get("code") ?? "" });
  if (result.ok) revalidatePath(`/training/${eventId}`);
  return { result, values: result.ok ? {} : echoValues(formData, ["code"] as const), at: Date.now() };
}

export async function checkInRegistrationAction(eventId: number, registrationId: number): Promise<CheckInResult> {
  const user = await requireUser();
  const result = await checkInRegistration(user, Number(eventId), Number(registrationId));
  if (result.ok) revalidatePath(`/training/${eventId}`);
  return result;
}

export async function searchRegistrationsAction(eventId: number, q: string): Promise<RosterMatch[]> {
  const user = await requireUser();
  return searchRegistrations(user, Number(eventId), String(q ?? ""));
}

export async function walkInAction(_prev: CheckInState, formData: FormData): Promise<CheckInState> {
  const user = await requireUser();
  const eventId = Number(formData.get("eventId"));
  const result = await addWalkIn(user, eventId, {
    fullName: formData.get("fullName") ?? "",
    phone: formData.get("phone") ?? "",
    consent: formData.get("consent") ?? "",
    consentTextKey: formData.get("consentTextKey") ?? "",
  });
  if (result.ok) revalidatePath(`/training/${eventId}`);
  return { result, values: result.ok ? {} : echoValues(formData, ["fullName", "phone", "consent"] as const), at: Date.now() };
}
