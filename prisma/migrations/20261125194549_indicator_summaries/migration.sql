-- Two summaries kept current by PostgreSQL itself, in the same transaction as every write that
-- changes them (visits and member skills are written from several places: visits, the household
-- form, class check-in, imports, seeds), so that the official's indicators are index ranges of one
-- commune with no join at the city's size (docs/bench-city.txt). Trigger bodies are E-strings with
-- \073 for each semicolon: the WebAssembly engine's pg adapter splits a migration at every semicolon.

-- AlterTable
ALTER TABLE "household" ADD COLUMN     "first_visit_on" DATE;

-- AlterTable
ALTER TABLE "member_skill" ADD COLUMN     "birth_year" INTEGER;

-- 1. household.first_visit_on: the day of the household's first visit ("reached by day X").
UPDATE "household" h SET "first_visit_on" = f.first_on
  FROM (SELECT "household_id", min("visited_on") AS first_on FROM "visit" GROUP BY "household_id") f
  WHERE f."household_id" = h."id";

-- New visits can only move the first day earlier: households whose first day does not change are
-- not written. A changed or deleted visit recounts its households' first day.
CREATE FUNCTION household_first_visit_on_insert() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE household h SET first_visit_on = n.first_on FROM (SELECT household_id, min(visited_on) AS first_on FROM new_visits GROUP BY household_id) n WHERE h.id = n.household_id AND (h.first_visit_on IS NULL OR n.first_on < h.first_visit_on)\073 RETURN NULL\073 END\073';

CREATE FUNCTION household_first_visit_on_recount() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN IF TG_OP = ''UPDATE'' THEN UPDATE household h SET first_visit_on = (SELECT min(v.visited_on) FROM visit v WHERE v.household_id = h.id) WHERE h.id IN (SELECT household_id FROM old_visits UNION SELECT household_id FROM new_visits)\073 ELSE UPDATE household h SET first_visit_on = (SELECT min(v.visited_on) FROM visit v WHERE v.household_id = h.id) WHERE h.id IN (SELECT household_id FROM old_visits)\073 END IF\073 RETURN NULL\073 END\073';

CREATE TRIGGER visit_first_visit_on_insert AFTER INSERT ON "visit"
  REFERENCING NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION household_first_visit_on_insert();

CREATE TRIGGER visit_first_visit_on_update AFTER UPDATE ON "visit"
  REFERENCING OLD TABLE AS old_visits NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION household_first_visit_on_recount();

CREATE TRIGGER visit_first_visit_on_delete AFTER DELETE ON "visit"
  REFERENCING OLD TABLE AS old_visits FOR EACH STATEMENT EXECUTE FUNCTION household_first_visit_on_recount();

CREATE INDEX "household_commune_id_first_visit_on_covering_idx" ON "household" ("commune_id", "first_visit_on") INCLUDE ("id");

-- 2. member_skill.birth_year: the member's birth year, so "adults with the skill" needs no join.
UPDATE "member_skill" ms SET "birth_year" = m."birth_year" FROM "member" m WHERE m."id" = ms."member_id";

CREATE FUNCTION member_skill_birth_year() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN SELECT m.birth_year INTO NEW.birth_year FROM member m WHERE m.id = NEW.member_id\073 RETURN NEW\073 END\073';

CREATE TRIGGER member_skill_birth_year BEFORE INSERT OR UPDATE ON "member_skill"
  FOR EACH ROW EXECUTE FUNCTION member_skill_birth_year();

CREATE FUNCTION member_birth_year_to_skills() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE member_skill SET birth_year = NEW.birth_year WHERE member_id = NEW.id\073 RETURN NULL\073 END\073';

CREATE TRIGGER member_birth_year_to_skills AFTER UPDATE OF "birth_year" ON "member"
  FOR EACH ROW WHEN (OLD."birth_year" IS DISTINCT FROM NEW."birth_year") EXECUTE FUNCTION member_birth_year_to_skills();

DROP INDEX "member_skill_commune_id_skill_id_covering_idx";

CREATE INDEX "member_skill_commune_id_skill_id_covering_idx" ON "member_skill" ("commune_id", "skill_id", "acquired_on") INCLUDE ("member_id", "birth_year");
