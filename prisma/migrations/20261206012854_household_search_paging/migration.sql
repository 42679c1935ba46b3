-- The list of the registry pages in its own orders through an index that stops after the page, instead
-- of sorting every household of the commune for each page (docs/decisions/0023-household-search-paging.md).
-- The name of the head carries the collation of its column (vi-x-icu), so the index is in Vietnamese order.
-- Descending orders reverse the id too, so a backward scan serves them.
-- DropIndex
DROP INDEX "household_commune_id_last_visit_on_idx";

-- CreateIndex
CREATE INDEX "household_commune_id_head_name_id_idx" ON "household"("commune_id", "head_name", "id");

-- Last visit, never visited first (ascending) or last (descending). Prisma cannot state NULLS FIRST,
-- so it is written here and named *_sort_idx, which the drift test (lib/db/migrations.test.ts)
-- leaves to migrations. It replaces (commune_id, last_visit_on): same leading columns.
CREATE INDEX "household_commune_id_last_visit_on_sort_idx" ON "household" ("commune_id", "last_visit_on" NULLS FIRST, "id");
