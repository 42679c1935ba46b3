import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { ClassFacts } from "@/components/schedule/class-facts";
import { OneTapForm } from "@/components/schedule/one-tap-form";
import { SignUpForm } from "@/components/schedule/sign-up-form";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/session";
import { getPortalCommune } from "@/lib/communes/portal";
import { getMyRegistration } from "@/lib/training/registrations";
import { getPublicClass, getScheduleChoices, isOpenForSignUp } from "@/lib/training/schedule";
import { signUpForClassAction, signUpMeAction } from "@/app/(public)/schedule/actions";
import { ClientMessages } from "@/components/i18n/client-messages";

async function load(id: string) {
  const commune = await getPortalCommune();
  if (!commune || !/^\d{1,9}$/.test(id)) return null;
  const c = await getPublicClass(commune.id, Number(id));
  return c ? { commune, c } : null;
}

export async function classMetadata(id: string): Promise<Metadata> {
  const [found, t] = await Promise.all([load(id), getTranslations("schedule")]);
  if (!found) return { title: t("title") };
  const { c } = found;
  const description = [c.description, c.place, c.organiser].filter(Boolean).join(" · ");
  return { title: c.title, description, openGraph: { title: c.title, description, type: "article" } };
}

/**
 * A class's public page and its sign-up form. `user` is the signed-in visitor (null on the cached
 * page): a resident signs up with one tap, and sees their own registration.
 */
export async function ClassView({ id, user }: { id: string; user: CurrentUser | null }) {
  const [found, t] = await Promise.all([load(id), getTranslations("schedule")]);
  if (!found) notFound();
  const { commune, c } = found;
  const open = isOpenForSignUp(c);
  const full = c.seatsLeft === 0;
  const resident = user?.role === "resident" && user.communeId !== null ? user : null;
  const [choices, mine] = await Promise.all([
    getScheduleChoices(commune.id),
    resident ? getMyRegistration(resident, c.id) : Promise.resolve(null),
  ]);
  return (
    <ClientMessages of={["OneTapForm", "SignUpForm"]}>
      <div className="mx-auto max-w-2xl">
        <p className="mb-3">
          <Link href="/schedule" className="font-medium text-brand-700 underline">
            {t("class.back")}
          </Link>
        </p>
        <PageHeader title={c.title} intro={c.description || undefined} />
        <Card>
          <ClassFacts c={c} />
          <a
            href={`/schedule/${c.id}/ics`}
            className="mt-3 inline-flex min-h-11 items-center font-medium text-brand-700 underline"
            download
          >
            {t("class.addToCalendar")}
          </a>
        </Card>
        <section className="mt-4" aria-labelledby="signup-title">
          <Card>
            <h2 id="signup-title" className="mb-3 text-lg font-semibold">
              {full ? t("class.signUpFullTitle") : t("class.signUpTitle")}
            </h2>
            {c.status === "cancelled" ? (
              <FormMessage tone="error">{t("class.cancelled")}</FormMessage>
            ) : !open ? (
              <FormMessage tone="error">{t("class.closed")}</FormMessage>
            ) : mine ? (
              <div className="flex flex-col gap-3">
                <FormMessage tone="success">
                  {mine.status === "waitlist"
                    ? t("class.alreadyMineWaiting", { code: mine.code })
                    : t("class.alreadyMine", { code: mine.code })}
                </FormMessage>
                <ButtonLink href={`/schedule/registered/${mine.code}`} variant="secondary">
                  {t("class.viewRegistration")}
                </ButtonLink>
              </div>
            ) : (
              <div className="flex flex-col gap-6">
                {full ? <p className="text-sm text-slate-700">{t("class.fullNote")}</p> : null}
                {resident?.phone ? (
                  <div className="rounded-lg border border-brand-100 bg-brand-50 p-3">
                    <h3 className="mb-2 font-semibold">{t("class.oneTapTitle")}</h3>
                    <OneTapForm action={signUpMeAction} eventId={c.id} name={resident.name} phone={resident.phone} />
                  </div>
                ) : null}
                {resident?.phone ? (
                  // Signed in: the one-tap box is for oneself; the full form, named, for someone else.
                  <details>
                    <summary className="inline-flex min-h-11 cursor-pointer items-center font-semibold text-brand-700 underline">
                      {t("class.forSomeoneElse")}
                    </summary>
                    <div className="mt-3">
                      <SignUpForm action={signUpForClassAction} eventId={c.id} villages={choices.villages} full={full} />
                    </div>
                  </details>
                ) : (
                  <SignUpForm action={signUpForClassAction} eventId={c.id} villages={choices.villages} full={full} />
                )}
              </div>
            )}
          </Card>
        </section>
      </div>
    </ClientMessages>
  );
}
