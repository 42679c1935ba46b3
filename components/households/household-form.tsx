"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { ConsentTick } from "@/components/consent/consent-tick";
import { ReloadLink } from "@/components/households/reload-link";
import type { HouseholdFormState } from "@/lib/households/form-state";
import { GENDERS, type HouseholdField } from "@/lib/households/schemas";

type Initial = { villageId?: number; headName?: string; address?: string; phone?: string | null; version?: number };

const SELECT = "min-h-11 rounded-lg border bg-white px-3 py-2 text-base text-slate-900";

/** Adding (mode "create", with the head's birth year and gender) or editing a household. */
export function HouseholdForm({
  mode,
  action,
  villages,
  initial = {},
  householdId,
  cancelHref,
}: {
  mode: "create" | "edit";
  action: (state: HouseholdFormState, formData: FormData) => Promise<HouseholdFormState>;
  villages: { id: number; name: string }[];
  initial?: Initial;
  householdId?: number;
  cancelHref: string;
}) {
  const t = useTranslations("householdForm");
  const te = useTranslations("householdErrors");
  const tp = useTranslations("privacy.consentForm");
  const [state, formAction] = useActionState<HouseholdFormState, FormData>(action, { ok: false });
  const err = (f: HouseholdField) => (state.fieldErrors?.[f] ? te(state.fieldErrors[f] as "required") : undefined);
  const v: Partial<Record<HouseholdField, string>> = state.values ?? {
    villageId: initial.villageId ? String(initial.villageId) : "",
    headName: initial.headName ?? "",
    address: initial.address ?? "",
    phone: initial.phone ?? "",
    version: initial.version ? String(initial.version) : "",
  };
  const selectClass = (f: HouseholdField) => `${SELECT} ${err(f) ? "border-red-600" : "border-slate-400"}`;
  const describedBy = (f: HouseholdField) => (err(f) ? `field-${f}-error` : undefined);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      <div aria-live="polite" className="flex flex-col gap-3">
        {state.formError === "stale" ? (
          <FormMessage tone="error">
            <p>{te("stale")}</p>
            <ReloadLink label={t("reload")} />
          </FormMessage>
        ) : state.formError === "duplicates" ? null : state.fieldErrors ? (
          <FormMessage tone="error">{te("formHasErrors")}</FormMessage>
        ) : null}
        {state.data?.length ? (
          <section
            aria-labelledby="duplicates-title"
            className="rounded-lg border border-amber-400 bg-amber-50 p-4 text-amber-950"
            role="alert"
          >
            <h2 id="duplicates-title" className="font-semibold">
              {t("duplicatesTitle")}
            </h2>
            <p className="mt-1 text-sm">{t("duplicatesIntro")}</p>
            <ul className="mt-2 flex flex-col gap-1">
              {state.data.map((d) => (
                <li key={d.id}>
                  <Link href={`/households/${d.id}`} target="_blank" className="font-medium text-brand-700 underline">
                    {d.headName}
                  </Link>{" "}
                  <span className="text-sm">
                    — {d.address}, {d.villageName} ({d.reason === "name" ? t("duplicateName") : t("duplicatePhone")})
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      {householdId ? <input type="hidden" name="householdId" value={householdId} /> : null}
      {mode === "edit" ? <input type="hidden" name="version" value={v.version ?? ""} /> : null}
      <Field name="villageId" label={t("village")} error={err("villageId")}>
        <select
          id="field-villageId"
          name="villageId"
          defaultValue={v.villageId ?? ""}
          aria-invalid={err("villageId") ? true : undefined}
          aria-describedby={describedBy("villageId")}
          className={selectClass("villageId")}
          key={`village-${v.villageId}`}
        >
          <option value="">{t("chooseVillage")}</option>
          {villages.map((village) => (
            <option key={village.id} value={village.id}>
              {village.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        name="headName"
        label={t("headName")}
        autoComplete="off"
        required
        defaultValue={v.headName}
        error={err("headName")}
      />
      <Field
        name="address"
        label={t("address")}
        hint={t("addressHint")}
        autoComplete="off"
        required
        defaultValue={v.address}
        error={err("address")}
      />
      <Field
        name="phone"
        type="tel"
        inputMode="tel"
        label={t("phone")}
        hint={t("phoneHint")}
        autoComplete="off"
        defaultValue={v.phone}
        error={err("phone")}
      />
      {mode === "create" ? (
        <>
          <Field
            name="headBirthYear"
            inputMode="numeric"
            label={t("headBirthYear")}
            required
            defaultValue={v.headBirthYear}
            error={err("headBirthYear")}
          />
          <Field name="headGender" label={t("headGender")} error={err("headGender")}>
            <select
              id="field-headGender"
              name="headGender"
              defaultValue={v.headGender ?? ""}
              aria-invalid={err("headGender") ? true : undefined}
              aria-describedby={describedBy("headGender")}
              className={selectClass("headGender")}
              key={`gender-${v.headGender}`}
            >
              <option value="">—</option>
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {t(`gender.${g}`)}
                </option>
              ))}
            </select>
          </Field>
          <ConsentTick
            kind="member"
            label={tp("agreedHead")}
            defaultChecked={v.consent === "yes"}
            error={err("consent") ?? err("consentTextKey")}
          />
        </>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {state.data?.length ? <CreateAnywayButton label={t("createAnyway")} /> : null}
        <SubmitButton label={mode === "create" ? t("submitCreate") : t("submitSave")} pendingLabel={t("submitting")} />
        <Link href={cancelHref} className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline">
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}

/** "Create anyway" after a possible duplicate: disabled while the form is submitting, so a double tap adds one household. */
function CreateAnywayButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" name="createAnyway" value="yes" variant="secondary" disabled={pending} aria-disabled={pending}>
      {label}
    </Button>
  );
}
