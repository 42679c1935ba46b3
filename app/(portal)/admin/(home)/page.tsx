import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { Card, PageHeader, StatCard } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { ROLES } from "@/lib/auth/roles";
import { requireArea } from "@/lib/auth/session";
import { getAdminOverview } from "@/lib/users/admin";

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
          <Table
            caption={t("villages")}
            rows={o.villages}
            rowKey={(r) => r.id}
            columns={[
              { key: "name", header: t("village"), cell: (r) => r.name },
              { key: "households", header: t("households"), numeric: true, cell: (r) => format.number(r.households) },
            ]}
          />
          {o.villages.length > 0 ? (
            <div className="mt-3">
              <ExportLinks table="admin-overview" params={{ part: "villages" }} />
            </div>
          ) : null}
        </Card>
        <Card title={t("branches")}>
          <Table
            caption={t("branches")}
            rows={o.branches}
            rowKey={(r) => r.id}
            columns={[
              { key: "name", header: t("branchName"), cell: (r) => r.name },
              { key: "volunteers", header: t("volunteers"), numeric: true, cell: (r) => format.number(r.volunteers) },
              { key: "adopted", header: t("adopted"), numeric: true, cell: (r) => format.number(r.adopted) },
              { key: "target", header: t("target"), numeric: true, cell: (r) => format.number(r.target) },
            ]}
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
