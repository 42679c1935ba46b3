"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { publicPagesChanged } from "@/lib/cache/public-pages";
import { requireUser } from "@/lib/auth/session";
import {
  addWalkIn,
  checkInByCode,
  checkInRegistration,
  searchRegistrations,
  type CheckInState,
  type RosterMatch,
} from "@/lib/training/attendance";
import { cancelEvent, createEvent, repeatEvent, updateEvent } from "@/lib/training/mutations";
import { EVENT_FIELDS, type EventField } from "@/lib/training/schemas";
import { addTopic, type TopicField } from "@/lib/training/topics";
import { echoValues, formAction, type FormState } from "@/lib/validation/form-state";

function eventInput(formData: FormData) {
  return Object.fromEntries(EVENT_FIELDS.map((f) => [f, formData.get(f) ?? undefined])) as Record<EventField, string>;
}

export async function createEventAction(_prev: FormState<EventField>, formData: FormData): Promise<FormState<EventField>> {
  const user = await requireUser();
  const values = echoValues(formData, EVENT_FIELDS);
  return formAction(async () => {
    const { id } = await createEvent(user, eventInput(formData));
    revalidatePath("/training");
    publicPagesChanged();
    redirect(`/training/${id}`);
  }, values);
}

export async function updateEventAction(_prev: FormState<EventField>, formData: FormData): Promise<FormState<EventField>> {
  const user = await requireUser();
  const values = echoValues(formData, EVENT_FIELDS);
  const id = Number(formData.get("id"));
  const version = Number(formData.get("version"));
  return formAction(async () => {
    await updateEvent(user, id, version, eventInput(formData));
    revalidatePath("/training");
    publicPagesChanged();
    revalidatePath(`/training/${id}`);
    redirect(`/training/${id}`);
  }, values);
}

export async function cancelEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const id = Number(formData.get("id"));
  if (formData.get("confirm") !== "yes") return { ok: false, formError: "required" };
  return formAction(async () => {
    await cancelEvent(user, id, Number(formData.get("version")));
    revalidatePath("/training");
    publicPagesChanged();
    revalidatePath(`/training/${id}`);
    redirect(`/training/${id}`);
  });
}

export async function repeatEventAction(_prev: FormState<"date">, formData: FormData): Promise<FormState<"date">> {
  const user = await requireUser();
  const values = echoValues(formData, ["date"] as const);
  return formAction(async () => {
    const { id } = await repeatEvent(user, Number(formData.get("id")), { date: formData.get("date") ?? undefined });
    revalidatePath("/training");
    publicPagesChanged();
    redirect(`/training/${id}`);
  }, values);
}

export async function addTopicAction(_prev: FormState<TopicField>, formData: FormData): Promise<FormState<TopicField>> {
  const user = await requireUser();
  const values = echoValues(formData, ["nameVi", "nameEn", "skillId"] as const);
  return formAction(async () => {
    await addTopic(user, { nameVi: formData.get("nameVi"), nameEn: formData.get("nameEn"), skillId: formData.get("skillId") });
    revalidatePath("/training/topics");
    publicPagesChanged();
    return { ok: true };
  }, values);
}

export async function checkInCodeAction(_prev: CheckInState, formData: FormData): Promise<CheckInState> {
  const user = await requireUser();
  const eventId = Number(formData.get("eventId"));
  const state = await formAction(
    async (): Promise<CheckInState> => {
      const checkedIn = await checkInByCode(user, eventId, { code: formData.get("code") ?? "" });
      revalidatePath(`/training/${eventId}`);
      publicPagesChanged();
      return { ok: true, checkedIn, values: {} };
    },
    echoValues(formData, ["code"] as const),
  );
  return { ...state, at: Date.now() };
}

/** A registration picked from the name search; the answer reads as the code form's. */
export async function checkInRegistrationAction(eventId: number, registrationId: number): Promise<CheckInState> {
  const user = await requireUser();
  return formAction(async (): Promise<CheckInState> => {
    const checkedIn = await checkInRegistration(user, Number(eventId), Number(registrationId));
    revalidatePath(`/training/${eventId}`);
    publicPagesChanged();
    return { ok: true, checkedIn };
  });
}

export async function searchRegistrationsAction(eventId: number, q: string): Promise<RosterMatch[]> {
  const user = await requireUser();
  return searchRegistrations(user, Number(eventId), String(q ?? ""));
}

export async function walkInAction(_prev: CheckInState, formData: FormData): Promise<CheckInState> {
  const user = await requireUser();
  const eventId = Number(formData.get("eventId"));
  const state = await formAction(
    async (): Promise<CheckInState> => {
      const checkedIn = await addWalkIn(user, eventId, {
        fullName: formData.get("fullName") ?? "",
        phone: formData.get("phone") ?? "",
        consent: formData.get("consent") ?? "",
        consentTextKey: formData.get("consentTextKey") ?? "",
      });
      revalidatePath(`/training/${eventId}`);
      publicPagesChanged();
      return { ok: true, checkedIn, values: {} };
    },
    echoValues(formData, ["fullName", "phone", "consent"] as const),
  );
  return { ...state, at: Date.now() };
}
