import { createHash } from "node:crypto";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { db, type DbClient } from "@/lib/db";
import { isDbId } from "@/lib/validation/db-id";

export type ContestListRow = {
  id: number;
  name: string;
  startsOn: Date;
  endsOn: Date;
  /** This commune's totals; null when it has no result yet. */
  participants: number | null;
  visits: number | null;
  villagesEntered: number;
};

/** Every contest of the city, newest first, with the user's commune's totals. */
export async function listContests(user: CurrentUser): Promise<ContestListRow[]> {
  requireCan(user, "figures:manage");
  const communeId = communeOf(user);
  const [contests, sums] = await Promise.all([
    db.contest.findMany({
      orderBy: [{ startsOn: "desc" }, { id: "desc" }],
      select: { id: true, name: true, startsOn: true, endsOn: true },
    }),
    db.contestResult.groupBy({
      by: ["contestId"],
      where: { communeId },
      _sum: { participants: true, visits: true },
      _count: { villageId: true },
    }),
  ]);
  const byContest = new Map(sums.map((s) => [s.contestId, s]));
  return contests.map((c) => {
    const s = byContest.get(c.id);
    return {
      ...c,
      participants: s ? (s._sum.participants ?? 0) : null,
      visits: s ? (s._sum.visits ?? 0) : null,
      villagesEntered: s?._count.villageId ?? 0,
    };
  });
}

type StoredResult = { villageId: number | null; participants: number; visits: number };

/**
 * A short fingerprint of a commune's results in a contest: the grid form carries the one it was
 * read with, and a save made from an older reading is refused (someone else saved in between).
 * ContestResult has no version column of its own; this needs no schema change and also covers
 * rows added or removed since the reading.
 */
export function gridStamp(rows: readonly StoredResult[]): string {
  const canonical = [...rows]
    .map((r) => [r.villageId ?? 0, r.participants, r.visits])
    .sort((a, b) => a[0]! - b[0]!)
    .map((r) => r.join(":"))
    .join(";");
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

/** The commune's stored results in a contest (village rows and a commune-level row, if any). */
export function storedResults(tx: DbClient, contestId: number, communeId: number): Promise<StoredResult[]> {
  return tx.contestResult.findMany({
    where: { contestId, communeId },
    select: { villageId: true, participants: true, visits: true },
  });
}

export type ContestGridRow = { villageId: number; villageName: string; participants: number | null; visits: number | null };

export type ContestGrid = {
  contest: { id: number; name: string; startsOn: Date; endsOn: Date };
  /** Every village of the commune, by name; numbers null where nothing is entered. */
  rows: ContestGridRow[];
  /** A commune-level total entered without a village breakdown (replaced when villages are saved). */
  communeLevel: { participants: number; visits: number } | null;
  total: { participants: number; visits: number };
  stamp: string;
};

/** One contest's per-village results for the user's commune; null for an unknown contest id. */
export async function getContestGrid(user: CurrentUser, contestId: number): Promise<ContestGrid | null> {
  requireCan(user, "figures:manage");
  const communeId = communeOf(user);
  if (!isDbId(contestId)) return null;
  const contest = await db.contest.findUnique({
    where: { id: contestId },
    select: { id: true, name: true, startsOn: true, endsOn: true },
  });
  if (!contest) return null;
  const [villages, results] = await Promise.all([
    db.village.findMany({ where: { communeId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
    storedResults(db, contestId, communeId),
  ]);
  const byVillage = new Map(results.filter((r) => r.villageId !== null).map((r) => [r.villageId!, r]));
  const communeRow = results.find((r) => r.villageId === null);
  const total = results.reduce((s, r) => ({ participants: s.participants + r.participants, visits: s.visits + r.visits }), {
    participants: 0,
    visits: 0,
  });
  return {
    contest,
    rows: villages.map((v) => {
      const r = byVillage.get(v.id);
      return { villageId: v.id, villageName: v.name, participants: r?.participants ?? null, visits: r?.visits ?? null };
    }),
    communeLevel: communeRow ? { participants: communeRow.participants, visits: communeRow.visits } : null,
    total,
    stamp: gridStamp(results),
  };
}
