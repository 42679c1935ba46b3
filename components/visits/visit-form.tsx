"use client";

// The one client part of recording a visit: it keeps the idempotency key made when the form was
// opened (so a double tap or a retry after a lost response records one visit), shows the member
// picker only for ticked items, and keeps the Save button under the thumb. Everything it shows
// comes from the server page as plain data.
//
// What is on screen is what is sent, through every failure: every input is controlled by state
// here, and the form is submitted by calling the action from onSubmit, not through
// <form action>, which React resets after each action (ticks and radios went back to their
// defaults after a failed save while the highlighted choice stayed: issue 13).
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useSyncExternalStore, useTransition, type FormEvent, type ReactNode } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { FormMessage } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { VisitField } from "@/lib/visits/errors";
import type { VisitFormData, VisitFormSkill, VisitValues } from "@/lib/visits/queries";
import { OUTCOMES } from "@/lib/visits/rules";
import type { VisitFormState } from "@/lib/visits/schemas";
import type { VisitOutcome } from "@/lib/generated/prisma/enums";
import { newIdempotencyKey } from "@/components/forms/idempotency-key";
import { SHELL_PATH } from "@/components/offline/names";
import { enqueueVisit } from "@/components/offline/store";
import { sendQueue } from "@/components/offline/sync";

type Props = {
  form: VisitFormData;
  /** The server action that saves the form (recordVisitAction or updateVisitAction). */
  action: (prev: VisitFormState, formData: FormData) => Promise<VisitFormState>;
  /** Instead of opening the saved visit: the offline screen keeps the visit on the phone and stays. */
  onSaved?: () => void;
  /**
   * A field volunteer's new visit: when the connection fails, it is kept in the phone's queue
   * (components/offline) with its key and sent by itself later, exactly once.
   */
  keepOnPhone?: { ownerId: number; householdId: number; headName: string };
} & ({ mode: "new" } | { mode: "edit"; visitId: number; values: VisitValues });

const noSubscription = () => () => {};

/** Waits before sending again when the server was busy: a burst of saves passes in seconds. */
const BUSY_RETRY_MS = [1_000, 3_000, 6_000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Who an item is for when ticked: the head, unless the head has it and someone else does not. */
function defaultMembers(form: VisitFormData, skillId: number): number[] {
  const lacking = form.members.filter((m) => !m.skillIds.includes(skillId));
  const head = form.members.find((m) => m.isHead) ?? form.members[0];
  if (!head) return [];
  if (!head.skillIds.includes(skillId) || lacking.length === 0) return [head.id];
  return [lacking[0].id];
}

/** The campaign a visit on `day` belongs to by default: a Volunteer Saturday running that day. */
function campaignFor(form: VisitFormData, day: string): number | null {
  const running = form.campaigns.filter((c) => c.startsOn <= day && day <= c.endsOn);
  return (running.find((c) => c.kind === "volunteer_saturday") ?? running[0])?.id ?? null;
}

export function VisitForm(props: Props) {
  const { form } = props;
  const t = useTranslations("visits");
  const locale = useLocale();
  const format = useFormatter();
  const initial = props.mode === "edit" ? props.values : null;
  const { action } = props;
  const router = useRouter();

  const [state, setState] = useState<VisitFormState>({ ok: false });
  const [retrying, setRetrying] = useState(false);
  const [opening, setOpening] = useState(false);
  const [kept, setKept] = useState(false);
  const [pending, startTransition] = useTransition();
  // Set synchronously, so a double tap sends one request even before React re-renders.
  const sending = useRef(false);

  /** Sends exactly what the form shows; a busy server is tried again a few times with the same key. */
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    const formData = new FormData(event.currentTarget);
    startTransition(async () => {
      let result: VisitFormState = { ok: false };
      for (let attempt = 0; ; attempt++) {
        try {
          result = await action(state, formData);
        } catch {
          // The request or its answer was lost: the key stays, so saving again cannot record twice.
          result = { ok: false, formError: "network" };
        }
        if (result.formError !== "busy" || attempt >= BUSY_RETRY_MS.length) break;
        setRetrying(true);
        await sleep(BUSY_RETRY_MS[attempt]);
      }
      setRetrying(false);
      if (result.formError === "network" && props.mode === "new" && props.keepOnPhone) {
        // The request or its answer was lost: the phone keeps the visit and sends it when it can.
        // If the server did store it, the same key makes the later send answer "already saved".
        const fields = [...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string");
        await enqueueVisit({
          idempotencyKey: String(formData.get("idempotencyKey") ?? key),
          ownerId: props.keepOnPhone.ownerId,
          householdId: props.keepOnPhone.householdId,
          headName: props.keepOnPhone.headName,
          visitedOn: String(formData.get("visitedOn") ?? visitedOn),
          recordedAt: new Date().toISOString(),
          fields,
          status: "pending",
        });
        setKept(true); // stays "sending" (the button off): this entry is the phone's now
        // Still connected (an answer lost, not the network): try at once; else when it returns.
        if (navigator.onLine) void sendQueue(props.keepOnPhone.ownerId);
        return;
      }
      if (result.ok && props.onSaved) {
        sending.current = false;
        props.onSaved();
        return;
      }
      if (result.ok && result.visitId) {
        // Stays "saving" until the visit's page is shown; the key would land on this visit anyway.
        setOpening(true);
        router.push(`/visits/${result.visitId}?saved=1`);
        return;
      }
      sending.current = false;
      setState(result);
    });
  }

  // Made once, on the phone, when the form opens; kept through errors and retries. Not during the
  // server render: the hidden input appears once the page is live (`hydrated`).
  const [key] = useState(() => (typeof window === "undefined" ? "" : newIdempotencyKey()));
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  const [visitedOn, setVisitedOn] = useState(initial?.visitedOn ?? form.today);
  const [outcome, setOutcome] = useState<VisitOutcome>(initial?.outcome ?? "done");
  const [items, setItems] = useState<Record<number, number[]>>(() =>
    Object.fromEntries((initial?.items ?? []).map((i) => [i.skillId, i.memberIds])),
  );
  const [co, setCo] = useState<number[]>(initial?.coVolunteerIds ?? []);
  const [notes, setNotes] = useState(initial?.notes ?? "");
  // "auto": the campaign running on the chosen day; "none": the person chose none.
  const [campaignChoice, setCampaignChoice] = useState<number | "auto" | "none">(
    initial ? (initial.campaignId ?? "none") : "auto",
  );
  const runningOn = form.campaigns.filter((c) => c.startsOn <= visitedOn && visitedOn <= c.endsOn);
  const campaignId =
    campaignChoice === "none"
      ? null
      : campaignChoice === "auto" || !runningOn.some((c) => c.id === campaignChoice)
        ? campaignFor(form, visitedOn)
        : campaignChoice;

  const errorOf = (f: VisitField) => {
    const k = state.fieldErrors?.[f];
    return k ? t(`errors.${k}` as "errors.required") : undefined;
  };
  const formError = retrying
    ? undefined
    : state.formError
      ? state.formError === "fixErrors"
        ? t("fixErrors")
        : t(`errors.${state.formError}` as "errors.required")
      : undefined;

  const skillName = (s: { nameVi: string; nameEn: string }) => (locale === "en" ? s.nameEn : s.nameVi);
  const memberSkills = form.skills.filter((s) => s.scope === "member");
  const businessSkills = form.skills.filter((s) => s.scope === "business");
  const toggleSkill = (skill: VisitFormSkill) =>
    setItems((prev) => {
      const next = { ...prev };
      if (skill.id in next) delete next[skill.id];
      else next[skill.id] = skill.scope === "member" ? defaultMembers(form, skill.id) : [];
      return next;
    });
  const toggleMember = (skillId: number, memberId: number) =>
    setItems((prev) => {
      const list = prev[skillId] ?? [];
      return { ...prev, [skillId]: list.includes(memberId) ? list.filter((m) => m !== memberId) : [...list, memberId] };
    });

  const campaignName = form.campaigns.find((c) => c.id === campaignId)?.name ?? t("noCampaign");
  const picked = /^\d{4}-\d{2}-\d{2}$/.test(visitedOn) ? new Date(`${visitedOn}T00:00:00Z`) : null;
  const dateLabel =
    visitedOn === form.today
      ? t("today")
      : picked && !Number.isNaN(picked.getTime())
        ? format.dateTime(picked, "day")
        : visitedOn;
  const moreOpen = Boolean(state.fieldErrors?.visitedOn || state.fieldErrors?.campaign);

  return (
    <form onSubmit={submit} className={cn("flex flex-col gap-5", formError || !hydrated ? "pb-48" : "pb-24")} noValidate>
      {props.mode === "new" ? (
        <>
          {hydrated ? <input type="hidden" name="idempotencyKey" value={key} /> : null}
          <input type="hidden" name="household" value={form.household.id} />
        </>
      ) : (
        <>
          <input type="hidden" name="visit" value={props.visitId} />
          <input type="hidden" name="version" value={form.household.version} />
        </>
      )}
      <fieldset className="flex flex-col gap-2" aria-describedby="items-hint">
        <legend className="mb-1 text-lg font-semibold">{t("whatDone")}</legend>
        <p id="items-hint" className="text-sm text-slate-600">
          {t("whatDoneHint")}
        </p>
        {errorOf("items") ? <p className="text-sm font-medium text-red-700">{errorOf("items")}</p> : null}
        {businessSkills.length ? <h3 className="mt-1 text-sm font-semibold text-slate-700">{t("memberSkills")}</h3> : null}
        {memberSkills.map((skill) => {
          const ticked = skill.id in items;
          const chosen = items[skill.id] ?? [];
          const everyoneHas = form.members.length > 0 && form.members.every((m) => m.skillIds.includes(skill.id));
          const names = form.members.filter((m) => chosen.includes(m.id)).map((m) => m.fullName);
          return (
            <div key={skill.id} className={cn("rounded-xl border bg-white", ticked ? "border-brand-600" : "border-slate-300")}>
              <label className="flex min-h-12 cursor-pointer items-center gap-3 px-3 py-2">
                <input
                  type="checkbox"
                  name="item"
                  value={skill.id}
                  checked={ticked}
                  onChange={() => toggleSkill(skill)}
                  className="size-6 shrink-0 accent-brand-600"
                />
                <span className="flex-1 font-medium">{skillName(skill)}</span>
                {everyoneHas ? <span className="text-xs text-green-800">{t("everyoneHas")}</span> : null}
              </label>
              {ticked ? (
                <details className="border-t border-slate-200 px-3 py-1" open={chosen.length === 0}>
                  <summary className="flex min-h-11 cursor-pointer items-center text-sm text-brand-700">
                    {names.length ? t("forWhom", { names: names.join(", ") }) : t("forWhomNone")}
                  </summary>
                  <fieldset className="flex flex-col gap-1 pb-2">
                    <legend className="sr-only">{t("forWhomLegend", { skill: skillName(skill) })}</legend>
                    {form.members.map((m) => (
                      <label key={m.id} className="flex min-h-11 cursor-pointer items-center gap-3">
                        <input
                          type="checkbox"
                          name={`for-${skill.id}`}
                          value={m.id}
                          checked={chosen.includes(m.id)}
                          onChange={() => toggleMember(skill.id, m.id)}
                          className="size-5 shrink-0 accent-brand-600"
                        />
                        <span>
                          {m.fullName}
                          <span className="text-sm text-slate-600">
                            {m.isHead ? ` · ${t("headOf")}` : ""}
                            {m.birthYear ? ` · ${t("bornIn", { year: m.birthYear })}` : ""}
                            {m.skillIds.includes(skill.id) ? ` · ${t("alreadyHas")}` : ""}
                          </span>
                        </span>
                      </label>
                    ))}
                  </fieldset>
                </details>
              ) : null}
            </div>
          );
        })}
        {businessSkills.length ? (
          <>
            <h3 className="mt-2 text-sm font-semibold text-slate-700">{t("businessSkills")}</h3>
            {businessSkills.map((skill) => (
              <label
                key={skill.id}
                className={cn(
                  "flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border bg-white px-3 py-2",
                  skill.id in items ? "border-brand-600" : "border-slate-300",
                )}
              >
                <input
                  type="checkbox"
                  name="item"
                  value={skill.id}
                  checked={skill.id in items}
                  onChange={() => toggleSkill(skill)}
                  className="size-6 shrink-0 accent-brand-600"
                />
                <span className="flex-1 font-medium">{skillName(skill)}</span>
                {form.household.businessSkillIds.includes(skill.id) ? (
                  <span className="text-xs text-green-800">{t("businessHas")}</span>
                ) : null}
              </label>
            ))}
          </>
        ) : null}
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">{t("outcome")}</legend>
        {errorOf("outcome") ? <p className="text-sm font-medium text-red-700">{errorOf("outcome")}</p> : null}
        {OUTCOMES.map((o) => (
          <label
            key={o}
            className={cn(
              "flex min-h-12 cursor-pointer items-center gap-3 rounded-xl border px-3 py-2",
              outcome === o ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white",
            )}
          >
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
              className="size-6 shrink-0 accent-brand-600"
            />
            <span className="font-medium">{t(`outcomes.${o}`)}</span>
          </label>
        ))}
        <p className="text-sm text-slate-600" aria-live="polite">
          {t(`outcomeHints.${outcome}`)}
        </p>
      </fieldset>

      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-lg font-semibold">{t("coVolunteers")}</legend>
        {errorOf("coVolunteers") ? <p className="text-sm font-medium text-red-700">{errorOf("coVolunteers")}</p> : null}
        {form.coVolunteers.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noCoVolunteers")}</p>
        ) : (
          <div className="flex flex-wrap gap-2">
            {form.coVolunteers.map((u) => (
              <label
                key={u.id}
                className={cn(
                  "flex min-h-11 cursor-pointer items-center gap-2 rounded-full border px-3",
                  co.includes(u.id) ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white",
                )}
              >
                <input
                  type="checkbox"
                  name="co"
                  value={u.id}
                  checked={co.includes(u.id)}
                  onChange={() => setCo((prev) => (prev.includes(u.id) ? prev.filter((x) => x !== u.id) : [...prev, u.id]))}
                  className="size-5 accent-brand-600"
                />
                <span className="text-sm">{u.name}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>

      <details className="rounded-xl border border-slate-300 bg-white px-3" open={moreOpen || undefined}>
        <summary className="flex min-h-12 cursor-pointer flex-col justify-center py-1">
          <span className="font-semibold">{t("more")}</span>
          <span className="text-sm text-slate-600">{t("moreSummary", { date: dateLabel, campaign: campaignName })}</span>
        </summary>
        <div className="flex flex-col gap-4 pb-3">
          <TextInput label={t("date")} error={errorOf("visitedOn")}>
            {(id, describedBy) => (
              <input
                id={id}
                type="date"
                name="visitedOn"
                value={visitedOn}
                min={form.minDate}
                max={form.today}
                onChange={(e) => setVisitedOn(e.target.value)}
                aria-describedby={describedBy}
                aria-invalid={errorOf("visitedOn") ? true : undefined}
                className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 text-base"
              />
            )}
          </TextInput>
          <TextInput label={t("campaign")} error={errorOf("campaign")}>
            {(id, describedBy) => (
              <select
                id={id}
                name="campaign"
                value={campaignId ?? ""}
                onChange={(e) => setCampaignChoice(e.target.value === "" ? "none" : Number(e.target.value))}
                aria-describedby={describedBy}
                className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 text-base"
              >
                <option value="">{t("noCampaign")}</option>
                {runningOn.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </TextInput>
        </div>
      </details>

      <TextInput label={t("notes")} hint={t("notesHint")} error={errorOf("notes")}>
        {(id, describedBy) => (
          <textarea
            id={id}
            name="notes"
            rows={2}
            maxLength={1000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-describedby={describedBy}
            className="rounded-lg border border-slate-400 bg-white px-3 py-2 text-base"
          />
        )}
      </TextInput>

      {/* What went wrong is said here, beside the button the thumb is on, not at the top of the page. */}
      <div className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white/95 p-3">
        <div className="mx-auto flex max-w-xl flex-col gap-2">
          <div aria-live="polite">
            {kept ? (
              <FormMessage tone="success">
                {t("keptOnPhone")}{" "}
                <a href={SHELL_PATH} className="font-medium underline">
                  {t("keptOnPhoneLink")}
                </a>
              </FormMessage>
            ) : formError ? (
              <FormMessage tone="error">{formError}</FormMessage>
            ) : null}
            {retrying ? <p className="text-sm font-medium text-amber-900">{t("retrying")}</p> : null}
          </div>
          {kept ? null : (
            <SaveButton
              ready={hydrated}
              pending={pending || opening}
              label={props.mode === "edit" ? t("saveEdit") : t("save")}
              pendingLabel={t("saving")}
              preparingLabel={t("preparing")}
            />
          )}
          {hydrated ? null : (
            // Rendered on the server: the page says why it cannot save yet if its scripts never arrive.
            <p className="text-sm text-slate-700">{t("preparingHint")}</p>
          )}
          <noscript>
            <p className="text-sm font-medium text-red-800">{t("noScript")}</p>
          </noscript>
        </div>
      </div>
    </form>
  );
}

function TextInput({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {children(id, describedBy)}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Disabled until the form has its key, and while saving: a double tap sends one request. */
function SaveButton({
  ready,
  pending,
  label,
  pendingLabel,
  preparingLabel,
}: {
  ready: boolean;
  pending: boolean;
  label: string;
  pendingLabel: string;
  preparingLabel: string;
}) {
  return (
    <button
      type="submit"
      disabled={pending || !ready}
      aria-disabled={pending || !ready}
      className={buttonClass("primary", "min-h-12 w-full text-lg")}
    >
      {pending ? pendingLabel : ready ? label : preparingLabel}
    </button>
  );
}
