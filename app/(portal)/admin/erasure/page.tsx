import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { FormMessage } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { listErasureRequests } from "@/lib/privacy/erasure";
import { erasureTable } from "@/lib/privacy/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("erasureAdmin"))("title") };
}

const STATUSES = ["pending", "done", "rejected"] as const;

export default async function ErasureRequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireArea("admin");
  const [t, format, params] = await Promise.all([getTranslations("erasureAdmin"), getFormatter(), searchParams]);
  const list = await listErasureRequests(user, params.status);
  const when = (d: Date | null) => (d ? format.dateTime(d, "stamp") : "");
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div aria-live="polite">
        {params.done === "erased" ? <FormMessage tone="success">{t("done")}</FormMessage> : null}
        {params.done === "already" ? <FormMessage tone="error">{t("already")}</FormMessage> : null}
        {params.done === "rejected" ? <FormMessage tone="success">{t("rejected")}</FormMessage> : null}
      </div>
      <nav aria-label={t("show")} className="mb-3 flex flex-wrap gap-2">
        {STATUSES.map((s) => (
          <Link
            key={s}
            href={`/admin/erasure?status=${s}`}
            aria-current={list.status === s ? "page" : undefined}
            className={buttonClass(list.status === s ? "primary" : "secondary", "text-sm")}
          >
            {t(`status.${s}`)}
          </Link>
        ))}
      </nav>
      {list.rows.length > 0 ? (
        <div className="mb-3">
          <ExportLinks table="erasure" params={{ status: list.status }} />
        </div>
      ) : null}
      {list.rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <Card>
          <DefinedTable
            table={erasureTable}
            caption={t("title")}
            rows={list.rows}
            rowKey={(r) => r.id}
            columns={[
              { key: "person", cell: (r) => `${r.user?.name ?? ""} ${r.user?.phone ?? ""}`.trim() },
              { key: "requestedAt", cell: (r) => when(r.requestedAt) },
              { key: "reason", cell: (r) => r.reason || t("noReason") },
              list.status === "pending"
                ? {
                    own: true,
                    key: "open",
                    header: <span className="sr-only">{t("open")}</span>,
                    cell: (r) => (
                      <Link href={`/admin/erasure/${r.id}`} className={buttonClass("secondary", "text-sm")}>
                        {t("open")}
                      </Link>
                    ),
                  }
                : { key: "handledAt", cell: (r) => `${when(r.handledAt)} ${r.handledBy?.name ?? ""}` },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
