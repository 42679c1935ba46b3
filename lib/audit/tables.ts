// The audit log as its screen and file show it: see lib/exports/definition.ts.
import { listAuditLog } from "@/lib/audit/queries";
import { auditExport, col, defineTable } from "@/lib/exports/definition";

type AuditRow = Awaited<ReturnType<typeof listAuditLog>>["rows"][number];

export const auditTable = defineTable<AuditRow>({
  name: "audit",
  sheet: "audit.sheet",
  columns: [
    { key: "at", label: "at", kind: "datetime", value: (r) => r.at },
    { key: "actor", label: "actor", kind: "text", value: (r, c) => r.actor?.name ?? c.labels.tr("auditLog.system") },
    col("action", "action", "text"),
    { key: "record", label: "record", kind: "text", value: (r) => `${r.entity} ${r.entityId ?? ""}`.trim() },
    {
      key: "changes",
      label: "changes",
      kind: "text",
      value: (r) => r.changes.map((x) => `${x.field}: ${x.before} → ${x.after}`).join("; "),
    },
    col("details", "details", "text"),
    { key: "ip", label: "ip", kind: "text", value: (r) => r.ip ?? "" },
  ],
  list: async ({ user, query: q }) => {
    const { rows, query } = await listAuditLog(user, q, { all: true });
    const { actor, entity, action, from, to } = query;
    await auditExport(user, "audit_log", "audit", rows.length, { actor, entity, action, from, to });
    return { rows, fileBase: "nhat-ky" };
  },
});
