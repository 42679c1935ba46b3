// Headline figures. Counting happens in SQL; nothing here loads rows into JavaScript to count them.
import { readDb } from "@/lib/db/reads";
import { todayInVietnam } from "@/lib/format/dates";
import { getPublicIndicators } from "@/lib/indicators/queries";

export type PublicHeadline = {
  communeName: string;
  householdsReached: number;
  digitalFamilies: number;
  peopleTrained: number;
  upcomingClasses: number;
};

/**
 * The commune's headline progress for anyone: aggregates only, no personal data. The figures are
 * lib/indicators' public indicators (the same as /progress and the official's dashboard).
 */
export async function getPublicHeadline(
  communeId: number,
  communeName: string,
  today: Date = todayInVietnam(),
): Promise<PublicHeadline> {
  const [{ figures }, upcomingClasses] = await Promise.all([
    getPublicIndicators(communeId, today),
    readDb.trainingEvent.count({ where: { communeId, status: "scheduled", startsAt: { gte: new Date() } } }),
  ]);
  return {
    communeName,
    householdsReached: figures.households_reached.current.numerator,
    digitalFamilies: figures.families_certified.current.numerator,
    peopleTrained: figures.people_trained.current.numerator,
    upcomingClasses,
  };
}
