import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { getMyBranchOverview } from "@/lib/branches/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("branch"))("title") };
}

export default async function BranchHome() {
  const user = await requireArea("branch");
  const [t, format, o] = await Promise.all([getTranslations("branch"), getFormatter(), getMyBranchOverview(user)]);
  if (!o) {
    return (
      <div>
        <PageHeader title={t("title")} />
        <EmptyState>{t("none")}</EmptyState>
      </div>
    );
  }
  const share = o.branch.targetFamilies ? Math.min(1, o.adopted / o.branch.targetFamilies) : 0;
  return (
    <div>
      <PageHeader title={o.branch.name} intro={o.branch.village?.name} />
      <Card>
        <p className="font-medium">{t("progress", { adopted: o.adopted, target: o.branch.targetFamilies })}</p>
        <div
          className="mt-2 h-4 rounded bg-slate-100"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={o.branch.targetFamilies}
          aria-valuenow={o.adopted}
          aria-label={t("progress", { adopted: o.adopted, target: o.branch.targetFamilies })}
        >
          <div className="h-4 rounded bg-brand-600" style={{ width: `${share * 100}%` }} />
        </div>
        <p className="mt-2 text-sm text-slate-600">{t("certified", { count: o.certified })}</p>
      </Card>
      <Card title={t("volunteers")} className="mt-4">
        <Table
          caption={t("volunteers")}
          rows={o.volunteers}
          rowKey={(r) => r.id}
          columns={[
            { key: "name", header: t("name"), cell: (r) => (r.isLeader ? `${r.name} · ${t("leader")}` : r.name) },
            { key: "visits", header: t("visits"), numeric: true, cell: (r) => format.number(r.visits) },
          ]}
        />
      </Card>
    </div>
  );
}
