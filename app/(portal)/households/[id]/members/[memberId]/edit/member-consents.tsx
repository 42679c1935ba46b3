import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/user";
import { listMemberConsents } from "@/lib/consent/consent";
import { withdrawMemberConsentAction } from "./consent-actions";

/** The member's consents, each withdrawable by the official on the person's behalf. */
export async function MemberConsents({
  user,
  householdId,
  memberId,
}: {
  user: CurrentUser;
  householdId: number;
  memberId: number;
}) {
  const [t, format, consents] = await Promise.all([
    getTranslations("privacy.consents"),
    getFormatter(),
    listMemberConsents(user, memberId),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  return (
    <section id="consents" className="mt-6">
      <Card title={t("memberTitle")}>
        {consents.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {consents.map((c) => (
              <li key={c.id} className="border-b border-slate-100 pb-3 last:border-0">
                <p className="font-medium">{t(`purpose.${c.purpose}`)}</p>
                {c.text ? <p className="text-sm text-slate-700">{c.text}</p> : null}
                <p className="text-sm text-slate-600">
                  {t("recordedAt", { at: when(c.recordedAt) })}
                  {c.recordedBy ? ` · ${t("recordedBy", { name: c.recordedBy.name })}` : ""}
                </p>
                {c.withdrawnAt ? (
                  <p className="text-sm font-medium text-slate-800">
                    {t("withdrawnAt", { at: when(c.withdrawnAt) })}
                    {c.withdrawnBy ? ` · ${t("recordedBy", { name: c.withdrawnBy.name })}` : ""}
                  </p>
                ) : (
                  <form action={withdrawMemberConsentAction} className="mt-2">
                    <input type="hidden" name="consentId" value={c.id} />
                    <input type="hidden" name="householdId" value={householdId} />
                    <input type="hidden" name="memberId" value={memberId} />
                    <Button type="submit" variant="secondary" className="text-sm">
                      {t("withdrawForMember")}
                    </Button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </section>
  );
}
