import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { Pager } from "@/components/ui/pager";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { listOutbox, OUTBOX_STATUSES } from "@/lib/outbox/queries";
import { OUTBOX_KINDS, outboxTable } from "@/lib/outbox/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("outbox"))("title") };
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string; status?: string }> }) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [t, format, list] = await Promise.all([
    getTranslations("outbox"),
    getFormatter(),
    listOutbox(user, { page: Number(sp.page) || 1, status: sp.status }),
  ]);
  type Row = (typeof list.rows)[number];
  const kind = (k: string) =>
    t(`kinds.${(OUTBOX_KINDS as readonly string[]).includes(k) ? (k as (typeof OUTBOX_KINDS)[number]) : "other"}`);
  const filters = [null, ...OUTBOX_STATUSES] as const;
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <nav className="mb-4 flex flex-wrap gap-2" aria-label={t("filter")}>
        {filters.map((s) => (
          <Link
            key={s ?? "all"}
            href={s ? `/admin/outbox?status=${s}` : "/admin/outbox"}
            aria-current={list.status === s ? "page" : undefined}
            className={cn(
              "inline-flex min-h-11 items-center rounded-lg px-3 font-medium",
              list.status === s ? "bg-brand-600 text-white" : "text-brand-700 hover:bg-brand-50",
            )}
          >
            {s ? t(`statuses.${s}`) : t("all")}
          </Link>
        ))}
      </nav>
      {list.total > 0 ? (
        <div className="mb-3">
          <ExportLinks table="outbox" params={list.status ? { status: list.status } : {}} />
        </div>
      ) : null}
      {list.rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <DefinedTable<Row>
          table={outboxTable}
          caption={t("caption")}
          rowKey={(r) => r.id}
          rows={list.rows}
          columns={[
            { key: "createdAt", header: () => t("created"), cell: (r) => format.dateTime(r.createdAt, "stamp") },
            { key: "status", cell: (r) => t(`statuses.${r.status}`) },
            { key: "kind", header: () => t("kind"), cell: (r) => kind(r.kind) },
            "channel",
            { key: "recipient", cell: (r) => <span className="font-mono">{r.recipient}</span> },
            { key: "body", header: () => t("body"), cell: (r) => <span className="block max-w-md">{r.body}</span> },
            "parts",
            "attempts",
            "lastError",
          ]}
        />
      )}
      <Pager
        page={list.page}
        pages={list.pageCount}
        href={(p) => `/admin/outbox?page=${p}${list.status ? `&status=${list.status}` : ""}`}
        labels={{ previous: t("prev"), next: t("next"), position: t("pageOf", { page: list.page, pages: list.pageCount }) }}
      />
    </div>
  );
}
