-- Names of people and places sort in Vietnamese order: "Đông Hải" after "Dương Kinh" and before
-- "Ê Đê", not after "Văn Xá" where the default collation of the database (C.UTF-8, code points)
-- puts it. Set on the columns, so every ORDER BY, Prisma orderBy, min/max and string_agg on them
-- follows it with no COLLATE of its own (docs/decisions/0021-vietnamese-collation.md). The Prisma
-- schema cannot state the collation of a column: this migration is where it is set, and
-- lib/format/collation.test.ts fails if a later migration resets one.
-- ICU "vi" is deterministic: equality, unique indexes and LIKE behave as before. Only the indexes
-- on these columns are rebuilt, the tables are not rewritten.
ALTER TABLE "commune" ALTER COLUMN "name" TYPE text COLLATE "vi-x-icu";
ALTER TABLE "village" ALTER COLUMN "name" TYPE text COLLATE "vi-x-icu";
ALTER TABLE "youth_branch" ALTER COLUMN "name" TYPE text COLLATE "vi-x-icu";
ALTER TABLE "app_user" ALTER COLUMN "name" TYPE text COLLATE "vi-x-icu";
ALTER TABLE "household" ALTER COLUMN "head_name" TYPE text COLLATE "vi-x-icu";
ALTER TABLE "member" ALTER COLUMN "full_name" TYPE text COLLATE "vi-x-icu";
ALTER TABLE "registration" ALTER COLUMN "full_name" TYPE text COLLATE "vi-x-icu";
ALTER TABLE "attendance" ALTER COLUMN "full_name" TYPE text COLLATE "vi-x-icu";
