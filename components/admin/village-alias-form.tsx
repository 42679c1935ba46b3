"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import type { VillageAliasField } from "@/lib/communes/village-aliases";
import type { FormState } from "@/lib/validation/form-state";

type State = FormState<VillageAliasField>;
type Action = (prev: State, formData: FormData) => Promise<State>;

const SELECT = "min-h-11 rounded-lg border bg-white px-3 py-2 text-base text-slate-900";

/** Adds an old name of a village: the old commune (optional), the old village, the village now. */
export function VillageAliasForm({ action, villages }: { action: Action; villages: { id: number; name: string }[] }) {
  const t = useTranslations("villageAliases");
  const te = useTranslations("villageAliases.errors");
  const [state, formAction] = useActionState(action, { ok: false });
  const err = (f: VillageAliasField) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as "nameLong") : undefined);
  const v = (f: VillageAliasField) => state.values?.[f] ?? "";
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field
        name="oldCommune"
        label={t("oldCommune")}
        hint={t("oldCommuneHint")}
        defaultValue={v("oldCommune")}
        error={err("oldCommune")}
      />
      <Field name="oldVillage" label={t("oldVillage")} defaultValue={v("oldVillage")} error={err("oldVillage")} required />
      <Field name="villageId" label={t("village")} error={err("villageId")}>
        <select
          id="field-villageId"
          name="villageId"
          defaultValue={v("villageId")}
          key={v("villageId")}
          aria-invalid={err("villageId") ? true : undefined}
          className={`${SELECT} ${err("villageId") ? "border-red-600" : "border-slate-400"}`}
        >
          <option value="">{t("chooseVillage")}</option>
          {villages.map((village) => (
            <option key={village.id} value={village.id}>
              {village.name}
            </option>
          ))}
        </select>
      </Field>
      <div aria-live="polite">
        {state.ok ? <FormMessage tone="success">{t("saved")}</FormMessage> : null}
        {state.formError ? <FormMessage tone="error">{te(state.formError as "aliasInvalid")}</FormMessage> : null}
      </div>
      <div>
        <SubmitButton label={t("add")} pendingLabel={t("saving")} />
      </div>
    </form>
  );
}

/** Removes one old name (added again as easily: no confirmation). */
export function RemoveVillageAliasForm({ action, aliasId, label }: { action: Action; aliasId: number; label: string }) {
  const t = useTranslations("villageAliases");
  const te = useTranslations("villageAliases.errors");
  const [state, formAction] = useActionState(action, { ok: false });
  return (
    <form action={formAction} className="inline-flex flex-col gap-1">
      <input type="hidden" name="aliasId" value={aliasId} />
      <SubmitButton label={t("remove", { name: label })} pendingLabel={t("saving")} />
      {state.formError ? <FormMessage tone="error">{te(state.formError as "aliasInvalid")}</FormMessage> : null}
    </form>
  );
}
