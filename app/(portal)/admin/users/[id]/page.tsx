import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FormMessage } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/session";
import { getManagedUser, type UserAction } from "@/lib/users/manage";
import { inPersonRole } from "@/lib/users/phone-verification";
import { manageUserAction, verifyPhoneInPersonAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminUsers"))("title") };
}

const ACTIONS: readonly (UserAction | "verifyPhone")[] = ["revoke", "deactivate", "activate", "verifyPhone"];

// The confirmation step before revoking sessions or closing/reopening an account.
export default async function ConfirmUserActionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireArea("admin");
  const [{ id }, sp, t] = await Promise.all([params, searchParams, getTranslations("adminUsers")]);
  const action = ACTIONS.find((a) => a === sp.action);
  if (!/^\d{1,9}$/.test(id) || !action) notFound();
  const target = await getManagedUser(user, Number(id));
  if (action === "verifyPhone") {
    // Only a resident or volunteer still proving a number can be verified in person.
    if (!inPersonRole(target.role) || target.phone || !target.unverifiedPhone) notFound();
    return (
      <div className="mx-auto max-w-xl">
        <PageHeader title={t("confirmTitle.verifyPhone", { name: target.name })} />
        <Card>
          <form action={verifyPhoneInPersonAction} className="flex flex-col gap-4">
            <input type="hidden" name="id" value={target.id} />
            {sp.error === "phoneTaken" ? <FormMessage tone="error">{t("phoneTaken")}</FormMessage> : null}
            <p>{t("confirmText.verifyPhone", { phone: target.unverifiedPhone })}</p>
            {target.role !== "resident" ? <p>{t("verifyPhoneNoPassword")}</p> : null}
            <div className="flex flex-wrap gap-2">
              <SubmitButton label={t("confirm")} pendingLabel={t("confirm")} />
              <ButtonLink href="/admin/users" variant="secondary">
                {t("cancel")}
              </ButtonLink>
            </div>
          </form>
        </Card>
      </div>
    );
  }
  const self = target.id === user.id;
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t(`confirmTitle.${action}`, { name: target.name })} />
      <Card>
        <form action={manageUserAction} className="flex flex-col gap-4">
          <input type="hidden" name="id" value={target.id} />
          <input type="hidden" name="action" value={action} />
          <p>{t(`confirmText.${action}`)}</p>
          {self ? (
            <div className="flex flex-col gap-2">
              <FormMessage tone="error">{t("selfWarning")}</FormMessage>
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  name="confirmSelf"
                  value="yes"
                  className="mt-1 size-5"
                  aria-invalid={sp.error === "confirmSelf" ? true : undefined}
                  aria-describedby={sp.error === "confirmSelf" ? "confirmSelf-error" : undefined}
                />
                <span>{t("confirmSelf")}</span>
              </label>
              {sp.error === "confirmSelf" ? (
                <p id="confirmSelf-error" className="text-sm font-medium text-red-700" role="alert">
                  {t("confirmSelfRequired")}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <SubmitButton label={t("confirm")} pendingLabel={t("confirm")} />
            <ButtonLink href="/admin/users" variant="secondary">
              {t("cancel")}
            </ButtonLink>
          </div>
        </form>
      </Card>
    </div>
  );
}
