-- Least privilege for the web app (decision 0018). On a PostgreSQL server the web app logs in as its own role,
-- a member of maillage_app (not a superuser, not the owner), so every statement it runs is under row-level
-- security and the grants below; migrations, the CLI and the job worker use the owner's connection.
-- maillage_app keeps DML on the territories' tables (filtered by the tenant policies); on instance-level tables
-- it keeps only what the web pages need.

-- The link-signing secret: out of the web role's reach (the server reads it with the owner's connection at start).
REVOKE ALL ON TABLE instance_settings FROM maillage_app;
--> statement-breakpoint
-- People: read, add (invitations, OpenID Connect), and change only what a sign-in changes. Never the instance
-- roles (is_operator, is_facilitator): only an operator's command line grants them.
REVOKE UPDATE, DELETE ON TABLE users FROM maillage_app;
--> statement-breakpoint
GRANT UPDATE (display_name, last_sign_in_at, oidc_issuer, oidc_subject) ON TABLE users TO maillage_app;
--> statement-breakpoint
-- Territories: read, and created by operators from the official geography; renamed or deleted only by the CLI.
REVOKE UPDATE, DELETE ON TABLE territories FROM maillage_app;
--> statement-breakpoint
REVOKE UPDATE ON TABLE sessions FROM maillage_app;
--> statement-breakpoint
GRANT UPDATE (last_seen_at, expires_at) ON TABLE sessions TO maillage_app;
--> statement-breakpoint
-- Sign-in links: created and used once; purged by the worker.
REVOKE UPDATE, DELETE ON TABLE login_tokens FROM maillage_app;
--> statement-breakpoint
GRANT UPDATE (used_at) ON TABLE login_tokens TO maillage_app;
--> statement-breakpoint
-- Jobs: queued by the web app and listed to operators; a failed job can be put back by an operator. Claimed,
-- run and purged by the worker.
REVOKE UPDATE, DELETE ON TABLE jobs FROM maillage_app;
--> statement-breakpoint
GRANT UPDATE (status, attempts, run_at, finished_at) ON TABLE jobs TO maillage_app;
--> statement-breakpoint
-- Instance-level audit events (no territory): written by the web app (operators' actions, refused sign-ins) and
-- read by operators on their journal page.
CREATE POLICY instance_events ON audit_events TO maillage_app USING (territory_id IS NULL) WITH CHECK (territory_id IS NULL);
--> statement-breakpoint
-- Instance-level mail (sign-in links): the web app may queue one, never read one back (it carries a live link).
CREATE POLICY instance_mail_queued ON mails FOR INSERT TO maillage_app WITH CHECK (territory_id IS NULL);
--> statement-breakpoint
-- The signed-in person behind a session, with their memberships in every territory: what the web app needs on
-- each request before any territory is chosen. Only for a session hash it already holds, and only if unexpired.
CREATE OR REPLACE FUNCTION maillage_session_actor(p_session_hash text, p_now timestamptz) RETURNS json
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT json_build_object(
    'userId', u.id, 'email', u.email, 'displayName', u.display_name, 'isOperator', u.is_operator,
    'isFacilitator', u.is_facilitator, 'lastSeenAt', s.last_seen_at,
    'memberships', coalesce((
      SELECT json_agg(json_build_object('territoryId', t.id, 'code', t.code, 'name', t.name, 'roles', m.roles) ORDER BY t.name, t.id)
      FROM public.memberships m JOIN public.territories t ON t.id = m.territory_id WHERE m.user_id = u.id), '[]'::json))
  FROM public.sessions s JOIN public.users u ON u.id = s.user_id
  WHERE s.id_hash = p_session_hash AND s.expires_at > p_now
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_session_actor(text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_session_actor(text, timestamptz) TO maillage_app;
--> statement-breakpoint
-- The territory a capability points into (an appointment's signed key, a school's or a registration's link, a
-- statistics share link's hash), for the public pages that then work under that territory's row-level security.
-- It reveals a territory id, nothing of the record: the caller has checked the capability's signature first.
CREATE OR REPLACE FUNCTION maillage_territory_of(p_kind text, p_key text) RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_kind = 'appointment' THEN
    IF p_key !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN RETURN NULL; END IF;
    RETURN (SELECT a.territory_id FROM public.appointments a WHERE a.id = p_key::uuid);
  ELSIF p_kind = 'school' THEN
    IF p_key !~ '^[0-9]{1,9}$' THEN RETURN NULL; END IF;
    RETURN (SELECT s.territory_id FROM public.schools s WHERE s.id = p_key::integer);
  ELSIF p_kind = 'training_registration' THEN
    IF p_key !~ '^[0-9]{1,9}$' THEN RETURN NULL; END IF;
    RETURN (SELECT r.territory_id FROM public.training_registrations r WHERE r.id = p_key::integer);
  ELSIF p_kind = 'share_link' THEN
    RETURN (SELECT l.territory_id FROM public.share_links l WHERE l.token_hash = p_key AND l.revoked_at IS NULL);
  END IF;
  RAISE EXCEPTION 'unknown capability kind %', p_kind;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_territory_of(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_territory_of(text, text) TO maillage_app;
