import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { HouseholdLinks, type HouseholdLinkRow } from "@/components/visits/household-rows";
import { VisitForm } from "@/components/visits/visit-form";
import { can } from "@/lib/auth/capabilities";
import { requireArea } from "@/lib/auth/session";
import { listMyAssignedHouseholds } from "@/lib/households/assigned";
import { searchesByPhone, searchHouseholds } from "@/lib/households/search";
import { getVisitForm } from "@/lib/visits/queries";
import { recordVisitAction } from "../actions";
import { toDbId } from "@/lib/validation/db-id";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("visits"))("newTitle") };
}

export default async function NewVisitPage({ searchParams }: { searchParams: Promise<{ household?: string; q?: string }> }) {
  const user = await requireArea("visits");
  const params = await searchParams;
  const [t, tStatus, format] = await Promise.all([getTranslations("visits"), getTranslations("familyStatus"), getFormatter()]);
  const day = (d: Date) => format.dateTime(d, "day");
  const householdId = toDbId(params.household);

  if (householdId !== null) {
    const form = await getVisitForm(user, householdId);
    // Another commune's household, or none: a 404. This segment has no loading.tsx, so nothing has
    // streamed yet and the status can still be set.
    if (!form) notFound();
    const h = form.household;
    return (
      <div className="mx-auto max-w-xl">
        <PageHeader title={t("newTitle")} />
        <section aria-label={t("household")} className="mb-5 rounded-xl border border-slate-200 bg-white p-3">
          <p className="text-lg font-semibold">{h.headName}</p>
          <p className="text-sm text-slate-700">
            {h.address} · {h.villageName}
          </p>
          <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
            <span>{tStatus(h.familyStatus ?? "none")}</span>
            <span>{h.lastVisitOn ? t("lastVisit", { date: day(h.lastVisitOn) }) : t("neverVisited")}</span>
            {h.followUpOn ? <span className="text-amber-800">{t("followUp", { date: day(h.followUpOn) })}</span> : null}
          </p>
          {h.businessName ? <p className="mt-1 text-sm">{t("business", { name: h.businessName })}</p> : null}
          <Link
            href="/visits/new"
            className="mt-1 inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
          >
            {t("changeHousehold")}
          </Link>
        </section>
        <ClientMessages of={["VisitForm"]}>
          <VisitForm
            mode="new"
            form={form}
            action={recordVisitAction}
            // A field volunteer's phone keeps a visit the connection lost (their offline queue).
            keepOnPhone={can(user, "field:work") ? { ownerId: user.id, householdId: h.id, headName: h.headName } : undefined}
          />
        </ClientMessages>
      </div>
    );
  }

  const q = (params.q ?? "").trim().slice(0, 100);
  // The wording says what this user's search matches (volunteers' does not match phone numbers).
  const phone = searchesByPhone(user) ? "yes" : "no";
  const field = user.role === "volunteer" || user.role === "branch_leader";
  const [assigned, found] = await Promise.all([
    field && !q ? listMyAssignedHouseholds(user, { size: 10 }) : null,
    q ? searchHouseholds(user, { q, size: 10 }) : null,
  ]);
  const detail = (r: { lastVisitOn: Date | null; followUpOn: Date | null }) =>
    [
      r.lastVisitOn ? t("lastVisit", { date: day(r.lastVisitOn) }) : t("neverVisited"),
      r.followUpOn ? t("followUp", { date: day(r.followUpOn) }) : null,
    ]
      .filter(Boolean)
      .join(" · ");
  const rowsOf = (rows: (Omit<HouseholdLinkRow, "detail"> & { lastVisitOn: Date | null; followUpOn: Date | null })[]) =>
    rows.map((r) => ({ ...r, detail: detail(r), detailUrgent: r.lastVisitOn === null }));

  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("newTitle")} intro={t("findIntro", { phone })} />
      <form role="search" action="/visits/new" className="mb-5 flex gap-2">
        <label htmlFor="visit-search" className="sr-only">
          {t("searchLabel", { phone })}
        </label>
        <input
          id="visit-search"
          type="search"
          name="q"
          defaultValue={q}
          placeholder={t("searchLabel", { phone })}
          autoComplete="off"
          enterKeyHint="search"
          className="min-h-12 min-w-0 flex-1 rounded-lg border border-slate-400 bg-white px-3 text-base"
        />
        <button type="submit" className="min-h-12 rounded-lg bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
          {t("searchSubmit")}
        </button>
      </form>
      {found ? (
        <Card title={t("searchTitle")}>
          {found.total === 0 ? (
            <EmptyState>{t("noResults", { q })}</EmptyState>
          ) : (
            <>
              <HouseholdLinks rows={rowsOf(found.rows)} label={(name) => t("pick", { name })} />
              {found.total > found.rows.length ? (
                <p className="mt-2 text-sm text-slate-600">{t("moreResults", { total: found.total })}</p>
              ) : null}
            </>
          )}
        </Card>
      ) : null}
      {assigned && assigned.total > 0 ? (
        <Card title={t("assignedTitle")}>
          <HouseholdLinks rows={rowsOf(assigned.rows)} label={(name) => t("pick", { name })} />
          {assigned.total > assigned.rows.length ? (
            <Link
              href="/volunteer"
              className="mt-2 inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
            >
              {t("backHome")}
            </Link>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
