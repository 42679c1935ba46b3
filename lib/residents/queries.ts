import { db } from "@/lib/db";
import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { requireCan } from "@/lib/auth/capabilities";

/** What a resident sees of themselves: their household's progress and their class registrations. */
export async function getMyResidentOverview(user: CurrentUser) {
  requireCan(user, "self:resident");
  const communeId = communeOf(user);
  const member = user.memberId
    ? await db.member.findFirst({
        where: { id: user.memberId, communeId },
        select: {
          household: {
            select: {
              address: true,
              village: { select: { name: true } },
              family: { select: { status: true } },
              members: {
                orderBy: [{ isHead: "desc" }, { birthYear: "asc" }],
                select: { id: true, fullName: true, skills: { select: { skill: { select: { key: true } } } } },
              },
            },
          },
        },
      })
    : null;
  const registrations = await db.registration.findMany({
    where: { communeId, OR: [{ userId: user.id }, ...(user.phone ? [{ phone: user.phone }] : [])] },
    orderBy: { event: { startsAt: "desc" } },
    take: 20,
    select: {
      id: true,
      status: true,
      code: true,
      event: { select: { id: true, title: true, startsAt: true, place: true, status: true } },
      attendance: { select: { attended: true } },
    },
  });
  const skills = await db.skill.findMany({
    where: { communeId, scope: "member", active: true },
    orderBy: { sortOrder: "asc" },
    select: { key: true, nameVi: true, nameEn: true },
  });
  return { household: member?.household ?? null, registrations, skills };
}
