"use client";

// The volunteer's offline screen: their households and walk lists from the phone (IndexedDB), the
// visit form, and the visits not sent yet. A visit saved here goes to the phone's queue with the
// form's idempotency key; components/offline/sync.ts sends it when there is a connection.
import { useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { FormMessage } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button";
import { VisitForm } from "@/components/visits/visit-form";
import {
  enqueueVisit,
  listQueue,
  loadPack,
  PACK_EVENT,
  QUEUE_EVENT,
  removeQueued,
  type QueuedVisit,
} from "@/components/offline/store";
import { sendQueue } from "@/components/offline/sync";
import { addDays, todayInVietnam } from "@/lib/format/dates";
import type { OfflineHousehold, OfflinePack } from "@/lib/offline/pack";
import { OFFLINE_KEEP_DAYS } from "@/lib/offline/retention";
import type { VisitFormData } from "@/lib/visits/queries";
import { MAX_BACKDATE_DAYS } from "@/lib/visits/rules";
import type { VisitFormState } from "@/lib/visits/schemas";
import { checkOnPhone } from "@/lib/offline/check";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const asDate = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);

function formFor(pack: OfflinePack, h: OfflineHousehold): VisitFormData {
  const today = todayInVietnam();
  return {
    household: {
      id: h.id,
      headName: h.headName,
      address: h.address,
      villageName: h.villageName,
      version: h.version,
      lastVisitOn: asDate(h.lastVisitOn),
      followUpOn: asDate(h.followUpOn),
      familyStatus: h.familyStatus,
      businessName: h.businessName,
      businessSkillIds: h.businessSkillIds,
    },
    members: h.members,
    skills: pack.skills.filter((s) => h.businessName !== null || s.scope === "member"),
    coVolunteers: pack.coVolunteers,
    campaigns: pack.campaigns,
    today: iso(today),
    minDate: iso(addDays(today, -MAX_BACKDATE_DAYS)),
  };
}

type View = { kind: "list"; notice?: "queued" } | { kind: "form"; householdId: number; replaces?: string };

export function OfflineApp({ userId }: { userId: number }) {
  const t = useTranslations("offline");
  const tVisits = useTranslations("visits");
  const tStatus = useTranslations("familyStatus");
  const format = useFormatter();
  const [pack, setPack] = useState<OfflinePack | null | undefined>(undefined);
  const [queue, setQueue] = useState<QueuedVisit[]>([]);
  const [view, setView] = useState<View>({ kind: "list" });

  useEffect(() => {
    const load = () =>
      Promise.all([loadPack(userId), listQueue(userId)]).then(([p, q]) => {
        setPack(p);
        setQueue(q);
      });
    void load();
    const changed = () => void load();
    // The queue changes here and in the bar (sending); the bar also refreshes the pack.
    window.addEventListener(QUEUE_EVENT, changed);
    window.addEventListener(PACK_EVENT, changed);
    return () => {
      window.removeEventListener(QUEUE_EVENT, changed);
      window.removeEventListener(PACK_EVENT, changed);
    };
  }, [userId]);

  const day = (s: string | null) => (s ? format.dateTime(new Date(`${s}T00:00:00Z`), "day") : "");
  const reasonText = (row: QueuedVisit) => {
    const key =
      row.reason?.formError && row.reason.formError !== "fixErrors"
        ? row.reason.formError
        : Object.values(row.reason?.fieldErrors ?? {})[0];
    return key ? tVisits(`errors.${key}` as "errors.required") : tVisits("fixErrors");
  };

  if (pack === undefined) return <p className="mx-auto max-w-xl text-slate-700">{t("loading")}</p>;

  if (view.kind === "form" && pack) {
    const h = pack.households.find((x) => x.id === view.householdId);
    if (h) {
      const form = formFor(pack, h);
      const keep = async (_prev: VisitFormState, formData: FormData): Promise<VisitFormState> => {
        // Refused on the phone as the server would refuse it: beside each field, "fix the errors" above.
        const fieldErrors = checkOnPhone(formData, form);
        if (fieldErrors) return { ok: false, fieldErrors, formError: "fixErrors" };
        const key = String(formData.get("idempotencyKey") ?? "");
        const fields = [...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string");
        await enqueueVisit({
          idempotencyKey: key,
          ownerId: userId,
          householdId: h.id,
          headName: h.headName,
          visitedOn: String(formData.get("visitedOn") ?? form.today),
          recordedAt: new Date().toISOString(),
          fields,
          status: "pending",
        });
        if (view.replaces) await removeQueued(view.replaces);
        if (navigator.onLine) void sendQueue(userId);
        return { ok: true };
      };
      return (
        <div className="mx-auto max-w-xl">
          <h1 className="mb-3 text-2xl font-bold">{tVisits("newTitle")}</h1>
          <section aria-label={tVisits("household")} className="mb-5 rounded-xl border border-slate-200 bg-white p-3">
            <p className="text-lg font-semibold">{h.headName}</p>
            <p className="text-sm text-slate-700">
              {h.address} · {h.villageName}
            </p>
            <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
              <span>{tStatus(h.familyStatus ?? "none")}</span>
              <span>{h.lastVisitOn ? tVisits("lastVisit", { date: day(h.lastVisitOn) }) : tVisits("neverVisited")}</span>
            </p>
            <button
              type="button"
              onClick={() => setView({ kind: "list" })}
              className="mt-1 inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
            >
              {t("backToList")}
            </button>
          </section>
          <VisitForm
            key={`${h.id}-${view.replaces ?? ""}`}
            mode="new"
            form={form}
            action={keep}
            onSaved={() => setView({ kind: "list", notice: "queued" })}
          />
        </div>
      );
    }
  }

  const byId = new Map((pack?.households ?? []).map((h) => [h.id, h]));
  const assigned = (pack?.households ?? []).filter((h) => h.assigned);
  const unsent = queue.filter((q) => q.status === "pending");
  const refused = queue.filter((q) => q.status === "refused");

  const householdRow = (h: OfflineHousehold) => (
    <li key={h.id} className="rounded-xl border border-slate-200 bg-white p-3">
      <p className="font-semibold">{h.headName}</p>
      <p className="text-sm text-slate-700">
        {h.address} · {h.villageName}
      </p>
      <p className="mt-1 flex flex-wrap gap-x-3 text-sm">
        <span className={h.lastVisitOn ? "text-slate-600" : "font-medium text-red-700"}>
          {h.lastVisitOn ? tVisits("lastVisit", { date: day(h.lastVisitOn) }) : tVisits("neverVisited")}
        </span>
        {h.followUpOn ? <span className="text-amber-800">{tVisits("followUp", { date: day(h.followUpOn) })}</span> : null}
        <span className="text-slate-600">{tStatus(h.familyStatus ?? "none")}</span>
        {unsent.some((q) => q.householdId === h.id) ? <span className="font-medium text-amber-900">{t("hasUnsent")}</span> : null}
      </p>
      <button
        type="button"
        onClick={() => setView({ kind: "form", householdId: h.id })}
        className={buttonClass("primary", "mt-2 min-h-11 w-full")}
        aria-label={t("recordFor", { name: h.headName })}
      >
        {t("record")}
      </button>
    </li>
  );

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro", { days: OFFLINE_KEEP_DAYS })}</p>
        {pack ? (
          <p className="mt-1 text-sm text-slate-600">
            {t("packTime", {
              time: format.dateTime(new Date(pack.madeAt), {
                day: "2-digit",
                month: "2-digit",
                year: "numeric",
                hour: "2-digit",
                minute: "2-digit",
                timeZone: "Asia/Ho_Chi_Minh",
              }),
            })}
          </p>
        ) : null}
      </div>
      {view.kind === "list" && view.notice === "queued" ? (
        <div aria-live="polite">
          <FormMessage tone="success">{t("queued")}</FormMessage>
        </div>
      ) : null}

      {queue.length ? (
        <section aria-labelledby="unsent-title" className="rounded-xl border border-amber-300 bg-amber-50 p-3">
          <h2 id="unsent-title" className="font-semibold">
            {t("queueTitle")}
          </h2>
          <ul className="mt-2 flex flex-col gap-2">
            {[...refused, ...unsent].map((row) => (
              <li key={row.idempotencyKey} className="rounded-lg bg-white p-2 text-sm">
                <p className="font-medium">
                  {row.headName} · {day(row.visitedOn)}
                </p>
                {row.status === "pending" ? (
                  <p className="text-amber-900">{t("statusPending")}</p>
                ) : (
                  <>
                    <p className="font-medium text-red-800">{t("statusRefused", { reason: reasonText(row) })}</p>
                    <p className="mt-1 flex flex-wrap gap-2">
                      {byId.has(row.householdId) ? (
                        <button
                          type="button"
                          onClick={() => setView({ kind: "form", householdId: row.householdId, replaces: row.idempotencyKey })}
                          className={buttonClass("secondary", "min-h-11")}
                        >
                          {t("recordAgain")}
                        </button>
                      ) : null}
                      <button
                        type="button"
                        onClick={() => {
                          if (window.confirm(t("discardConfirm", { name: row.headName }))) void removeQueued(row.idempotencyKey);
                        }}
                        className={buttonClass("secondary", "min-h-11")}
                      >
                        {t("discard")}
                      </button>
                    </p>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {!pack ? (
        <p className="rounded-xl border border-slate-200 bg-white p-3 text-slate-700">{t("noPack")}</p>
      ) : (
        <>
          {pack.walkLists
            .filter((l) => l.householdIds.length)
            .map((l) => (
              <section key={l.id} aria-label={t("walkList", { name: l.name, campaign: l.campaignName })}>
                <h2 className="mb-2 font-semibold">{t("walkList", { name: l.name, campaign: l.campaignName })}</h2>
                <ul className="flex flex-col gap-2">
                  {l.householdIds
                    .map((id) => byId.get(id))
                    .filter((h) => h !== undefined)
                    .map(householdRow)}
                </ul>
              </section>
            ))}
          <section aria-labelledby="assigned-title">
            <h2 id="assigned-title" className="mb-2 font-semibold">
              {t("assignedTitle")}
            </h2>
            {assigned.length ? (
              <ul className="flex flex-col gap-2">{assigned.map(householdRow)}</ul>
            ) : (
              <p className="text-slate-700">{t("noAssigned")}</p>
            )}
          </section>
        </>
      )}
      <p className="text-xs text-slate-600">{t("privacyNote", { days: OFFLINE_KEEP_DAYS })}</p>
    </div>
  );
}
