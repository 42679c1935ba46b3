import { can, type Capability } from "@/lib/auth/capabilities";
import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

export const ROLES: readonly Role[] = ["resident", "volunteer", "branch_leader", "official", "admin", "city"];

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  resident: "/resident",
  volunteer: "/volunteer",
  branch_leader: "/branch",
  official: "/official",
  admin: "/admin",
  city: "/city",
};

/**
 * The portal areas, and the capability (lib/auth/capabilities.ts) that enters each. Deny by
 * default: a role without it is refused.
 */
export const AREA_CAPABILITY = {
  resident: "self:resident",
  volunteer: "field:work",
  branch: "branch:lead",
  official: "indicators:read",
  admin: "commune:administer",
  city: "city:compare",
  // The household registry: volunteers get a limited view (lib/households/scope.ts).
  households: "registry:read",
  visits: "visit:record",
  campaigns: "campaign:read",
  // Running classes (the Political Center's staff are officials).
  training: "training:run",
} as const satisfies Record<string, Capability>;

export type Area = keyof typeof AREA_CAPABILITY;

/** Navigation entries per role: only what the role may use. `key` names a message in `nav`. */
export const NAV: Record<Role, readonly { href: string; key: string }[]> = {
  resident: [
    { href: "/resident", key: "myHome" },
    { href: "/schedule", key: "schedule" },
    { href: "/", key: "publicHome" },
  ],
  volunteer: [
    { href: "/volunteer", key: "myHouseholds" },
    { href: "/visits/new", key: "recordVisit" },
    { href: "/households", key: "households" },
    { href: "/campaigns", key: "campaigns" },
  ],
  branch_leader: [
    { href: "/branch", key: "branch" },
    { href: "/households", key: "households" },
    { href: "/visits/new", key: "recordVisit" },
    { href: "/campaigns", key: "campaigns" },
    { href: "/volunteer", key: "myHouseholds" },
  ],
  official: [
    { href: "/official", key: "dashboard" },
    { href: "/official/report", key: "report" },
    { href: "/official/villages", key: "villages" },
    { href: "/official/figures", key: "figures" },
    { href: "/official/contests", key: "contests" },
    { href: "/training", key: "training" },
    { href: "/households", key: "households" },
    { href: "/official/imports", key: "imports" },
    { href: "/campaigns", key: "campaigns" },
  ],
  admin: [
    { href: "/admin", key: "administration" },
    { href: "/admin/criteria", key: "criteria" },
    { href: "/admin/villages", key: "villageNames" },
    { href: "/official/imports", key: "imports" },
    { href: "/official", key: "dashboard" },
    { href: "/official/report", key: "report" },
    { href: "/official/villages", key: "villages" },
    { href: "/training", key: "training" },
    { href: "/admin/outbox", key: "outbox" },
    { href: "/admin/audit", key: "audit" },
    { href: "/admin/users", key: "users" },
    { href: "/admin/erasure", key: "erasure" },
    { href: "/households", key: "households" },
    { href: "/campaigns", key: "campaigns" },
  ],
  city: [{ href: "/city", key: "communes" }],
};

export function mayEnter(role: Role, area: Area): boolean {
  return can(role, AREA_CAPABILITY[area]);
}
