import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { ConsentList } from "@/components/consent/consent-list";
import { listMyConsents } from "@/lib/consent/consent";
import { getMyErasureRequest } from "@/lib/privacy/erasure";
import { getMyReminders } from "@/lib/outbox/opt-out";
import { getMyResidentOverview } from "@/lib/residents/queries";
import { getMyPhoneVerification, PHONE_CODE } from "@/lib/users/phone-verification";
import { FormMessage } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { sendMyPhoneCodeAction, setMyRemindersAction, withdrawMyConsentAction } from "./actions";
import { PhoneCodeForm } from "./phone-code-form";
import { ClientMessages } from "@/components/i18n/client-messages";

const CODE_ERRORS = ["rateLimited", "phoneAlreadyVerified"] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("resident"))("household") };
}

export default async function ResidentHome({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireArea("resident");
  const [t, tm, tStatus, tp, tc, te, tpv, tv, format, locale, o, consents, erasure, phoneToVerify, reminders, sp] =
    await Promise.all([
      getTranslations("resident"),
      getTranslations("schedule.mine"),
      getTranslations("familyStatus"),
      getTranslations("privacy.myData"),
      getTranslations("privacy.consents"),
      getTranslations("privacy.erasureRequest"),
      getTranslations("phoneVerification"),
      getTranslations("validation"),
      getFormatter(),
      getLocale(),
      getMyResidentOverview(user),
      listMyConsents(user),
      getMyErasureRequest(user),
      getMyPhoneVerification(user),
      getMyReminders(user),
      searchParams,
    ]);
  const when = (d: Date) => format.dateTime(d, "stamp");
  const now = new Date();
  const codeError = CODE_ERRORS.find((e) => e === sp.error);
  return (
    <ClientMessages of={["PhoneCodeForm"]}>
      <div className="mx-auto max-w-3xl">
        <PageHeader title={t("title", { name: user.name })} />
        {sp.verified && !phoneToVerify ? (
          <div className="mb-4">
            <FormMessage tone="success">{tpv("verified")}</FormMessage>
          </div>
        ) : null}
        {phoneToVerify ? (
          // Nothing linked by the number shows below until it is proven (docs/decisions/0007).
          <section id="phone" className="mb-4">
            <Card title={tpv("title")}>
              <div aria-live="polite" className="mb-3 empty:hidden">
                {sp.codeSent ? <FormMessage tone="success">{tpv("sent")}</FormMessage> : null}
                {codeError ? <FormMessage tone="error">{tv(codeError)}</FormMessage> : null}
              </div>
              <p className="mb-3 text-sm text-slate-700">
                {tpv("intro", { phone: phoneToVerify.phone, minutes: PHONE_CODE.ttlMinutes })}
              </p>
              <PhoneCodeForm />
              <form action={sendMyPhoneCodeAction} className="mt-3">
                <Button type="submit" variant="secondary">
                  {tpv("resend")}
                </Button>
              </form>
              <p className="mt-3 text-sm text-slate-700">{tpv("inPerson")}</p>
            </Card>
          </section>
        ) : null}
        <Card title={t("household")}>
          {o.household ? (
            <>
              <p className="text-sm text-slate-700">
                {o.household.address} · {o.household.village.name} · {tStatus(o.household.family?.status ?? "none")}
              </p>
              <h3 className="mt-4 font-semibold">{t("skills")}</h3>
              <ul className="mt-2 flex flex-col gap-3">
                {o.household.members.map((m) => {
                  const has = new Set(m.skills.map((s) => s.skill.key));
                  return (
                    <li key={m.id}>
                      <p className="font-medium">{m.fullName}</p>
                      <ul className="mt-1 flex flex-wrap gap-1">
                        {o.skills.map((s) => (
                          <li
                            key={s.key}
                            className={
                              has.has(s.key)
                                ? "rounded bg-green-100 px-2 py-0.5 text-sm text-green-900"
                                : "rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-700"
                            }
                          >
                            {locale === "vi" ? s.nameVi : s.nameEn}: {has.has(s.key) ? t("has") : t("hasNot")}
                          </li>
                        ))}
                      </ul>
                    </li>
                  );
                })}
              </ul>
            </>
          ) : (
            <EmptyState>{t("noHousehold")}</EmptyState>
          )}
        </Card>
        <Card title={tm("title")} className="mt-4">
          {o.registrations.length === 0 ? (
            <div className="flex flex-col gap-3">
              <EmptyState>{tm("empty")}</EmptyState>
              <ButtonLink href="/schedule" variant="secondary">
                {tm("find")}
              </ButtonLink>
            </div>
          ) : (
            <ul className="flex flex-col gap-2">
              {o.registrations.map((r) => (
                <li key={r.id} className="flex flex-wrap justify-between gap-2 border-b border-slate-100 pb-2 last:border-0">
                  <span>
                    <Link href={`/schedule/${r.event.id}`} className="font-medium underline-offset-2 hover:underline">
                      {r.event.title}
                    </Link>
                    <span className="block text-sm text-slate-600">
                      {format.dateTime(r.event.startsAt, "long")} · {r.event.place}
                    </span>
                    {r.status !== "cancelled" && r.event.status !== "cancelled" && r.event.startsAt > now ? (
                      <Link
                        href={`/schedule/registered/${r.code}`}
                        className="block text-sm font-medium text-brand-700 underline"
                      >
                        {tm("code", { code: r.code })}
                      </Link>
                    ) : null}
                  </span>
                  <span className="text-sm">
                    {r.event.status === "cancelled"
                      ? tm("classCancelled")
                      : r.status === "cancelled"
                        ? tm("status.cancelled")
                        : r.event.startsAt > now
                          ? `${tm("upcoming")} · ${tm(`status.${r.status}`)}`
                          : r.attendance?.attended
                            ? tm("attended")
                            : tm("absent")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <section id="reminders">
          <Card title={t("reminders.title")} className="mt-4">
            {sp.reminders && reminders ? (
              <div className="mb-3">
                <FormMessage tone="success">{t("reminders.saved")}</FormMessage>
              </div>
            ) : null}
            {reminders ? (
              <form action={setMyRemindersAction} className="flex flex-col gap-3">
                <p>{t(reminders.on ? "reminders.on" : "reminders.off", { phone: reminders.phone })}</p>
                <input type="hidden" name="on" value={reminders.on ? "0" : "1"} />
                <div>
                  <Button type="submit" variant="secondary">
                    {t(reminders.on ? "reminders.turnOff" : "reminders.turnOn")}
                  </Button>
                </div>
                <p className="text-sm text-slate-700">{t("reminders.bySms")}</p>
              </form>
            ) : (
              <p className="text-sm text-slate-700">{t("reminders.noPhone")}</p>
            )}
          </Card>
        </section>
        <Card title={tp("title")} className="mt-4">
          <p className="text-sm text-slate-700">{tp("intro")}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <ButtonLink href="/api/me/export?format=json" variant="secondary" prefetch={false} download>
              {tp("json")}
            </ButtonLink>
            <ButtonLink href="/api/me/export?format=csv" variant="secondary" prefetch={false} download>
              {tp("csv")}
            </ButtonLink>
          </div>
          <Link href="/privacy" className="mt-3 inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline">
            {tp("policy")}
          </Link>
        </Card>
        <ConsentList
          title={tc("title")}
          intro={tc("intro")}
          consents={consents}
          withdrawAction={withdrawMyConsentAction}
          withdrawLabel={tc("withdraw")}
          withdrawn={Boolean(sp.withdrawn)}
        />
        <Card title={te("title")} className="mt-4">
          {erasure?.status === "pending" ? (
            <p role="status">{te("sent", { at: when(erasure.requestedAt) })}</p>
          ) : (
            <>
              {erasure?.status === "rejected" ? (
                <div role="status" className="mb-3">
                  <p className="font-medium">{te("rejectedTitle")}</p>
                  <p className="text-sm text-slate-700">
                    {te("rejected", {
                      at: when(erasure.requestedAt),
                      handledAt: erasure.handledAt ? when(erasure.handledAt) : "",
                    })}
                  </p>
                  {erasure.rejectionReason ? (
                    <p className="text-sm">{te("rejectedReason", { reason: erasure.rejectionReason })}</p>
                  ) : null}
                </div>
              ) : null}
              <p className="text-sm text-slate-700">{te("intro")}</p>
              <ButtonLink href="/resident/erasure" variant="secondary" className="mt-3">
                {te("open")}
              </ButtonLink>
            </>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
