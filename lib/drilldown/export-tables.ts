// The tables GET /api/exports/[table] serves, and the capability each takes (the screen's): kept
// apart from the export builders so that the permission matrix can read it without them.
import { rolesWith, type Capability } from "@/lib/auth/capabilities";
import type { Role } from "@/lib/auth/roles";

export const EXPORT_TABLES = [
  "villages",
  "village-households",
  "branches",
  "unvisited",
  "branch-volunteers",
  "indicators",
  "city-communes",
  "figures",
  "households",
  "training",
  "audit",
  "contests",
  "contest-results",
  "campaigns",
  "visits",
  "users",
  "erasure",
  "outbox",
  "criteria",
  "training-roster",
  "training-topics",
  "campaign-summary",
  "admin-overview",
] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

/** What downloading each table takes: the capability of the screen it comes from (lib checks again). */
export const EXPORT_CAPABILITY: Record<ExportTableName, Capability> = {
  villages: "indicators:read",
  "village-households": "indicators:read",
  branches: "indicators:read",
  unvisited: "indicators:read",
  "branch-volunteers": "branch:lead",
  indicators: "indicators:read",
  "city-communes": "city:compare",
  figures: "figures:manage",
  // The registry's full view; a volunteer's limited list is for their own work, not for files.
  households: "registry:edit",
  training: "training:run",
  audit: "commune:administer",
  contests: "figures:manage",
  "contest-results": "figures:manage",
  campaigns: "campaign:read",
  // The user's own visits (the screen lists nobody else's).
  visits: "visit:record",
  users: "commune:administer",
  erasure: "commune:administer",
  outbox: "commune:administer",
  criteria: "commune:administer",
  // A class's registrations and walk-ins (?event=<id>), as its page lists them.
  "training-roster": "training:run",
  "training-topics": "training:run",
  // One table of a campaign's summary (?campaign=<id>&part=skills|villages|volunteers|walk-lists).
  "campaign-summary": "campaign:read",
  // One table of the admin's home (?part=villages|branches).
  "admin-overview": "commune:administer",
};

/** The roles that may download each table (read from the capability table). */
export const EXPORT_ROLES = Object.fromEntries(EXPORT_TABLES.map((name) => [name, rolesWith(EXPORT_CAPABILITY[name])])) as Record<
  ExportTableName,
  readonly Role[]
>;
