"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { ButtonLink } from "@/components/ui/button";
import type { FormState } from "@/lib/validation/form-state";

type F =
  | "topicId"
  | "title"
  | "audience"
  | "description"
  | "place"
  | "organiser"
  | "partnerCommuneId"
  | "villageId"
  | "capacity"
  | "date"
  | "startTime"
  | "endTime";
type Option = { id: number; name: string };
const AUDIENCES = ["residents", "everyone", "workers", "officials"] as const;
const SELECT = "min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";

export function EventForm({
  action,
  topics,
  villages,
  communes,
  defaults,
  hidden,
  mode,
  backHref,
}: {
  action: (prev: FormState<F>, fd: FormData) => Promise<FormState<F>>;
  topics: Option[];
  villages: Option[];
  communes: Option[];
  defaults?: Partial<Record<F, string>>;
  hidden?: Record<string, string>;
  mode: "create" | "edit";
  backHref: string;
}) {
  const t = useTranslations("trainingForm");
  const te = useTranslations("trainingErrors");
  const [state, formAction] = useActionState<FormState<F>, FormData>(action, { ok: false });
  const v = (f: F) => state.values?.[f] ?? defaults?.[f] ?? "";
  const err = (f: F) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as "required") : undefined);
  const select = (name: F, options: Option[], none?: string, required?: boolean) => (
    <Field name={name} label={t(name as "topicId")} error={err(name)}>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={v(name)}
        key={v(name)}
        required={required}
        aria-invalid={err(name) ? true : undefined}
        className={SELECT}
      >
        <option value="">{none ?? t("chooseTopic")}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-4" noValidate>
      <div aria-live="polite">
        {state.formError ? (
          <FormMessage tone="error">{te(state.formError as "stale")}</FormMessage>
        ) : state.fieldErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
      </div>
      {Object.entries(hidden ?? {}).map(([k, val]) => (
        <input key={k} type="hidden" name={k} value={val} />
      ))}
      {select("topicId", topics, undefined, true)}
      <Field
        name="title"
        label={t("title")}
        required
        defaultValue={v("title")}
        key={`title-${v("title")}`}
        error={err("title")}
      />
      <Field name="audience" label={t("audience")} error={err("audience")}>
        <select id="field-audience" name="audience" defaultValue={v("audience") || "residents"} className={SELECT}>
          {AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`audiences.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        name="place"
        label={t("place")}
        required
        defaultValue={v("place")}
        key={`place-${v("place")}`}
        error={err("place")}
      />
      <Field
        name="organiser"
        label={t("organiser")}
        required
        defaultValue={v("organiser")}
        key={`org-${v("organiser")}`}
        error={err("organiser")}
      />
      {select("villageId", villages, t("villageNone"))}
      {select("partnerCommuneId", communes, t("partnerNone"))}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          label={t("capacity")}
          required
          defaultValue={v("capacity")}
          key={`cap-${v("capacity")}`}
          error={err("capacity")}
        />
        <Field
          name="date"
          type="date"
          label={t("date")}
          required
          defaultValue={v("date")}
          key={`d-${v("date")}`}
          error={err("date")}
        />
        <Field
          name="startTime"
          type="time"
          label={t("startTime")}
          hint={t("timeHint")}
          required
          defaultValue={v("startTime")}
          key={`s-${v("startTime")}`}
          error={err("startTime")}
        />
        <Field
          name="endTime"
          type="time"
          label={t("endTime")}
          hint={t("timeHint")}
          required
          defaultValue={v("endTime")}
          key={`e-${v("endTime")}`}
          error={err("endTime")}
        />
      </div>
      <Field name="description" label={t("description")} error={err("description")}>
        <textarea
          id="field-description"
          name="description"
          rows={3}
          defaultValue={v("description")}
          key={`desc-${v("description")}`}
          className={SELECT}
        />
      </Field>
      <div className="flex flex-wrap gap-3">
        <SubmitButton
          label={mode === "create" ? t("create") : t("save")}
          pendingLabel={mode === "create" ? t("creating") : t("saving")}
        />
        <ButtonLink href={backHref} variant="secondary">
          {t("cancelEdit")}
        </ButtonLink>
      </div>
    </form>
  );
}
