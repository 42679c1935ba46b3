// The commune's users and the admin home's tables as their screens and files show them: see
// lib/exports/definition.ts.
import { col, auditExport, defineTable, partOf } from "@/lib/exports/definition";
import { getAdminOverview } from "@/lib/users/admin";
import { listUsers } from "@/lib/users/manage";

type UserRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];
type Overview = Awaited<ReturnType<typeof getAdminOverview>>;

export const usersTable = defineTable<UserRow>({
  name: "users",
  sheet: "users.sheet",
  columns: [
    col("name", "name", "text"),
    { key: "login", label: "login", kind: "text", value: (r) => r.username ?? r.phone ?? r.unverifiedPhone ?? "" },
    { key: "role", label: "role", kind: "text", value: (r, c) => c.labels.tr(`roles.${r.role}`) },
    {
      key: "status",
      label: "status",
      kind: "text",
      value: (r, c) => c.labels.tr(r.active ? "adminUsers.active" : "adminUsers.inactive"),
    },
    {
      key: "lastLogin",
      label: "lastLogin",
      kind: "datetime",
      value: (r, c) => r.lastLoginAt ?? c.labels.tr("adminUsers.never"),
    },
  ],
  list: async ({ user, query: q }) => {
    const { rows, query } = await listUsers(user, q, { all: true });
    await auditExport(user, "user", "users", rows.length, { q: query.q || null });
    return { rows, fileBase: "nguoi-dung" };
  },
});

/** The tables of the admin's home page (?part=; villages when none is named). */
export const ADMIN_OVERVIEW_PARTS = ["villages", "branches"] as const;

export const adminVillagesTable = defineTable<Overview["villages"][number]>({
  name: "admin-overview",
  sheet: "adminOverview.villagesSheet",
  columns: [col("name", "village", "text"), col("households", "households", "int")],
  list: async ({ user }) => ({ rows: (await getAdminOverview(user)).villages, fileBase: "thon-cua-xa" }),
});

export const adminBranchesTable = defineTable<Overview["branches"][number]>({
  name: "admin-overview",
  sheet: "adminOverview.branchesSheet",
  columns: [
    col("name", "branch", "text"),
    col("volunteers", "volunteers", "int"),
    col("adopted", "adopted", "int"),
    col("target", "target", "int"),
  ],
  list: async ({ user }) => ({ rows: (await getAdminOverview(user)).branches, fileBase: "chi-doan-cua-xa" }),
});

/** The table ?part= names. */
export const adminOverviewTable = (query: Record<string, string>) =>
  partOf(ADMIN_OVERVIEW_PARTS, query.part, "villages") === "branches" ? adminBranchesTable : adminVillagesTable;
