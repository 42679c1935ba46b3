import { cache } from "react";
import { db } from "@/lib/db";

/**
 * The commune whose public pages this portal serves: PORTAL_COMMUNE_CODE, or else the first
 * commune that has villages (the other rows are communes known to the city only by aggregates).
 */
export const getPortalCommune = cache(async () => {
  const code = process.env.PORTAL_COMMUNE_CODE;
  return db.commune.findFirst({
    where: code ? { code } : { villages: { some: {} } },
    orderBy: { id: "asc" },
    select: { id: true, code: true, name: true, province: true },
  });
});

/**
 * Communes a resident may register in: those that run the program here (they have villages), the
 * portal's own commune first (the form's default), then the others by name.
 */
export async function listRegistrableCommunes() {
  const [portal, communes] = await Promise.all([
    getPortalCommune(),
    db.commune.findMany({
      where: { villages: { some: {} } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
  ]);
  return [...communes.filter((c) => c.id === portal?.id), ...communes.filter((c) => c.id !== portal?.id)];
}
