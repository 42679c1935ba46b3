"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { ImportIssue } from "@/lib/imports/table";
import type { FormState } from "@/lib/validation/form-state";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Uploads a CSV or XLSX file to an import action. A refused file lists every bad row with its
 * number; nothing is saved then. The action redirects on success (the page says how many rows).
 */
export function ImportForm({
  action,
  hidden,
  template,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  /** Hidden fields sent with the file (e.g. the contest's id). */
  hidden?: Record<string, string>;
  /** The template to download: a file name and its CSV text. */
  template: { fileName: string; csv: string };
}) {
  const t = useTranslations("imports");
  const tr = t as unknown as Translate;
  const [state, formAction] = useActionState<FormState, FormData>(action, { ok: false });
  const column = (c: string | number | undefined) =>
    typeof c === "string" && t.has(`columns.${c}` as never) ? tr(`columns.${c}`) : String(c ?? "");
  const issueText = (i: ImportIssue) =>
    t("rowMessage", {
      row: i.row,
      message: tr(`errors.${i.key}`, { ...i.values, column: column(i.values?.column) }),
    });
  // A byte-order mark so Excel opens the UTF-8 template with its Vietnamese letters intact.
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${template.csv}`)}`;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div aria-live="polite">
        {state.formError ? (
          <FormMessage tone="error">
            <p>{tr(`errors.${state.formError}`)}</p>
            {state.issues?.length ? (
              <>
                <p className="mt-1">{t("rowsTitle")}</p>
                <ul className="mt-1 list-disc pl-5">
                  {state.issues.map((i, n) => (
                    <li key={n}>{issueText(i)}</li>
                  ))}
                </ul>
                {state.issues.length >= 100 ? <p className="mt-1">{t("more")}</p> : null}
              </>
            ) : null}
          </FormMessage>
        ) : null}
      </div>
      <Field
        name="file"
        type="file"
        label={t("file")}
        hint={t("fileHint")}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        required
      />
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
        <a href={href} download={template.fileName} className="inline-flex min-h-11 items-center text-brand-700 underline">
          {t("template")}
        </a>
      </div>
    </form>
  );
}
