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

/** The portal areas, and which roles may enter each. Deny by default: unlisted roles are refused. */
export const AREA_ROLES: Record<string, readonly Role[]> = {
  resident: ["resident"],
  volunteer: ["volunteer", "branch_leader"],
  branch: ["branch_leader"],
  official: ["official", "admin"],
  admin: ["admin"],
  city: ["city"],
  // The household registry: volunteers get a limited view (lib/households/scope.ts).
  households: ["admin", "official", "branch_leader", "volunteer"],
  visits: ["volunteer", "branch_leader", "admin"],
  campaigns: ["official", "admin", "branch_leader", "volunteer"],
  // Running classes (the Political Center's staff are officials).
  training: ["official", "admin"],
};

export type Area = keyof typeof AREA_ROLES;

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
    { href: "/campaigns", key: "campaigns" },
  ],
  admin: [
    { href: "/admin", key: "administration" },
    { href: "/admin/criteria", key: "criteria" },
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
  return AREA_ROLES[area]?.includes(role) ?? false;
}
