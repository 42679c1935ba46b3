import { db } from "@/lib/db";
import { requireRole, type CurrentUser } from "@/lib/auth/user";

export type CommuneRank = { communeId: number; name: string; participants: number; visits: number; rank: number };

/** The city's comparison of communes in a contest: aggregates only, never personal data. */
export async function getContestRanking(user: CurrentUser) {
  requireRole(user, ["city"]);
  const contest = await db.contest.findFirst({
    orderBy: { startsOn: "desc" },
    select: { id: true, name: true, startsOn: true, endsOn: true },
  });
  if (!contest) return null;
  const rows = await db.$queryRaw<{ commune_id: number; name: string; participants: bigint; visits: bigint; rank: bigint }[]>`
    SELECT c.id AS commune_id, c.name, sum(r.participants) AS participants, sum(r.visits) AS visits,
           rank() OVER (ORDER BY sum(r.participants) DESC) AS rank
    FROM contest_result r JOIN commune c ON c.id = r.commune_id
    WHERE r.contest_id = ${contest.id}
    GROUP BY c.id, c.name
    ORDER BY participants DESC, c.name`;
  const ranking: CommuneRank[] = rows.map((r) => ({
    communeId: r.commune_id,
    name: r.name,
    participants: Number(r.participants),
    visits: Number(r.visits),
    rank: Number(r.rank),
  }));
  return { contest, ranking };
}
