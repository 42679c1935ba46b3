"use client";

import { useActionState, useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { ConsentTick } from "@/components/consent/consent-tick";
import { Field, FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QrScanner } from "@/components/training/qr-scanner";
import type { CheckInState, RosterMatch } from "@/lib/training/attendance";

type FormAction = (prev: CheckInState, fd: FormData) => Promise<CheckInState>;

/** Who was checked in, or why not; nothing before the first answer. */
function ResultMessage({ state }: { state?: CheckInState }) {
  const t = useTranslations("trainingCheckIn");
  const te = useTranslations("trainingErrors");
  const done = state?.checkedIn;
  if (done) {
    return (
      <FormMessage tone="success">
        {done.already ? t("alreadyCheckedIn", { name: done.name }) : t("checkedIn", { name: done.name })}
        {done.skillMembers > 0 ? ` ${t("skillGained", { count: done.skillMembers })}` : null}
      </FormMessage>
    );
  }
  const key = state?.formError ?? Object.values(state?.fieldErrors ?? {})[0];
  return key ? <FormMessage tone="error">{te(key as "notFound", { name: "", ...state?.params })}</FormMessage> : null;
}

export function CheckIn({
  eventId,
  codeAction,
  walkInAction,
  search,
  checkIn,
}: {
  eventId: number;
  codeAction: FormAction;
  walkInAction: FormAction;
  search: (eventId: number, q: string) => Promise<RosterMatch[]>;
  checkIn: (eventId: number, registrationId: number) => Promise<CheckInState>;
}) {
  const t = useTranslations("trainingCheckIn");
  const te = useTranslations("trainingErrors");
  const [codeState, codeFormAction] = useActionState<CheckInState, FormData>(codeAction, { ok: false });
  const [walkState, walkFormAction] = useActionState<CheckInState, FormData>(walkInAction, { ok: false });
  const codeForm = useRef<HTMLFormElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [matches, setMatches] = useState<RosterMatch[] | null>(null);
  const [pickResult, setPickResult] = useState<CheckInState>();
  const [pending, startTransition] = useTransition();

  const codeErr = codeState.fieldErrors?.code;
  const walkErr = (f: string) => (walkState.fieldErrors?.[f] ? te(walkState.fieldErrors[f] as "nameShort") : undefined);
  const consentErr = walkErr("consent") ?? walkErr("consentTextKey");

  return (
    <div className="flex flex-col gap-4">
      <Card title={t("scanTitle")}>
        <QrScanner
          onCode={(text) => {
            // The QR holds the code; take the last part if it is ever a link to the code.
            const code =
              text
                .trim()
                .split(/[/?#=&]/)
                .filter(Boolean)
                .pop() ?? "";
            if (codeInput.current) codeInput.current.value = code;
            codeForm.current?.requestSubmit();
          }}
        />
        <form ref={codeForm} action={codeFormAction} className="mt-4 flex flex-col gap-3" noValidate>
          <input type="hidden" name="eventId" value={eventId} />
          <div aria-live="polite">{codeErr ? null : <ResultMessage state={codeState} key={codeState.at} />}</div>
          <Field
            ref={codeInput}
            name="code"
            label={t("code")}
            hint={t("codeHint")}
            autoComplete="off"
            autoCapitalize="characters"
            defaultValue={codeState.values?.code}
            key={`code-${codeState.at}`}
            error={codeErr ? te(codeErr as "codeInvalid") : undefined}
          />
          <SubmitButton label={t("checkInCode")} pendingLabel={t("checking")} />
        </form>
      </Card>
      <Card title={t("searchTitle")}>
        <form
          className="flex flex-col gap-3"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              setPickResult(undefined);
              setMatches(await search(eventId, q));
            });
          }}
        >
          <Field
            name="q"
            type="search"
            label={t("searchName")}
            hint={t("searchHint")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("search")}
          </Button>
        </form>
        <div aria-live="polite" className="mt-3">
          <ResultMessage state={pickResult} />
        </div>
        {matches && matches.length === 0 ? <p className="mt-3 text-slate-600">{t("noMatches")}</p> : null}
        {matches && matches.length > 0 ? (
          <ul className="mt-3 flex flex-col gap-2">
            {matches.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 p-2">
                <span>
                  <span className="font-medium">{m.fullName}</span>{" "}
                  <span className="text-sm text-slate-600">{t("phoneTail", { tail: m.phoneTail })}</span>
                </span>
                {m.attended ? (
                  <span className="text-green-800">{t("alreadyIn")}</span>
                ) : (
                  <Button
                    type="button"
                    disabled={pending}
                    onClick={() =>
                      startTransition(async () => {
                        const r = await checkIn(eventId, m.id);
                        setPickResult(r);
                        if (r.checkedIn)
                          setMatches((all) => all?.map((x) => (x.id === m.id ? { ...x, attended: true } : x)) ?? null);
                      })
                    }
                  >
                    {t("checkInThis", { name: m.fullName })}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Card title={t("walkInTitle")}>
        <form action={walkFormAction} className="flex flex-col gap-3" noValidate>
          <input type="hidden" name="eventId" value={eventId} />
          <div aria-live="polite">
            {walkState.checkedIn || walkState.formError ? <ResultMessage state={walkState} key={walkState.at} /> : null}
          </div>
          <Field
            name="fullName"
            label={t("walkInName")}
            required
            defaultValue={walkState.values?.fullName}
            key={`wn-${walkState.at}`}
            error={walkErr("fullName")}
          />
          <Field
            name="phone"
            type="tel"
            inputMode="tel"
            label={t("walkInPhone")}
            defaultValue={walkState.values?.phone}
            key={`wp-${walkState.at}`}
            error={walkErr("phone")}
          />
          {/* The sentence read aloud and stored is the Vietnamese sign-up sentence, with its version. */}
          <ConsentTick
            kind="signup"
            title={t("walkInConsentTitle")}
            read={t("walkInConsentRead")}
            label={t("walkInConsentAgreed")}
            defaultChecked={walkState.values?.consent === "yes"}
            key={`wc-${walkState.at}`}
            error={consentErr}
          />
          <SubmitButton label={t("addWalkIn")} pendingLabel={t("adding")} />
        </form>
      </Card>
    </div>
  );
}
