-- The running portal connects as congdanso_app, a role with only the rights it needs: read and
-- write the rows of the tables of the portal and of the pg-boss job queue. No DDL, not a superuser,
-- the owner of no table, and the audit trail only read and appended to (SELECT, INSERT), so its
-- append-only trigger cannot be dropped or bypassed by the app. Migrations keep running as the
-- owner of the database (lib/db/runtime-role.ts, docs/decisions/0010).
-- Bodies are E-strings with \073 for each semicolon: the WebAssembly engine splits a migration
-- script at every semicolon, dollar quotes included (see the trust migration).

-- Roles belong to the whole server: the migration of another database may have made it already,
-- or be making it at the same moment. A migrating role that may not create roles leaves the portal
-- running as the owner, with a warning at start.
DO E'BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''congdanso_app'') THEN
      CREATE ROLE congdanso_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS\073
    END IF\073
  EXCEPTION
    WHEN duplicate_object OR unique_violation THEN
      NULL\073
    WHEN insufficient_privilege THEN
      RAISE NOTICE ''congdanso_app not created: the migrating role may not create roles, the portal runs as the owner''\073
  END\073';

-- The rights, in one place: run here and again at every start (scripts/serve.ts), after the
-- pg-boss schema is made and after a restore (pg_restore --no-privileges drops grants).
CREATE OR REPLACE FUNCTION congdanso_grant_runtime_rights() RETURNS boolean LANGUAGE plpgsql
  AS E'BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ''congdanso_app'') THEN
      RETURN false\073
    END IF\073
    EXECUTE format(''GRANT CONNECT ON DATABASE %I TO congdanso_app'', current_database())\073
    GRANT USAGE ON SCHEMA public TO congdanso_app\073
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO congdanso_app\073
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO congdanso_app\073
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM congdanso_app\073
    IF to_regclass(''public._prisma_migrations'') IS NOT NULL THEN
      REVOKE ALL ON _prisma_migrations FROM congdanso_app\073
    END IF\073
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ''pgboss'') THEN
      GRANT USAGE ON SCHEMA pgboss TO congdanso_app\073
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO congdanso_app\073
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO congdanso_app\073
    END IF\073
    RETURN true\073
  END\073';

SELECT congdanso_grant_runtime_rights();
