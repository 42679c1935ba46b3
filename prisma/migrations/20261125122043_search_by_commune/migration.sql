-- Search indexes led by the commune: every search is within one commune, and across the whole
-- city (1,000,000 households) a trigram index over all communes would read every commune's
-- matches for common syllables ("nguyen"). btree_gin lets commune_id sit in the same GIN index.
CREATE EXTENSION IF NOT EXISTS btree_gin;

DROP INDEX IF EXISTS "household_head_name_search_idx";
DROP INDEX IF EXISTS "household_address_search_idx";
DROP INDEX IF EXISTS "member_full_name_search_idx";

CREATE INDEX "household_head_name_search_idx" ON "household" USING gin ("commune_id", f_unaccent("head_name") gin_trgm_ops);
CREATE INDEX "household_address_search_idx" ON "household" USING gin ("commune_id", f_unaccent("address") gin_trgm_ops);
CREATE INDEX "member_full_name_search_idx" ON "member" USING gin ("commune_id", f_unaccent("full_name") gin_trgm_ops);
