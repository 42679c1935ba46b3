// The classes, a class's roster and the class topics as their screens and files show them: see
// lib/exports/definition.ts.
import { auditExport, col, defineTable, localName } from "@/lib/exports/definition";
import type { ExportRow } from "@/lib/exports/table";
import { getEventRoster, listEvents } from "@/lib/training/queries";
import { listTopics } from "@/lib/training/topics";

type EventRow = Awaited<ReturnType<typeof listEvents>>["rows"][number];
type TopicRow = Awaited<ReturnType<typeof listTopics>>["topics"][number];

export const trainingTable = defineTable<EventRow>({
  name: "training",
  sheet: "training.sheet",
  columns: [
    col("startsAt", "startsAt", "datetime"),
    col("title", "class", "text"),
    { key: "topic", label: "topic", kind: "text", value: (r, c) => localName(r.topic, c.labels) },
    col("place", "place", "text"),
    { key: "registrations", label: "registrations", kind: "int", value: (r) => r._count.registrations },
    col("capacity", "capacity", "int"),
    { key: "attended", label: "attended", kind: "int", value: (r) => r._count.attendances },
    { key: "status", label: "status", kind: "text", value: (r, c) => c.labels.tr(`training.statuses.${r.status}`) },
    // A class of another commune shared with this one.
    {
      key: "partner",
      label: "partner",
      kind: "text",
      value: (r, c) => c.labels.t(r.communeId === c.user.communeId ? "no" : "yes"),
    },
  ],
  list: async ({ user, query }) => {
    const when = query.when === "past" ? "past" : "upcoming";
    const { rows } = await listEvents(user, { when }, { all: true });
    return { rows, fileBase: `lop-hoc-${when}` };
  },
});

/** A class's registrations (confirmed, waiting list, cancelled, in the page's order) and walk-ins (?event=<id>). */
export const trainingRosterTable = defineTable<ExportRow>({
  name: "training-roster",
  sheet: "trainingRoster.sheet",
  columns: [
    col("status", "registrationStatus", "text"),
    col("name", "name", "text"),
    col("phone", "phone", "text"),
    col("code", "registrationCode", "text"),
    col("attended", "attended", "text"),
    col("markedAt", "markedAt", "datetime"),
  ],
  list: async ({ user, query, labels }) => {
    const ev = await getEventRoster(user, Number(query.event));
    if (!ev) return null;
    const present = labels.tr("trainingDetail.present");
    const absent = labels.tr("trainingDetail.absent");
    const rows: ExportRow[] = [
      ...ev.registrations.map((r) => ({
        status: labels.tr(`trainingExport.statuses.${r.status}`),
        name: r.fullName,
        phone: r.phone,
        code: r.code,
        attended: r.attendance?.attended ? present : absent,
        markedAt: r.attendance?.attended ? r.attendance.markedAt : null,
      })),
      ...ev.attendances.map((a) => ({
        status: labels.tr("trainingExport.walkIn"),
        name: a.fullName,
        phone: "",
        code: "",
        attended: a.attended ? present : absent,
        markedAt: a.markedAt,
      })),
    ];
    await auditExport(user, "training_event", "training-roster", rows.length, { event: ev.id });
    return { rows, fileBase: `danh-sach-lop-${ev.id}` };
  },
});

export const trainingTopicsTable = defineTable<TopicRow>({
  name: "training-topics",
  sheet: "trainingTopics.sheet",
  columns: [
    col("nameVi", "topicVi", "text"),
    col("nameEn", "topicEn", "text"),
    {
      key: "skill",
      label: "topicSkill",
      kind: "text",
      value: (r, c) => (r.skill ? localName(r.skill, c.labels) : c.labels.tr("trainingTopics.noSkill")),
    },
    { key: "active", label: "inUse", kind: "text", value: (r, c) => c.labels.t(r.active ? "yes" : "no") },
  ],
  list: async ({ user }) => ({ rows: (await listTopics(user)).topics, fileBase: "chu-de-lop" }),
});
