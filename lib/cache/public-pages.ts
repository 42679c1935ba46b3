import { revalidatePath } from "next/cache";

/**
 * Data the public pages show has just changed (a class, its seats, a topic, a village, a figure):
 * drop every cached public page (app/cached/, both languages), so the next visitor gets them
 * rendered again. Figures that move with each visit are not signalled: a cached page is never
 * older than a minute (lib/cache/page-cache.mjs). Only from a server action or route handler.
 */
export function publicPagesChanged(): void {
  revalidatePath("/cached", "layout");
}
