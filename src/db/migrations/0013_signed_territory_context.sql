-- A territory context that an injected statement cannot forge (decision 0018). The tenant policies trusted the
-- setting app.territory_id, which any statement of the web role may change with set_config. Now the setting counts
-- only with app.territory_signature, a keyed hash of the territory with a secret only the owner reads: the app
-- computes it (withTenant, src/db/tenant.ts), and app_territory_id() checks it, once per statement.

-- The key, made once per instance. The web role cannot read instance_settings (migration 0011).
INSERT INTO instance_settings (key, value)
VALUES ('context_secret', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'))
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
-- The signature of a territory id: sha256(key ':' sha256(key ':territory:' id)), hex. Not callable by maillage_app.
CREATE OR REPLACE FUNCTION maillage_context_signature(p_territory text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT encode(sha256(convert_to(s.value || ':' || encode(sha256(convert_to(s.value || ':territory:' || p_territory, 'UTF8')), 'hex'), 'UTF8')), 'hex')
  FROM public.instance_settings s WHERE s.key = 'context_secret'
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_context_signature(text) FROM PUBLIC;
--> statement-breakpoint
-- The territory of the transaction, if its signature is right; an unsigned or forged one is refused outright
-- (an error names it, rather than an empty result that would hide a bug).
CREATE OR REPLACE FUNCTION app_territory_id() RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t text := nullif(current_setting('app.territory_id', true), '');
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  IF t !~ '^[0-9]{1,9}$' OR current_setting('app.territory_signature', true) IS DISTINCT FROM maillage_context_signature(t) THEN
    RAISE EXCEPTION 'territory context % is not signed by the application', t USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN t::integer;
END
$$;
--> statement-breakpoint
-- Policies compare with (SELECT app_territory_id()): evaluated once per statement (an init plan), not per row.
CREATE OR REPLACE FUNCTION maillage_enable_tenant_rls(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s TO maillage_app USING (territory_id = (SELECT app_territory_id())) WITH CHECK (territory_id = (SELECT app_territory_id()))',
    tbl);
END $$;
--> statement-breakpoint
DO $$
DECLARE p record;
BEGIN
  FOR p IN SELECT schemaname, tablename FROM pg_policies WHERE policyname = 'tenant_isolation' LOOP
    PERFORM maillage_enable_tenant_rls(format('%I.%I', p.schemaname, p.tablename)::regclass);
  END LOOP;
END $$;
--> statement-breakpoint
-- A territory created in this very transaction may be entered (its communes and first audit event are written
-- under its own policy, by the web role when an operator creates it): nothing older can be.
CREATE OR REPLACE FUNCTION maillage_enter_created_territory(p_territory integer) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM public.territories t WHERE t.id = p_territory AND t.xmin::text = (pg_current_xact_id()::text::bigint % 4294967296)::text) THEN
    RAISE EXCEPTION 'territory % was not created by this transaction', p_territory USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('app.territory_id', p_territory::text, true);
  PERFORM set_config('app.territory_signature', maillage_context_signature(p_territory::text), true);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_enter_created_territory(integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_enter_created_territory(integer) TO maillage_app;
--> statement-breakpoint
-- The public availability of a territory (migration 0008) switched the territory itself, which a signed context
-- no longer allows: it now reads as its owner, every subquery filtered on p_territory, and returns only what the
-- public may know (public motifs, plages, busy times without names).
CREATE OR REPLACE FUNCTION maillage_public_availability(
  p_territory integer, p_place_ids integer[], p_from date, p_to date,
  p_window_start timestamptz, p_window_end timestamptz, p_earliest_start timestamptz, p_active_statuses text[]
) RETURNS TABLE (motifs json, plages json, exceptional json, busy json, with_plages json, communes json)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH pl AS (
      SELECT p.mediator_id, p.place_id, p.weekdays, p.start_time, p.end_time, p.valid_from, p.valid_until, p.every_n_weeks
      FROM public.plages p JOIN public.mediators m ON m.id = p.mediator_id
      WHERE p.territory_id = p_territory AND p.place_id = ANY (p_place_ids) AND m.active
    ), ex AS (
      SELECT e.mediator_id, e.place_id, e.day, e.start_time, e.end_time FROM public.exceptional_plages e
      WHERE e.territory_id = p_territory AND e.place_id = ANY (p_place_ids) AND e.day >= p_from AND e.day <= p_to
    ), med AS (SELECT pl.mediator_id FROM pl UNION SELECT ex.mediator_id FROM ex)
    SELECT
      (SELECT coalesce(json_agg(m ORDER BY m.name, m.id), '[]') FROM (
         SELECT mo.id, mo.name, mo.duration_minutes, mo.min_notice_minutes, mo.horizon_days, mo.place_ids FROM public.motifs mo
         WHERE mo.territory_id = p_territory AND mo.active AND mo.bookable_by = 'everyone') m),
      (SELECT coalesce(json_agg(pl), '[]') FROM pl),
      (SELECT coalesce(json_agg(ex), '[]') FROM ex),
      (SELECT coalesce(json_agg(b), '[]') FROM (
         SELECT 'absence' AS kind, ab.mediator_id, extract(epoch FROM ab.starts_at) * 1000 AS start_ms, extract(epoch FROM ab.ends_at) * 1000 AS end_ms
         FROM public.absences ab WHERE ab.territory_id = p_territory AND ab.mediator_id IN (SELECT med.mediator_id FROM med)
           AND ab.starts_at < p_window_end AND ab.ends_at >= p_window_start
         UNION ALL
         SELECT 'appointment', a.mediator_id, extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.ends_at) * 1000
         FROM med JOIN LATERAL (
           SELECT ap.mediator_id, ap.starts_at, ap.ends_at FROM public.appointments ap
           WHERE ap.territory_id = p_territory AND ap.mediator_id = med.mediator_id AND ap.status = ANY (p_active_statuses)
             AND ap.starts_at >= p_earliest_start AND ap.starts_at < p_window_end AND ap.ends_at >= p_window_start) a ON true) b),
      (SELECT coalesce(json_agg(DISTINCT x.place_id), '[]') FROM (
         SELECT pg.place_id FROM public.plages pg WHERE pg.territory_id = p_territory
         UNION ALL SELECT eg.place_id FROM public.exceptional_plages eg WHERE eg.territory_id = p_territory AND eg.day >= p_from) x),
      (SELECT coalesce(json_agg(json_build_object('id', pc.id, 'insee', pc.code_insee)), '[]') FROM public.places pc
         WHERE pc.territory_id = p_territory AND pc.id = ANY (p_place_ids));
END
$$;

--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_public_availability(integer, integer[], date, date, timestamptz, timestamptz, timestamptz, text[]) TO maillage_app;
