import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";
import { db } from "@/lib/db";
import { todayInVietnam } from "@/lib/format/dates";
import { monthKey, monthStart } from "@/lib/figures/schemas";

export type FigureRow = {
  month: Date;
  key: string;
  applicationsTotal: number;
  applicationsOnline: number;
  recordsDigitised: number;
  version: number;
  /** online / total, null when no application was filed. */
  rate: number | null;
  /** Change of the rate against the previous month (in rate points, 0.05 = 5 points); null when either is missing. */
  change: number | null;
};

const rateOf = (online: number, total: number) => (total > 0 ? online / total : null);

/** The first day of the month `back` months before this one (Vietnam time). */
export function monthsAgo(back: number, today: Date = todayInVietnam()): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
}

/** The commune's figures for the last `months` months (newest first), each with its change. */
export async function listFigures(user: CurrentUser, months = 12): Promise<FigureRow[]> {
  requireCan(user, "figures:manage");
  const communeId = communeOf(user);
  // One month more than shown, so the oldest row has a change too.
  const rows = await db.adminFigure.findMany({
    where: { communeId, month: { gte: monthsAgo(months) } },
    orderBy: { month: "desc" },
  });
  const byKey = new Map(rows.map((r) => [monthKey(r.month), r]));
  const since = monthsAgo(months - 1);
  return rows
    .filter((r) => r.month >= since)
    .map((r) => {
      const rate = rateOf(r.applicationsOnline, r.applicationsTotal);
      const prevDate = new Date(Date.UTC(r.month.getUTCFullYear(), r.month.getUTCMonth() - 1, 1));
      const prev = byKey.get(monthKey(prevDate));
      const prevRate = prev ? rateOf(prev.applicationsOnline, prev.applicationsTotal) : null;
      return {
        month: r.month,
        key: monthKey(r.month),
        applicationsTotal: r.applicationsTotal,
        applicationsOnline: r.applicationsOnline,
        recordsDigitised: r.recordsDigitised,
        version: r.version,
        rate,
        change: rate !== null && prevRate !== null ? rate - prevRate : null,
      };
    });
}

/** One month's figures, for correcting them; null when the month has none yet. */
export async function getFigure(user: CurrentUser, month: string) {
  requireCan(user, "figures:manage");
  const communeId = communeOf(user);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return null;
  return db.adminFigure.findUnique({ where: { communeId_month: { communeId, month: monthStart(month) } } });
}
