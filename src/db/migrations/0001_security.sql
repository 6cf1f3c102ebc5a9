-- Row-level security: the second wall between territories.
-- Requests for a territory run inside a transaction that does SET LOCAL ROLE maillage_app and sets
-- app.territory_id; policies below then hide every row of another territory, even if a query forgets its filter.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_app') THEN
    CREATE ROLE maillage_app NOLOGIN;
  END IF;
END $$;
--> statement-breakpoint
-- The migrating role must be able to SET ROLE maillage_app. Skip the grant when it already can (e.g. the role was
-- created beforehand by a superuser and granted to it), so no admin option on the role is needed then.
DO $$ BEGIN
  IF NOT pg_has_role(current_user, 'maillage_app', 'MEMBER') THEN
    GRANT maillage_app TO CURRENT_USER;
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO maillage_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO maillage_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO maillage_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO maillage_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_territory_id() RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.territory_id', true), '')::integer
$$;
--> statement-breakpoint
-- Enables the tenant policy on a table that has a territory_id column. Every module's migration calls it.
CREATE OR REPLACE FUNCTION maillage_enable_tenant_rls(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s TO maillage_app USING (territory_id = app_territory_id()) WITH CHECK (territory_id = app_territory_id())',
    tbl);
END $$;
--> statement-breakpoint
SELECT maillage_enable_tenant_rls('communes');
--> statement-breakpoint
SELECT maillage_enable_tenant_rls('commune_groups');
--> statement-breakpoint
SELECT maillage_enable_tenant_rls('commune_group_members');
--> statement-breakpoint
SELECT maillage_enable_tenant_rls('memberships');
--> statement-breakpoint
SELECT maillage_enable_tenant_rls('audit_events');
--> statement-breakpoint
SELECT maillage_enable_tenant_rls('mails');
