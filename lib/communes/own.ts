import { communeOf, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";

/** The user's own commune (for headings such as a printed page's); 403 for a user with none (city). */
export async function getOwnCommune(user: CurrentUser) {
  return db.commune.findUniqueOrThrow({
    where: { id: communeOf(user) },
    select: { id: true, name: true, province: true },
  });
}
