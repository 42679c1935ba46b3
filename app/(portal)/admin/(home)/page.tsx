import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { Card, PageHeader, StatCard } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { ROLES } from "@/lib/auth/roles";
import { requireArea } from "@/lib/auth/session";
import { getAdminOverview } from "@/lib/users/admin";
import { adminBranchesTable, adminVillagesTable } from "@/lib/users/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminHome() {
  const user = await requireArea("admin");
  const [t, tRoles, format, o] = await Promise.all([
    getTranslations("admin"),
    getTranslations("roles"),
    getFormatter(),
    getAdminOverview(user),
  ]);
  return (
    <div>
      <PageHeader title={t("title")} />
      <h2 className="mb-3 text-lg font-semibold">{t("usersByRole")}</h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {ROLES.filter((r) => r !== "city").map((r) => (
          <StatCard key={r} label={tRoles(r)} value={format.number(o.usersByRole[r] ?? 0)} />
        ))}
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Card title={t("villages")}>
          <DefinedTable
            table={adminVillagesTable}
            caption={t("villages")}
            rows={o.villages}
            rowKey={(r) => r.id}
            columns={["name", "households"]}
          />
          {o.villages.length > 0 ? (
            <div className="mt-3">
              <ExportLinks table="admin-overview" params={{ part: "villages" }} />
            </div>
          ) : null}
        </Card>
        <Card title={t("branches")}>
          <DefinedTable
            table={adminBranchesTable}
            caption={t("branches")}
            rows={o.branches}
            rowKey={(r) => r.id}
            columns={["name", "volunteers", "adopted", "target"]}
          />
          {o.branches.length > 0 ? (
            <div className="mt-3">
              <ExportLinks table="admin-overview" params={{ part: "branches" }} />
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
