// Who may do what, once: each capability of the portal and the roles that hold it. Portal areas
// (requireArea), every guard in lib/ (requireCan), the permission matrix (lib/auth/permissions.ts)
// and the export route (lib/drilldown/exports.ts) read this table; the matrix tests then check
// that the portal behaves as it says. Deny by default: a role not listed lacks the capability.
//
// To add one: name it `domain:verb`, list its roles here, guard the lib function with
// `requireCan(user, "domain:verb")`, and declare the pages and actions that use it in
// permissions.ts with `who: rolesWith("domain:verb")`.
import { forbidden } from "@/lib/validation/refusal";
import type { Role } from "@/lib/auth/roles";

export const CAPABILITIES = {
  /** A resident's own account: overview, data export, consents, erasure request, class sign-ups. */
  "self:resident": ["resident"],
  /** Field work: the households and walk lists assigned to the user; co-volunteers on a visit. */
  "field:work": ["volunteer", "branch_leader"],
  /** Leading a youth branch: its volunteers, adopted families, assignments. */
  "branch:lead": ["branch_leader"],
  /** Setting a branch's target of adopted families: a leader their own branch's, the admin any. */
  "branch:target": ["branch_leader", "admin"],
  /** The commune's progress: dashboards, indicators, drill-downs, the monthly report. */
  "indicators:read": ["official", "admin"],
  /** The commune's administrative figures and the city's contests: read and enter. */
  "figures:manage": ["official", "admin"],
  /** Running the commune: users, criteria, villages and branches, audit trail, outbox, erasure. */
  "commune:administer": ["admin"],
  /** Communes compared across the city (aggregates only). */
  "city:compare": ["city"],
  /** The household registry: search and read (volunteers get the limited view). */
  "registry:read": ["admin", "official", "branch_leader", "volunteer"],
  /** The household registry: add and edit households and members, with their consents. */
  "registry:edit": ["admin", "official", "branch_leader"],
  /** A household's business: register it, edit its name, trade and digital adoption (the commune's staff). */
  "business:edit": ["admin", "official"],
  /** Importing the commune's lists (households, businesses, volunteers) from Excel, and undoing an import. */
  "lists:import": ["admin", "official"],
  /** Recording visits and reading them (a volunteer reads their own). */
  "visit:record": ["volunteer", "branch_leader", "admin"],
  /** Correcting any visit of the commune at any time (a recorder corrects their own for 24 h). */
  "visit:correct": ["branch_leader", "admin"],
  /** Reading campaigns. */
  "campaign:read": ["official", "admin", "branch_leader", "volunteer"],
  /** Creating and running campaigns (a leader only for their branch). */
  "campaign:manage": ["official", "admin", "branch_leader"],
  /** Running classes: events, topics, rosters, check-in (the Political Center's staff). */
  "training:run": ["official", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

/** The roles holding a capability. */
export function rolesWith(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability];
}

/** Whether a user (or a role) holds a capability. */
export function can(who: { role: Role } | Role, capability: Capability): boolean {
  const role = typeof who === "string" ? who : who.role;
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/** Refuses (403) unless the user holds the capability. */
export function requireCan(user: { role: Role }, capability: Capability): void {
  if (!can(user, capability)) forbidden();
}
