import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { InlineActionForm } from "@/components/families/inline-action-form";
import { Notice } from "@/components/families/notice";
import { Pager } from "@/components/ui/pager";
import { VolunteerSelect } from "@/components/families/volunteer-select";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { getAssignBoard } from "@/lib/assignments/queries";
import { AssignQuerySchema, type AssignQuery } from "@/lib/assignments/schemas";
import { requireArea } from "@/lib/auth/session";
import { assignAction, reassignAction, unassignAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("families.assign"))("title") };
}

const NOTICES = ["assigned", "reassigned", "unassigned"] as const;

type HouseholdRow = {
  id: number;
  headName: string;
  address: string;
  villageName: string;
  assignees: { assignmentId: number; volunteerId: number; name: string; ours: boolean }[];
};

export default async function AssignPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("branch");
  const sp = await searchParams;
  const query = AssignQuerySchema.parse(sp);
  const [t, format, board] = await Promise.all([getTranslations("families.assign"), getFormatter(), getAssignBoard(user, query)]);
  if (!board) {
    return (
      <div>
        <PageHeader title={t("title")} />
        <EmptyState>{t("noBranch")}</EmptyState>
      </div>
    );
  }
  const href = (patch: Partial<AssignQuery>) => {
    const next = { ...query, ...patch };
    const p = new URLSearchParams();
    if (next.q) p.set("q", next.q);
    if (next.page > 1) p.set("page", String(next.page));
    if (next.volunteer) p.set("volunteer", String(next.volunteer));
    if (next.apage > 1) p.set("apage", String(next.apage));
    const s = p.toString();
    return s ? `/branch/assign?${s}` : "/branch/assign";
  };
  const back = href({});
  const notice = NOTICES.find((n) => n === sp.notice);
  const when = (d: Date) => format.dateTime(d, "short");

  const householdColumns = (prefix: string) => [
    {
      key: "household",
      header: t("household"),
      cell: (r: HouseholdRow) => (
        <>
          <span className="font-medium">{r.headName}</span>
          <span className="block text-slate-600">
            {r.address} · {r.villageName}
          </span>
        </>
      ),
    },
    {
      key: "holders",
      header: t("holders"),
      cell: (r: HouseholdRow) =>
        r.assignees.length === 0 ? (
          <span className="text-amber-800">{t("nobody")}</span>
        ) : (
          r.assignees.map((a) => (a.ours ? a.name : t("otherBranchHolder", { name: a.name }))).join(", ")
        ),
    },
    {
      key: "assign",
      header: t("assignTo"),
      cell: (r: HouseholdRow) => (
        <InlineActionForm action={assignAction} hidden={{ householdId: r.id, back }} submitLabel={t("assign")}>
          <VolunteerSelect
            id={`${prefix}-volunteer-${r.id}`}
            label={t("volunteerFor", { name: r.headName })}
            volunteers={board.volunteers}
            placeholder={t("pickVolunteer")}
          />
        </InlineActionForm>
      ),
    },
  ];

  return (
    <ClientMessages of={["InlineActionForm"]}>
      <div className="flex flex-col gap-4">
        <PageHeader title={t("title")} intro={t("intro", { branch: board.branch.name })} />
        <div>
          <ButtonLink href="/branch" variant="ghost">
            {t("back")}
          </ButtonLink>
        </div>
        <Notice text={notice ? t(`notice.${notice}`) : null} />

        <Card title={t("adoptedTitle")}>
          {board.adopted.length === 0 ? (
            <EmptyState>{t("adoptedEmpty")}</EmptyState>
          ) : (
            <Table caption={t("adoptedTitle")} rows={board.adopted} rowKey={(r) => r.id} columns={householdColumns("adopted")} />
          )}
        </Card>

        <Card title={t("searchTitle")}>
          <form method="get" action="/branch/assign" role="search" className="mb-3 flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1">
              <label htmlFor="assign-q" className="font-medium">
                {t("q")}
              </label>
              <input
                id="assign-q"
                name="q"
                type="search"
                defaultValue={query.q}
                className="min-h-11 w-72 max-w-full rounded-lg border border-slate-400 bg-white px-3 py-2"
              />
            </div>
            {query.volunteer ? <input type="hidden" name="volunteer" value={query.volunteer} /> : null}
            <Button type="submit">{t("search")}</Button>
          </form>
          {!board.search ? (
            <p className="text-slate-600">{t("searchHint")}</p>
          ) : board.search.rows.length === 0 ? (
            <EmptyState>{t("searchEmpty")}</EmptyState>
          ) : (
            <>
              <Table
                caption={t("searchResults", { total: board.search.total })}
                rows={board.search.rows}
                rowKey={(r) => r.id}
                columns={householdColumns("found")}
              />
              <Pager
                page={board.search.page}
                pages={board.search.pages}
                href={(page) => href({ page })}
                labels={{
                  label: t("pager"),
                  previous: t("previous"),
                  next: t("next"),
                  position: t("position", { page: board.search.page, pages: board.search.pages }),
                }}
              />
            </>
          )}
        </Card>

        <Card title={t("currentTitle", { total: board.assignments.total })}>
          <form method="get" action="/branch/assign" className="mb-3 flex flex-wrap items-end gap-3">
            {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
            <div className="flex flex-col gap-1">
              <label htmlFor="assign-filter-volunteer" className="font-medium">
                {t("filterVolunteer")}
              </label>
              <select
                id="assign-filter-volunteer"
                name="volunteer"
                defaultValue={query.volunteer ? String(query.volunteer) : ""}
                className="min-h-11 rounded-lg border border-slate-400 bg-white px-3 py-2"
              >
                <option value="">{t("allVolunteers")}</option>
                {board.volunteers.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" variant="secondary">
              {t("filter")}
            </Button>
          </form>
          {board.assignments.rows.length === 0 ? (
            <EmptyState>{t("currentEmpty")}</EmptyState>
          ) : (
            <>
              <Table
                caption={t("currentTitle", { total: board.assignments.total })}
                rows={board.assignments.rows}
                rowKey={(r) => r.id}
                columns={[
                  {
                    key: "household",
                    header: t("household"),
                    cell: (r) => (
                      <>
                        <span className="font-medium">{r.household.headName}</span>
                        <span className="block text-slate-600">
                          {r.household.address} · {r.household.villageName}
                        </span>
                      </>
                    ),
                  },
                  { key: "volunteer", header: t("volunteer"), cell: (r) => r.volunteer.name },
                  { key: "since", header: t("since"), cell: (r) => when(r.assignedAt) },
                  {
                    key: "reassign",
                    header: t("reassignTo"),
                    cell: (r) => (
                      <InlineActionForm action={reassignAction} hidden={{ assignmentId: r.id, back }} submitLabel={t("reassign")}>
                        <VolunteerSelect
                          id={`reassign-volunteer-${r.id}`}
                          label={t("volunteerFor", { name: r.household.headName })}
                          volunteers={board.volunteers}
                          placeholder={t("pickVolunteer")}
                          exclude={r.volunteer.id}
                        />
                      </InlineActionForm>
                    ),
                  },
                  {
                    key: "unassign",
                    header: <span className="sr-only">{t("unassign")}</span>,
                    cell: (r) => (
                      <InlineActionForm
                        action={unassignAction}
                        hidden={{ assignmentId: r.id, back }}
                        submitLabel={t("unassign")}
                        confirmPrompt={t("unassignConfirm", { name: r.household.headName, volunteer: r.volunteer.name })}
                      />
                    ),
                  },
                ]}
              />
              <Pager
                page={board.assignments.page}
                pages={board.assignments.pages}
                href={(apage) => href({ apage })}
                labels={{
                  label: t("currentPager"),
                  previous: t("previous"),
                  next: t("next"),
                  position: t("position", { page: board.assignments.page, pages: board.assignments.pages }),
                }}
              />
            </>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
