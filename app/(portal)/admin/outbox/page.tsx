import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportLinks } from "@/components/drilldown/controls";
import { Pager } from "@/components/ui/pager";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DefinedTable } from "@/components/ui/defined-table";
import { requireArea } from "@/lib/auth/session";
import { MESSAGE_CHANNELS, type MessageChannel } from "@/lib/outbox/channels";
import { getSmsCapToday, listOutbox, OUTBOX_STATUSES } from "@/lib/outbox/queries";
import { OUTBOX_KINDS, outboxTable } from "@/lib/outbox/tables";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("outbox"))("title") };
}

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; status?: string; channel?: string }>;
}) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [t, format, list, cap] = await Promise.all([
    getTranslations("outbox"),
    getFormatter(),
    listOutbox(user, { page: Number(sp.page) || 1, status: sp.status, channel: sp.channel }),
    getSmsCapToday(user),
  ]);
  const href = (q: { status?: string | null; channel?: string | null; page?: number }) => {
    const params = new URLSearchParams();
    if (q.status) params.set("status", q.status);
    if (q.channel) params.set("channel", q.channel);
    if (q.page && q.page > 1) params.set("page", String(q.page));
    const qs = params.toString();
    return qs ? `/admin/outbox?${qs}` : "/admin/outbox";
  };
  type Row = (typeof list.rows)[number];
  const kind = (k: string) =>
    t(`kinds.${(OUTBOX_KINDS as readonly string[]).includes(k) ? (k as (typeof OUTBOX_KINDS)[number]) : "other"}`);
  const channelName = (c: string) =>
    (MESSAGE_CHANNELS as readonly string[]).includes(c) ? t(`channels.${c as MessageChannel}`) : c;
  const filters = [null, ...OUTBOX_STATUSES] as const;
  const channels = [null, ...MESSAGE_CHANNELS] as const;
  const chip = (current: boolean) =>
    cn(
      "inline-flex min-h-11 items-center rounded-lg px-3 font-medium",
      current ? "bg-brand-600 text-white" : "text-brand-700 hover:bg-brand-50",
    );
  const exportParams: Record<string, string> = {
    ...(list.status ? { status: list.status } : {}),
    ...(list.channel ? { channel: list.channel } : {}),
  };
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      {cap ? (
        <p
          role={cap.reached ? "alert" : undefined}
          className={cn(
            "mb-4 rounded-lg p-3",
            cap.reached ? "bg-amber-50 text-amber-900 ring-1 ring-amber-300" : "text-slate-700",
          )}
        >
          {t(cap.reached ? "capReached" : "capUsed", { used: cap.used, limit: cap.limit })}
        </p>
      ) : null}
      <nav className="mb-2 flex flex-wrap gap-2" aria-label={t("filter")}>
        {filters.map((s) => (
          <Link
            key={s ?? "all"}
            href={href({ status: s, channel: list.channel })}
            aria-current={list.status === s ? "page" : undefined}
            className={chip(list.status === s)}
          >
            {s ? t(`statuses.${s}`) : t("all")}
          </Link>
        ))}
      </nav>
      <nav className="mb-4 flex flex-wrap gap-2" aria-label={t("channelFilter")}>
        {channels.map((c) => (
          <Link
            key={c ?? "all"}
            href={href({ status: list.status, channel: c })}
            aria-current={list.channel === c ? "page" : undefined}
            className={chip(list.channel === c)}
          >
            {c ? t(`channels.${c}`) : t("allChannels")}
          </Link>
        ))}
      </nav>
      {list.total > 0 ? (
        <div className="mb-3">
          <ExportLinks table="outbox" params={exportParams} />
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
            { key: "channel", cell: (r) => channelName(r.channel) },
            { key: "recipient", cell: (r) => <span className="font-mono">{r.recipient}</span> },
            { key: "body", header: () => t("body"), cell: (r) => <span className="block max-w-md">{r.body}</span> },
            "parts",
            { key: "sentAt", cell: (r) => (r.sentAt ? format.dateTime(r.sentAt, "stamp") : "") },
            { key: "deliveredAt", cell: (r) => (r.deliveredAt ? format.dateTime(r.deliveredAt, "stamp") : "") },
            "attempts",
            "lastError",
          ]}
        />
      )}
      <Pager
        page={list.page}
        pages={list.pageCount}
        href={(p) => href({ status: list.status, channel: list.channel, page: p })}
        labels={{ previous: t("prev"), next: t("next"), position: t("pageOf", { page: list.page, pages: list.pageCount }) }}
      />
    </div>
  );
}
