-- DropIndex
DROP INDEX "member_commune_id_birth_year_idx";

-- DropIndex
DROP INDEX "member_skill_commune_id_skill_id_idx";

-- DropIndex
DROP INDEX "visit_commune_id_visited_on_idx";

-- Covering indexes for the dashboards' counts (index-only scans at city scale, see
-- docs/bench-city.txt). Prisma's schema language cannot express INCLUDE, so they are written here
-- and named *_covering_idx, which the drift test (lib/db/migrations.test.ts) leaves to migrations.
CREATE INDEX "member_commune_id_birth_year_covering_idx" ON "member" ("commune_id", "birth_year") INCLUDE ("id", "household_id");

CREATE INDEX "member_skill_commune_id_skill_id_covering_idx" ON "member_skill" ("commune_id", "skill_id", "acquired_on") INCLUDE ("member_id");

CREATE INDEX "visit_commune_id_visited_on_covering_idx" ON "visit" ("commune_id", "visited_on") INCLUDE ("household_id");

-- CreateIndex
CREATE INDEX "member_skill_visit_id_idx" ON "member_skill"("visit_id");
