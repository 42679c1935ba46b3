"use client";

import { useActionState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { DuplicateGroup } from "@/lib/onboarding/plan";
import type { FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
type Translate = (key: string, values?: Record<string, string | number>) => string;

const SELECT = "min-h-11 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

/** The refusal of a step, in the official's words (keys in `onboarding.errors`). */
function useErrors() {
  const te = useTranslations("onboarding.errors") as unknown as Translate;
  return (state: FormState, field?: string): string | undefined => {
    const key = field ? state.fieldErrors?.[field] : state.formError;
    return key ? te(key, { column: "", value: "", meaning: "", row: "", batch: "", ...state.params }) : undefined;
  };
}

/** Uploads a list: its kind and the file. Refusals (size, encoding, already imported) beside the file. */
export function UploadForm({ action, kinds }: { action: Action; kinds: readonly string[] }) {
  const t = useTranslations("onboarding") as unknown as Translate;
  const error = useErrors();
  const [state, formAction] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field name="kind" label={t("kind")} error={error(state, "kind")}>
        <select id="field-kind" name="kind" className={SELECT} defaultValue={kinds[0]}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        name="file"
        type="file"
        label={t("file")}
        hint={t("fileHint")}
        error={error(state, "file")}
        accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        required
      />
      {state.formError ? <FormMessage tone="error">{error(state)}</FormMessage> : null}
      <div>
        <SubmitButton label={t("upload")} pendingLabel={t("uploading")} />
      </div>
    </form>
  );
}

export type MappingColumn = { header: string; samples: string[]; meaning: string | null };

/** Each column's meaning (suggested from its header), with a few of its values to judge by. */
export function MappingForm({
  action,
  batchId,
  columns,
  meanings,
  submitLabel,
}: {
  action: Action;
  batchId: number;
  columns: MappingColumn[];
  meanings: readonly string[];
  submitLabel: "check" | "recheck";
}) {
  const t = useTranslations("onboarding") as unknown as Translate;
  const error = useErrors();
  const [state, formAction] = useActionState(action, { ok: false });
  const mappingError = error(state, "mapping") ?? error(state);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="id" value={batchId} />
      <input type="hidden" name="columns" value={columns.length} />
      <ol className="grid gap-3 sm:grid-cols-2">
        {columns.map((c, i) => (
          <li key={i} className="rounded-lg border border-slate-200 p-3">
            <label htmlFor={`column-${i}`} className="font-medium text-slate-900">
              {t("column", { n: i + 1, header: c.header || t("emptyHeader") })}
            </label>
            <select id={`column-${i}`} name={`column-${i}`} defaultValue={c.meaning ?? ""} className={`${SELECT} mt-1`}>
              <option value="">{t("meanings.none")}</option>
              {meanings.map((m) => (
                <option key={m} value={m}>
                  {t(`meanings.${m}`)}
                </option>
              ))}
            </select>
            {c.samples.length ? (
              <p className="mt-1 truncate text-sm text-slate-600">
                {t("sample")}: {c.samples.join(" · ")}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {mappingError ? <FormMessage tone="error">{mappingError}</FormMessage> : null}
      <div>
        <SubmitButton label={t(submitLabel)} pendingLabel={t("checking")} />
      </div>
    </form>
  );
}

/** The duplicate groups, a choice each (skip by default), and the one button that saves the batch. */
export function SaveForm({
  action,
  batchId,
  groups,
  chosen,
  count,
  saveLabel,
  describe,
  kind,
}: {
  action: Action;
  batchId: number;
  groups: DuplicateGroup[];
  chosen: Record<string, string>;
  count: number;
  saveLabel: "save" | "saveVolunteers";
  /** What each group is, rendered by the page (rows, names, the registry's match). */
  describe: Record<string, ReactNode>;
  /** The kind of list: what skip, merge and create mean differs. */
  kind: "households" | "businesses" | "volunteers";
}) {
  const t = useTranslations("onboarding") as unknown as Translate;
  const error = useErrors();
  const [state, formAction] = useActionState(action, { ok: false });
  const formError = error(state) ?? error(state, "choices");
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="id" value={batchId} />
      {groups.length ? (
        <ul className="flex flex-col gap-3">
          {groups.map((g) => (
            <li key={g.key}>
              <fieldset className="rounded-lg border border-slate-200 p-3">
                <legend className="px-1 font-medium text-slate-900">
                  {t("groupRows", { rows: g.rows.join(", "), name: g.name })}
                </legend>
                <div className="mb-2 text-sm text-slate-700">{describe[g.key]}</div>
                <div className="flex flex-col gap-1">
                  {g.choices.map((c) => (
                    <label key={c} className="flex min-h-11 items-center gap-2">
                      <input
                        type="radio"
                        name={`choice-${g.key}`}
                        value={c}
                        defaultChecked={(chosen[g.key] ?? g.choices[0]) === c}
                        className="h-5 w-5"
                      />
                      {t(
                        kind === "businesses"
                          ? `choicesBusiness.${c}`
                          : kind === "volunteers"
                            ? `choicesVolunteer.${c}`
                            : g.matches.length
                              ? `choices.${c}`
                              : `choicesInFile.${c}`,
                      )}
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          ))}
        </ul>
      ) : null}
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <div>
        <SubmitButton label={t(saveLabel, { count })} pendingLabel={t("saveStarting")} />
      </div>
    </form>
  );
}

/** A step that needs a confirmation first (undo, drop): a tick box the browser requires. */
export function ConfirmForm({
  action,
  batchId,
  confirm,
  label,
  pendingLabel,
}: {
  action: Action;
  batchId: number;
  confirm: string;
  label: string;
  pendingLabel: string;
}) {
  const error = useErrors();
  const [state, formAction] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <input type="hidden" name="id" value={batchId} />
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" name="confirm" required className="h-5 w-5" />
        {confirm}
      </label>
      {state.formError ? <FormMessage tone="error">{error(state)}</FormMessage> : null}
      <div>
        <SubmitButton label={label} pendingLabel={pendingLabel} />
      </div>
    </form>
  );
}
