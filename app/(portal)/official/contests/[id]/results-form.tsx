"use client";

import { useActionState, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { cn } from "@/components/ui/cn";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { ContestGridRow } from "@/lib/contests/queries";
import type { FormState } from "@/lib/validation/form-state";

type ErrorKey =
  | "required"
  | "notWhole"
  | "negative"
  | "tooLarge"
  | "formHasErrors"
  | "stale"
  | "notFound"
  | "villageNotInCommune"
  | "noVillages";

const FIELDS = ["participants", "visits"] as const;

/** The per-village grid: two numbers per village, each with its error beside it, and a running total. */
export function ResultsForm({
  action,
  contestId,
  stamp,
  rows,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  contestId: number;
  stamp: string;
  rows: ContestGridRow[];
}) {
  const t = useTranslations("contests");
  const te = useTranslations("contests.errors");
  const format = useFormatter();
  const [state, formAction] = useActionState<FormState, FormData>(action, { ok: false });
  const initial = (name: string, v: number | null) => state.values?.[name] ?? (v === null ? "" : String(v));
  const sumsOf = (values: FormState["values"]) =>
    sumOf(
      rows.map((r) => [
        values?.[`participants-${r.villageId}`] ?? String(r.participants ?? ""),
        values?.[`visits-${r.villageId}`] ?? String(r.visits ?? ""),
      ]),
    );
  const [sums, setSums] = useState(() => sumsOf(undefined));
  // A refused save echoes what was typed: the running total follows it (adjusted while rendering).
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setSums(sumsOf(state.values));
  }
  const recount = (form: HTMLFormElement) => {
    const fd = new FormData(form);
    setSums(
      sumOf(
        rows.map((r) => [String(fd.get(`participants-${r.villageId}`) ?? ""), String(fd.get(`visits-${r.villageId}`) ?? "")]),
      ),
    );
  };
  return (
    <form action={formAction} noValidate onInput={(e) => recount(e.currentTarget)} className="flex flex-col gap-3">
      <div aria-live="polite">
        {state.formError ? (
          <FormMessage tone="error">{te(state.formError as ErrorKey)}</FormMessage>
        ) : state.fieldErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
      </div>
      <p className="text-sm text-slate-700">{t("gridIntro")}</p>
      <input type="hidden" name="contestId" value={contestId} />
      <input type="hidden" name="stamp" value={stamp} />
      <ScrollRegion label={t("gridTitle")}>
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t("gridTitle")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th scope="col" className="px-2 py-2 font-medium">
                {t("village")}
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium">
                {t("participants")}
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium">
                {t("visits")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.villageId} className="border-b border-slate-100 align-top">
                <th scope="row" className="px-2 py-2 font-normal text-slate-900">
                  {r.villageName}
                </th>
                {FIELDS.map((f) => {
                  const name = `${f}-${r.villageId}`;
                  const error = state.fieldErrors?.[name];
                  const errorId = `${name}-error`;
                  return (
                    <td key={f} className="px-2 py-2 text-right">
                      <input
                        id={name}
                        name={name}
                        inputMode="numeric"
                        autoComplete="off"
                        aria-label={t(f === "participants" ? "villageParticipants" : "villageVisits", { village: r.villageName })}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                        defaultValue={initial(name, r[f])}
                        className={cn(
                          "min-h-11 w-28 rounded-lg border bg-white px-3 py-2 text-right text-base text-slate-900 tabular-nums",
                          error ? "border-red-600" : "border-slate-400",
                        )}
                      />
                      {error ? (
                        <p id={errorId} className="mt-1 text-left text-sm font-medium text-red-700">
                          {te(error as ErrorKey)}
                        </p>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-300 font-semibold">
              <th scope="row" className="px-2 py-2">
                {t("total")}
              </th>
              <td className="px-2 py-2 text-right tabular-nums">{format.number(sums[0])}</td>
              <td className="px-2 py-2 text-right tabular-nums">{format.number(sums[1])}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      <div>
        <SubmitButton label={t("save")} pendingLabel={t("saving")} />
      </div>
    </form>
  );
}

/** The running totals of the numbers typed so far (anything not a whole number counts as 0). */
function sumOf(pairs: [string, string][]): [number, number] {
  const n = (s: string) => (/^\s*\d{1,9}\s*$/.test(s) ? Number(s) : 0);
  return pairs.reduce<[number, number]>((s, [p, v]) => [s[0] + n(p), s[1] + n(v)], [0, 0]);
}
