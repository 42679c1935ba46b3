import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { leaderBranch } from "@/lib/branches/leader";
import { db } from "@/lib/db";
import type { AssignQuery } from "@/lib/assignments/schemas";
import { searchHouseholds } from "@/lib/households/search";

export const ASSIGN_SEARCH_SIZE = 10;
export const ASSIGNMENTS_PAGE_SIZE = 20;

type Assignee = { assignmentId: number; volunteerId: number; name: string; ours: boolean };

/**
 * The assignment board of the leader's branch: its volunteers, the households it has adopted
 * (listed first), households found by a search of the commune, and the branch's active
 * assignments, each household with the volunteers who hold it now.
 */
export async function getAssignBoard(user: CurrentUser, query: Partial<AssignQuery>) {
  requireCan(user, "branch:lead");
  const communeId = communeOf(user);
  const branch = await leaderBranch(db, user);
  if (!branch) return null;
  const apage = Math.max(1, Math.floor(query.apage ?? 1));
  const assignmentWhere = {
    communeId,
    active: true,
    volunteer: { volunteer: { branchId: branch.id } },
    ...(query.volunteer ? { volunteerId: query.volunteer } : {}),
  };
  const [volunteers, adopted, search, assignmentTotal] = await Promise.all([
    db.volunteerProfile.findMany({
      where: { communeId, branchId: branch.id, user: { active: true } },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true } } },
    }),
    db.digitalFamily.findMany({
      where: { communeId, branchId: branch.id },
      orderBy: { household: { headName: "asc" } },
      take: 100,
      select: { household: { select: { id: true, headName: true, address: true, village: { select: { name: true } } } } },
    }),
    query.q ? searchHouseholds(user, { q: query.q, page: query.page ?? 1, size: ASSIGN_SEARCH_SIZE }) : null,
    db.assignment.count({ where: assignmentWhere }),
  ]);
  const assignmentPages = Math.max(1, Math.ceil(assignmentTotal / ASSIGNMENTS_PAGE_SIZE));
  const assignments = await db.assignment.findMany({
    where: assignmentWhere,
    orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
    skip: (Math.min(apage, assignmentPages) - 1) * ASSIGNMENTS_PAGE_SIZE,
    take: ASSIGNMENTS_PAGE_SIZE,
    select: {
      id: true,
      assignedAt: true,
      volunteer: { select: { id: true, name: true } },
      household: { select: { id: true, headName: true, address: true, village: { select: { name: true } } } },
    },
  });

  const ids = [...new Set([...adopted.map((f) => f.household.id), ...(search?.rows.map((r) => r.id) ?? [])])];
  const holders = await db.assignment.findMany({
    where: { communeId, active: true, householdId: { in: ids } },
    orderBy: { assignedAt: "asc" },
    select: {
      id: true,
      householdId: true,
      volunteer: { select: { id: true, name: true, volunteer: { select: { branchId: true } } } },
    },
  });
  const assignees = new Map<number, Assignee[]>();
  for (const h of holders) {
    const list = assignees.get(h.householdId) ?? [];
    list.push({
      assignmentId: h.id,
      volunteerId: h.volunteer.id,
      name: h.volunteer.name,
      ours: h.volunteer.volunteer?.branchId === branch.id,
    });
    assignees.set(h.householdId, list);
  }
  const adoptedIds = new Set(adopted.map((f) => f.household.id));
  return {
    branch,
    volunteers: volunteers.map((v) => v.user),
    adopted: adopted.map((f) => ({
      id: f.household.id,
      headName: f.household.headName,
      address: f.household.address,
      villageName: f.household.village.name,
      assignees: assignees.get(f.household.id) ?? [],
    })),
    search: search
      ? {
          ...search,
          rows: search.rows.map((r) => ({
            id: r.id,
            headName: r.headName,
            address: r.address,
            villageName: r.villageName,
            adopted: adoptedIds.has(r.id),
            assignees: assignees.get(r.id) ?? [],
          })),
        }
      : null,
    assignments: {
      rows: assignments.map((a) => ({
        id: a.id,
        assignedAt: a.assignedAt,
        volunteer: a.volunteer,
        household: {
          id: a.household.id,
          headName: a.household.headName,
          address: a.household.address,
          villageName: a.household.village.name,
        },
      })),
      total: assignmentTotal,
      page: Math.min(apage, assignmentPages),
      pages: assignmentPages,
    },
  };
}
