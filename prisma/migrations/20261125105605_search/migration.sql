-- Search by name with or without diacritics, tolerant of typos: "nguyen van an" finds
-- "Nguyễn Văn An". unaccent() is only STABLE, so an IMMUTABLE wrapper with an explicit
-- dictionary is needed to index it.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN public.unaccent('public.unaccent'::regdictionary, lower($1));

CREATE INDEX "household_head_name_search_idx" ON "household" USING gin (f_unaccent("head_name") gin_trgm_ops);
CREATE INDEX "household_address_search_idx" ON "household" USING gin (f_unaccent("address") gin_trgm_ops);
CREATE INDEX "member_full_name_search_idx" ON "member" USING gin (f_unaccent("full_name") gin_trgm_ops);
CREATE INDEX "registration_full_name_search_idx" ON "registration" USING gin (f_unaccent("full_name") gin_trgm_ops);
CREATE INDEX "commune_name_search_idx" ON "commune" USING gin (f_unaccent("name") gin_trgm_ops);
