// The outgoing messages as their screen and file show them: see lib/exports/definition.ts.
import { auditExport, col, defineTable } from "@/lib/exports/definition";
import { listOutbox } from "@/lib/outbox/queries";

type OutboxRow = Awaited<ReturnType<typeof listOutbox>>["rows"][number];

/** The outbox's message kinds with a name of their own (others are "other"), as on its screen. */
export const OUTBOX_KINDS = [
  "registration_confirmed",
  "registration_promoted",
  "class_reminder",
  "class_cancelled",
  "phone_code",
  "signin_unlock",
  "phone_account_exists",
] as const;

export const outboxTable = defineTable<OutboxRow>({
  name: "outbox",
  sheet: "outbox.sheet",
  columns: [
    col("createdAt", "createdAt", "datetime"),
    { key: "status", label: "status", kind: "text", value: (r, c) => c.labels.tr(`outbox.statuses.${r.status}`) },
    {
      key: "kind",
      label: "messageKind",
      kind: "text",
      value: (r, c) => c.labels.tr(`outbox.kinds.${(OUTBOX_KINDS as readonly string[]).includes(r.kind) ? r.kind : "other"}`),
    },
    col("channel", "channel", "text"),
    col("recipient", "recipient", "text"),
    col("body", "body", "text"),
    col("parts", "smsParts", "int"),
    col("sentAt", "sentAt", "datetime"),
    col("deliveredAt", "deliveredAt", "datetime"),
    { key: "providerId", label: "providerId", kind: "text", value: (r) => r.providerId ?? "" },
    col("attempts", "attempts", "int"),
    { key: "lastError", label: "lastError", kind: "text", value: (r) => r.lastError ?? "" },
  ],
  list: async ({ user, query }) => {
    const { status, channel, rows } = await listOutbox(user, { status: query.status, channel: query.channel }, { all: true });
    // Message texts name the people they went to (phone numbers stay masked as on the screen).
    await auditExport(user, "outbox_message", "outbox", rows.length, { status, channel });
    return { rows, fileBase: ["tin-nhan-di", status, channel].filter(Boolean).join("-") };
  },
});
