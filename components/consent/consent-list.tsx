import { getFormatter, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import type { listMemberConsents } from "@/lib/consent/consent";

type ConsentRow = Awaited<ReturnType<typeof listMemberConsents>>[number];

/**
 * A person's consents, each with when and by whom it was recorded and, until withdrawn, a button
 * to withdraw it (the row stays as the record). The resident's own page and a member's edit page
 * both show it; each passes its own withdraw action and the hidden fields that action reads.
 */
export async function ConsentList({
  title,
  intro,
  consents,
  withdrawAction,
  withdrawLabel,
  hidden = {},
  withdrawn = false,
}: {
  title: string;
  intro?: string;
  consents: ConsentRow[];
  withdrawAction: (formData: FormData) => Promise<void>;
  withdrawLabel: string;
  /** Fields the action needs besides the consent's id. */
  hidden?: Record<string, string | number>;
  /** Just withdrawn: say so. */
  withdrawn?: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("privacy.consents"), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, "stamp");
  return (
    <section id="consents" className="mt-4">
      <Card title={title}>
        {intro ? <p className="text-sm text-slate-700">{intro}</p> : null}
        <div aria-live="polite">{withdrawn ? <FormMessage tone="success">{t("withdrawn")}</FormMessage> : null}</div>
        {consents.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <ul className="mt-3 flex flex-col gap-3">
            {consents.map((c) => (
              <li key={c.id} className="border-b border-slate-100 pb-3 last:border-0">
                <p className="font-medium">{t(`purpose.${c.purpose}`)}</p>
                {c.text ? (
                  <p className="text-sm text-slate-700" lang="vi">
                    {c.text}
                  </p>
                ) : null}
                <p className="text-sm text-slate-600">
                  {t("recordedAt", { at: when(c.recordedAt) })}
                  {c.recordedBy ? ` · ${t("recordedBy", { name: c.recordedBy.name })}` : ""}
                  {c.textKey ? ` · ${c.textKey}` : ""}
                </p>
                {c.withdrawnAt ? (
                  <p className="text-sm font-medium text-slate-800">
                    {t("withdrawnAt", { at: when(c.withdrawnAt) })}
                    {c.withdrawnBy ? ` · ${t("recordedBy", { name: c.withdrawnBy.name })}` : ""}
                  </p>
                ) : (
                  <form action={withdrawAction} className="mt-2">
                    <input type="hidden" name="consentId" value={c.id} />
                    {Object.entries(hidden).map(([name, value]) => (
                      <input key={name} type="hidden" name={name} value={value} />
                    ))}
                    <Button type="submit" variant="secondary" className="text-sm">
                      {withdrawLabel}
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
