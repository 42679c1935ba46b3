// The erasure requests as their screen and file show them: see lib/exports/definition.ts.
import { auditExport, defineTable } from "@/lib/exports/definition";
import { listErasureRequests } from "@/lib/privacy/erasure";

type ErasureRow = Awaited<ReturnType<typeof listErasureRequests>>["rows"][number];

export const erasureTable = defineTable<ErasureRow>({
  name: "erasure",
  sheet: "erasure.sheet",
  columns: [
    { key: "person", label: "person", kind: "text", value: (r) => r.user?.name ?? "" },
    { key: "phone", label: "phone", kind: "text", value: (r) => r.user?.phone ?? "" },
    { key: "status", label: "status", kind: "text", value: (r, c) => c.labels.tr(`erasureAdmin.status.${r.status}`) },
    { key: "requestedAt", label: "requestedAt", kind: "datetime", value: (r) => r.requestedAt },
    { key: "reason", label: "reason", kind: "text", value: (r, c) => r.reason || c.labels.tr("erasureAdmin.noReason") },
    { key: "handledAt", label: "handledAt", kind: "datetime", value: (r) => r.handledAt },
    { key: "handledBy", label: "handledBy", kind: "text", value: (r) => r.handledBy?.name ?? "" },
    { key: "rejectionReason", label: "rejectionReason", kind: "text", value: (r) => r.rejectionReason ?? "" },
  ],
  list: async ({ user, query }) => {
    const { status, rows } = await listErasureRequests(user, query.status, { all: true });
    await auditExport(user, "erasure_request", "erasure", rows.length, { status });
    return { rows, fileBase: `yeu-cau-xoa-${status}` };
  },
});
