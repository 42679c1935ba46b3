import { createPrismaClient } from "@/lib/db";
import { seedDemo } from "@/prisma/seed/demo";

/** Seeds the demo data; without `force`, only into a database that has no commune yet. */
export async function seedIfRequested(url: string, { force }: { force: boolean }): Promise<boolean> {
  const db = createPrismaClient(url);
  try {
    if (!force && (await db.commune.count()) > 0) return false;
    if (force && (await db.commune.count({ where: { code: "tu-ky" } })) > 0) {
      console.log("The demo commune is already there: nothing seeded.");
      return false;
    }
    const started = Date.now();
    await seedDemo(db);
    console.log(`Demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return true;
  } finally {
    await db.$disconnect();
  }
}
