import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { getContestRanking } from "@/lib/city/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("city"))("title") };
}

export default async function CityHome() {
  const user = await requireArea("city");
  const [t, format, data] = await Promise.all([getTranslations("city"), getFormatter(), getContestRanking(user)]);
  return (
    <div>
      <PageHeader title={t("title")} intro={data ? t("contest", { name: data.contest.name }) : undefined} />
      {data ? (
        <Card>
          <Table
            caption={t("title")}
            rows={data.ranking}
            rowKey={(r) => r.communeId}
            columns={[
              { key: "rank", header: t("rank"), numeric: true, cell: (r) => format.number(r.rank) },
              { key: "name", header: t("commune"), cell: (r) => r.name },
              { key: "participants", header: t("participants"), numeric: true, cell: (r) => format.number(r.participants) },
              { key: "visits", header: t("visits"), numeric: true, cell: (r) => format.number(r.visits) },
            ]}
          />
        </Card>
      ) : (
        <EmptyState>{t("none")}</EmptyState>
      )}
    </div>
  );
}
