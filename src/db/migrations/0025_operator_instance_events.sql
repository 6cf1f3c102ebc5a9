-- Instance-level audit events (territory_id null: operators' actions, refused sign-ins, the network's decisions)
-- were readable by every connection of the web app's role through policy instance_events (migration 0011), the
-- public connections included: an injected statement in a public read could have listed them. They stay
-- writable by the web app (a refused sign-in is written without anyone signed in) and become readable only in a
-- signed operator context: the network's signed context (migration 0022) learns a third role, 'operator', that
-- the database checks against users.is_operator like the other two.
CREATE OR REPLACE FUNCTION app_network_role() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  a text := nullif(current_setting('app.network_actor', true), '');
  r text;
  u integer;
BEGIN
  IF a IS NULL THEN RETURN NULL; END IF;
  IF a !~ '^(facilitator|partner|operator):[0-9]{1,9}$' OR current_setting('app.network_signature', true) IS DISTINCT FROM maillage_network_signature(a) THEN
    RAISE EXCEPTION 'network context % is not signed by the application', a USING ERRCODE = 'insufficient_privilege';
  END IF;
  r := split_part(a, ':', 1);
  u := split_part(a, ':', 2)::integer;
  IF r = 'facilitator' AND EXISTS (SELECT 1 FROM public.users WHERE id = u AND is_facilitator) THEN RETURN r; END IF;
  IF r = 'partner' AND EXISTS (SELECT 1 FROM public.network_partners WHERE user_id = u) THEN RETURN r; END IF;
  IF r = 'operator' AND EXISTS (SELECT 1 FROM public.users WHERE id = u AND is_operator) THEN RETURN r; END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP POLICY instance_events ON audit_events;
--> statement-breakpoint
CREATE POLICY instance_events_written ON audit_events FOR INSERT TO maillage_app WITH CHECK (territory_id IS NULL);
--> statement-breakpoint
CREATE POLICY instance_events_read ON audit_events FOR SELECT TO maillage_app USING (territory_id IS NULL AND (SELECT app_network_role()) = 'operator');
