import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getErasureRequest } from "@/lib/privacy/erasure";
import { carryOutErasureAction } from "../actions";
import { RejectErasureForm } from "./reject-form";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("erasureAdmin"))("title") };
}

// The confirmation step before anonymising: it cannot be undone.
export default async function ConfirmErasurePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireArea("admin");
  const [{ id }, t, format] = await Promise.all([params, getTranslations("erasureAdmin"), getFormatter()]);
  if (!/^\d{1,9}$/.test(id)) notFound();
  const r = await getErasureRequest(user, Number(id));
  const name = r.user?.name ?? "";
  const when = (d: Date) => format.dateTime(d, "stamp");
  return (
    <ClientMessages of={["RejectErasureForm"]}>
      <div className="mx-auto max-w-xl">
        <PageHeader title={t("confirmTitle", { name })} />
        <Card>
          <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">{t("person")}</dt>
            <dd>{`${name} ${r.user?.phone ?? ""}`.trim()}</dd>
            <dt className="font-medium">{t("requestedAt")}</dt>
            <dd>{when(r.requestedAt)}</dd>
            <dt className="font-medium">{t("reason")}</dt>
            <dd>{r.reason || t("noReason")}</dd>
          </dl>
          {r.status !== "pending" ? (
            <>
              <FormMessage tone="error">{t("already")}</FormMessage>
              <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="font-medium">{t("outcome")}</dt>
                <dd>{t(`status.${r.status}`)}</dd>
                {r.handledAt ? (
                  <>
                    <dt className="font-medium">{t("handledAt")}</dt>
                    <dd>{`${when(r.handledAt)} ${r.handledBy?.name ?? ""}`.trim()}</dd>
                  </>
                ) : null}
                {r.rejectionReason ? (
                  <>
                    <dt className="font-medium">{t("rejectReason")}</dt>
                    <dd>{r.rejectionReason}</dd>
                  </>
                ) : null}
              </dl>
              <ButtonLink href="/admin/erasure" variant="secondary" className="mt-4">
                {t("back")}
              </ButtonLink>
            </>
          ) : (
            <>
              <form action={carryOutErasureAction} className="flex flex-col gap-4">
                <input type="hidden" name="id" value={r.id} />
                <p>{t("confirmText")}</p>
                {r.user?.member?.isHead ? <FormMessage tone="error">{t("isHead")}</FormMessage> : null}
                <div className="flex flex-wrap gap-2">
                  <SubmitButton label={t("carryOut")} pendingLabel={t("carrying")} />
                  <ButtonLink href="/admin/erasure" variant="secondary">
                    {t("back")}
                  </ButtonLink>
                </div>
              </form>
              <section aria-labelledby="reject-title" className="mt-6 border-t border-slate-200 pt-4">
                <h2 id="reject-title" className="font-semibold">
                  {t("rejectTitle")}
                </h2>
                <p className="mb-3 text-sm text-slate-700">{t("rejectIntro")}</p>
                <RejectErasureForm id={r.id} />
              </section>
            </>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
