-- "Reached" is a household met and helped, not one knocked on: a visit where nobody was home, or
-- where the household declined, no longer counts (issue 16, item 6, docs/decisions/0022). The
-- outcomes below are REACHED_OUTCOMES in lib/visits/rules.ts, and lib/db/summaries.test.ts checks the
-- two agree. Trigger bodies are E-strings with \073 for each semicolon (see indicator_summaries).

DROP TRIGGER visit_first_visit_on_insert ON "visit";
DROP TRIGGER visit_first_visit_on_update ON "visit";
DROP TRIGGER visit_first_visit_on_delete ON "visit";
DROP FUNCTION household_first_visit_on_insert();
DROP FUNCTION household_first_visit_on_recount();

-- AlterTable
ALTER TABLE "household" RENAME COLUMN "first_visit_on" TO "first_reached_on";
ALTER INDEX "household_commune_id_first_visit_on_covering_idx" RENAME TO "household_commune_id_first_reached_on_covering_idx";

UPDATE "household" h SET "first_reached_on" = (
  SELECT min(v."visited_on") FROM "visit" v
  WHERE v."household_id" = h."id" AND v."outcome" IN ('done', 'needs_police', 'no_smartphone'))
WHERE h."first_reached_on" IS NOT NULL;

CREATE FUNCTION household_first_reached_on_insert() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN UPDATE household h SET first_reached_on = n.first_on FROM (SELECT household_id, min(visited_on) AS first_on FROM new_visits WHERE outcome IN (''done'', ''needs_police'', ''no_smartphone'') GROUP BY household_id) n WHERE h.id = n.household_id AND (h.first_reached_on IS NULL OR n.first_on < h.first_reached_on)\073 RETURN NULL\073 END\073';

CREATE FUNCTION household_first_reached_on_recount() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN IF TG_OP = ''UPDATE'' THEN UPDATE household h SET first_reached_on = (SELECT min(v.visited_on) FROM visit v WHERE v.household_id = h.id AND v.outcome IN (''done'', ''needs_police'', ''no_smartphone'')) WHERE h.id IN (SELECT household_id FROM old_visits UNION SELECT household_id FROM new_visits)\073 ELSE UPDATE household h SET first_reached_on = (SELECT min(v.visited_on) FROM visit v WHERE v.household_id = h.id AND v.outcome IN (''done'', ''needs_police'', ''no_smartphone'')) WHERE h.id IN (SELECT household_id FROM old_visits)\073 END IF\073 RETURN NULL\073 END\073';

CREATE TRIGGER visit_first_reached_on_insert AFTER INSERT ON "visit"
  REFERENCING NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION household_first_reached_on_insert();

CREATE TRIGGER visit_first_reached_on_update AFTER UPDATE ON "visit"
  REFERENCING OLD TABLE AS old_visits NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION household_first_reached_on_recount();

CREATE TRIGGER visit_first_reached_on_delete AFTER DELETE ON "visit"
  REFERENCING OLD TABLE AS old_visits FOR EACH STATEMENT EXECUTE FUNCTION household_first_reached_on_recount();
