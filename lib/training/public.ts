import { db } from "@/lib/db";

/** Upcoming classes of a commune, for the public schedule: no personal data. */
export function listUpcomingClasses(communeId: number, take = 6) {
  return db.trainingEvent.findMany({
    where: { OR: [{ communeId }, { partnerCommuneId: communeId }], status: "scheduled", startsAt: { gte: new Date() } },
    orderBy: { startsAt: "asc" },
    take,
    select: {
      id: true,
      title: true,
      topic: { select: { key: true, nameVi: true, nameEn: true } },
      place: true,
      startsAt: true,
      capacity: true,
      _count: { select: { registrations: { where: { status: "confirmed" } } } },
    },
  });
}
