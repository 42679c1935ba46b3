import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { InlineActionForm } from "@/components/families/inline-action-form";
import { Notice } from "@/components/families/notice";
import { Pager } from "@/components/ui/pager";
import { TargetForm } from "@/components/families/target-form";
import { TargetProgress } from "@/components/families/target-progress";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { Table } from "@/components/ui/table";
import { ExportLinks } from "@/components/drilldown/controls";
import { requireArea } from "@/lib/auth/session";
import { getMyBranchOverview, listMyBranchFamilies } from "@/lib/branches/queries";
import { branchVolunteersTable } from "@/lib/branches/tables";
import { FAMILY_STATUS_ORDER } from "@/lib/families/status";
import { releaseAction, setBranchTargetAction } from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("branch"))("title") };
}

const NOTICES = ["targetSaved", "released"] as const;

export default async function BranchHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("branch");
  const sp = await searchParams;
  const page = Number(sp.page) || 1;
  const [t, tf, tStatus, tHome, format, o, families] = await Promise.all([
    getTranslations("branch"),
    getTranslations("families.branch"),
    getTranslations("familyStatus"),
    getTranslations("branchHome"),
    getFormatter(),
    getMyBranchOverview(user),
    listMyBranchFamilies(user, { page }),
  ]);
  if (!o) {
    return (
      <div>
        <PageHeader title={t("title")} />
        <EmptyState>{t("none")}</EmptyState>
      </div>
    );
  }
  const day = (d: Date | null) => (d ? format.dateTime(d, "day") : tf("noDate"));
  const monthName = format.dateTime(o.month.from, "month");
  const notice = NOTICES.find((n) => n === sp.notice);
  const back = families.page > 1 ? `/branch?page=${families.page}` : "/branch";
  const progress = t("progress", { adopted: o.adopted, target: o.branch.targetFamilies });
  return (
    <ClientMessages of={["InlineActionForm", "TargetForm"]}>
      <div className="flex flex-col gap-4">
        <PageHeader title={o.branch.name} intro={o.branch.village?.name} />
        <Notice text={notice ? tf(`notice.${notice}`) : null} />
        <Card title={tf("progressTitle")}>
          <p className="font-medium">{progress}</p>
          <TargetProgress adopted={o.adopted} target={o.branch.targetFamilies} label={progress} />
          <p className={o.targetMet ? "mt-2 font-semibold text-green-800" : "mt-2 text-slate-700"}>
            {o.targetMet ? tf("targetMet") : tf("targetGap", { count: o.branch.targetFamilies - o.adopted })}
          </p>
          <p className="mt-1 text-sm text-slate-600">{t("certified", { count: o.certified })}</p>
          <div className="mt-4 border-t border-slate-100 pt-4">
            <TargetForm
              action={setBranchTargetAction}
              branchId={o.branch.id}
              branchName={o.branch.name}
              version={o.branch.version}
              target={o.branch.targetFamilies}
              back="/branch"
            />
          </div>
        </Card>
        <Card title={tf("familiesTitle")}>
          <div className="mb-3 flex flex-wrap gap-2">
            <ButtonLink href="/branch/adopt">{tf("adoptLink")}</ButtonLink>
            <ButtonLink href="/branch/assign" variant="secondary">
              {tf("assignLink")}
            </ButtonLink>
          </div>
          {families.total === 0 ? (
            <EmptyState>{tf("familiesEmpty")}</EmptyState>
          ) : (
            <>
              <Table
                caption={tf("familiesTitle")}
                rows={families.rows}
                rowKey={(r) => r.id}
                columns={[
                  {
                    key: "household",
                    header: tf("household"),
                    cell: (r) => (
                      <>
                        <span className="font-medium">{r.household.headName}</span>
                        <span className="block text-slate-600">
                          {r.household.address} · {r.household.village.name}
                        </span>
                      </>
                    ),
                  },
                  { key: "status", header: tf("status"), cell: (r) => tStatus(r.status) },
                  { key: "enrolled", header: tf("enrolledOn"), cell: (r) => day(r.enrolledOn) },
                  { key: "inProgress", header: tf("inProgressOn"), cell: (r) => day(r.inProgressOn) },
                  { key: "digital", header: tf("digitalOn"), cell: (r) => day(r.digitalOn) },
                  { key: "smart", header: tf("smartOn"), cell: (r) => day(r.smartOn) },
                  {
                    key: "release",
                    header: <span className="sr-only">{tf("actions")}</span>,
                    cell: (r) => (
                      <InlineActionForm
                        action={releaseAction}
                        hidden={{ familyId: r.id, back }}
                        submitLabel={tf("release")}
                        confirmPrompt={tf("releaseConfirm", { name: r.household.headName })}
                      />
                    ),
                  },
                ]}
              />
              <Pager
                page={families.page}
                pages={families.pages}
                href={(p) => `/branch?page=${p}`}
                labels={{
                  label: tf("pager"),
                  previous: tf("previous"),
                  next: tf("next"),
                  position: tf("position", { page: families.page, pages: families.pages, total: families.total }),
                }}
              />
            </>
          )}
        </Card>
        <Card title={tHome("statusTitle")}>
          <Table
            caption={tHome("statusCaption")}
            rows={FAMILY_STATUS_ORDER.map((status) => ({ status, count: o.byStatus[status] }))}
            rowKey={(r) => r.status}
            columns={[
              { key: "status", header: tHome("status"), cell: (r) => tStatus(r.status) },
              { key: "count", header: tHome("count"), numeric: true, cell: (r) => format.number(r.count) },
            ]}
          />
        </Card>
        <Card title={tHome("activityTitle")}>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-700">{tHome("activityIntro", { month: monthName })}</p>
            <ExportLinks table="branch-volunteers" params={{}} />
          </div>
          {o.volunteers.length === 0 ? (
            <EmptyState>{tHome("empty")}</EmptyState>
          ) : (
            <DefinedTable
              table={branchVolunteersTable}
              caption={tHome("activityTitle")}
              rows={o.volunteers}
              rowKey={(r) => r.id}
              columns={[
                {
                  key: "name",
                  header: () => t("name"),
                  cell: (r) => (r.isLeader ? `${r.name} · ${tHome("leader")}` : r.name),
                },
                "assigned",
                "visits",
                "households",
                { key: "lastVisitOn", cell: (r) => day(r.lastVisitOn) },
              ]}
            />
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
