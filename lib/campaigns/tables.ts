// The campaigns and the tables of a campaign's summary as their screens and files show them: see
// lib/exports/definition.ts.
import { communeOf } from "@/lib/auth/user";
import { getCampaignSummary, listCampaigns, type CampaignSummary } from "@/lib/campaigns/queries";
import { parseCampaignId } from "@/lib/campaigns/schemas";
import {
  auditExport,
  col,
  defineTable,
  localName,
  partOf,
  type TableContext,
  type TableDefinition,
} from "@/lib/exports/definition";

type CampaignRow = Awaited<ReturnType<typeof listCampaigns>>["upcoming"][number] & { timing: string };

/** Upcoming first (soonest first), then past ones (newest first), as the screen lists them. */
export const campaignsTable = defineTable<CampaignRow>({
  name: "campaigns",
  sheet: "campaigns.sheet",
  columns: [
    col("timing", "timing", "text"),
    col("name", "campaign", "text"),
    { key: "kind", label: "campaignKind", kind: "text", value: (r, c) => c.labels.tr(`campaigns.kind.${r.kind}`) },
    col("startsOn", "startsOn", "date"),
    col("endsOn", "endsOn", "date"),
    {
      key: "villages",
      label: "campaignVillages",
      kind: "text",
      value: (r, c) => r.villages.join(", ") || c.labels.tr("campaigns.none"),
    },
    {
      key: "branches",
      label: "campaignBranches",
      kind: "text",
      value: (r, c) => r.branches.join(", ") || c.labels.tr("campaigns.none"),
    },
    col("walkLists", "walkLists", "int"),
  ],
  list: async ({ user, now, labels }) => {
    const data = await listCampaigns(user, { now }, { all: true });
    const upcoming = labels.tr("campaigns.upcoming");
    const past = labels.tr("campaigns.past");
    return {
      rows: [...data.upcoming.map((c) => ({ ...c, timing: upcoming })), ...data.past.map((c) => ({ ...c, timing: past }))],
      fileBase: "dot-ra-quan",
    };
  },
});

/** The tables of a campaign's summary page, each its own file (?part=; villages when none is named). */
export const CAMPAIGN_SUMMARY_PARTS = ["skills", "villages", "volunteers", "walk-lists"] as const;
export type CampaignSummaryPart = (typeof CAMPAIGN_SUMMARY_PARTS)[number];

/** The campaign ?campaign= names, within the user's reach, or null (→ 404). */
async function summaryOf({ user, query, now }: TableContext) {
  communeOf(user); // a user without a commune is refused, whatever the id names
  const id = parseCampaignId(query.campaign);
  if (id === null) return null;
  const s = await getCampaignSummary(user, id, now);
  return s ? { id, s } : null;
}

/** One part's table: its rows read from the summary; `audited` names people (volunteers, walk lists). */
function summaryPart<R>(
  part: CampaignSummaryPart,
  sheet: string,
  columns: TableDefinition<R>["columns"],
  rowsOf: (s: CampaignSummary) => readonly R[],
  audited = false,
) {
  return defineTable<R>({
    name: "campaign-summary",
    sheet,
    columns,
    list: async (c) => {
      const found = await summaryOf(c);
      if (!found) return null;
      const rows = rowsOf(found.s);
      if (audited) await auditExport(c.user, "campaign", "campaign-summary", rows.length, { campaign: found.id, part });
      return { rows, fileBase: `dot-ra-quan-${found.id}-${part}` };
    },
  });
}

/** Seconds worked as hours, to one decimal. */
const hours = (seconds: number) => Math.round(seconds / 360) / 10;

export const CAMPAIGN_SUMMARY_TABLES = {
  skills: summaryPart<CampaignSummary["done"][number]>(
    "skills",
    "campaignSummary.skillsSheet",
    [{ key: "skill", label: "skill", kind: "text", value: (r, c) => localName(r, c.labels) }, col("items", "items", "int")],
    (s) => s.done,
  ),
  villages: summaryPart<CampaignSummary["villages"][number]>(
    "villages",
    "campaignSummary.villagesSheet",
    [
      col("name", "village", "text"),
      col("planned", "planned", "int"),
      col("reached", "reached", "int"),
      col("visits", "campaignVisits", "int"),
      col("items", "items", "int"),
    ],
    (s) => s.villages,
  ),
  volunteers: summaryPart<CampaignSummary["volunteers"][number]>(
    "volunteers",
    "campaignSummary.volunteersSheet",
    [
      col("name", "name", "text"),
      { key: "branch", label: "branch", kind: "text", value: (r) => r.branch ?? "" },
      col("shifts", "shifts", "int"),
      { key: "hours", label: "hours", kind: "decimal", value: (r) => hours(r.seconds) },
      {
        key: "status",
        label: "shiftStatus",
        kind: "text",
        value: (r, c) => c.labels.tr(r.out ? "campaignSummary.out" : "campaignSummary.finished"),
      },
    ],
    (s) => s.volunteers,
    true,
  ),
  "walk-lists": summaryPart<CampaignSummary["walkLists"][number]>(
    "walk-lists",
    "campaignSummary.walkListsSheet",
    [col("name", "walkList", "text"), col("volunteers", "walkListVolunteers", "text"), col("stops", "stops", "int")],
    (s) => s.walkLists,
    true,
  ),
} satisfies Record<CampaignSummaryPart, TableDefinition>;

/** The table ?part= names. */
export const campaignSummaryTable = (query: Record<string, string>) =>
  CAMPAIGN_SUMMARY_TABLES[partOf(CAMPAIGN_SUMMARY_PARTS, query.part, "villages")];
