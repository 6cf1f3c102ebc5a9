-- The network between territories (decision 0054). Three kinds of contexts read and write it:
--   * a member territory (the signed territory context of migration 0013): writes its own rows only (tenant
--     policy), reads what other members shared with the network;
--   * a facilitator or a partner (a signed network context, app.network_actor = 'facilitator:<user id>' or
--     'partner:<user id>', checked against the same key and against the person's current role): facilitators run
--     the network (members, groups, themes, motions, consultations), partners answer adopted proposals;
--   * the public (no context): public sheets, adopted texts and their follow-up only.

CREATE OR REPLACE FUNCTION maillage_network_signature(p_actor text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT encode(sha256(convert_to(s.value || ':' || encode(sha256(convert_to(s.value || ':network:' || p_actor, 'UTF8')), 'hex'), 'UTF8')), 'hex')
  FROM public.instance_settings s WHERE s.key = 'context_secret'
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_network_signature(text) FROM PUBLIC;
--> statement-breakpoint
-- 'facilitator' or 'partner' when the transaction's network context is signed and the person still holds the
-- role; null without one; an error for a forged one.
CREATE OR REPLACE FUNCTION app_network_role() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  a text := nullif(current_setting('app.network_actor', true), '');
  r text;
  u integer;
BEGIN
  IF a IS NULL THEN RETURN NULL; END IF;
  IF a !~ '^(facilitator|partner):[0-9]{1,9}$' OR current_setting('app.network_signature', true) IS DISTINCT FROM maillage_network_signature(a) THEN
    RAISE EXCEPTION 'network context % is not signed by the application', a USING ERRCODE = 'insufficient_privilege';
  END IF;
  r := split_part(a, ':', 1);
  u := split_part(a, ':', 2)::integer;
  IF r = 'facilitator' AND EXISTS (SELECT 1 FROM public.users WHERE id = u AND is_facilitator) THEN RETURN r; END IF;
  IF r = 'partner' AND EXISTS (SELECT 1 FROM public.network_partners WHERE user_id = u) THEN RETURN r; END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_network_user() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT CASE WHEN app_network_role() IS NULL THEN NULL ELSE split_part(current_setting('app.network_actor', true), ':', 2)::integer END
$$;
--> statement-breakpoint
-- True when the transaction's territory belongs to the network.
CREATE OR REPLACE FUNCTION app_network_member() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM public.network_members WHERE territory_id = app_territory_id())
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_network_role(), app_network_user(), app_network_member() TO maillage_app;
--> statement-breakpoint
-- Territory-owned tables: the tenant policy (own rows, every operation), then what is shared.
SELECT maillage_enable_tenant_rls(t) FROM unnest(ARRAY[
  'network_delegates', 'experience_sheets', 'sheet_attachments', 'sheet_questions', 'sheet_marks',
  'motion_contributions', 'motion_amendments', 'motion_votes', 'consultation_answers'
]::regclass[]) AS t;
--> statement-breakpoint
-- Instance-level tables of the network: row-level security on, policies below.
ALTER TABLE network_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE network_partners ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE network_themes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE working_groups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE working_group_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE working_group_facilitators ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE motions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE motion_sections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE motion_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE motion_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE motion_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consultations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consultation_questions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Who is in the network is public (the public pages name the member territories); facilitators change it.
CREATE POLICY members_read ON network_members FOR SELECT TO maillage_app USING (true);
--> statement-breakpoint
CREATE POLICY members_facilitated ON network_members TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY delegates_facilitated ON network_delegates FOR SELECT TO maillage_app USING ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY partners_read ON network_partners FOR SELECT TO maillage_app USING ((SELECT app_network_member()) OR (SELECT app_network_role()) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY partners_facilitated ON network_partners TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY themes_read ON network_themes FOR SELECT TO maillage_app USING (true);
--> statement-breakpoint
CREATE POLICY themes_facilitated ON network_themes TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY groups_read ON working_groups FOR SELECT TO maillage_app USING ((SELECT app_network_member()) OR (SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY groups_facilitated ON working_groups TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY group_members_read ON working_group_members FOR SELECT TO maillage_app USING ((SELECT app_network_member()) OR (SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY group_members_facilitated ON working_group_members TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY group_facilitators_read ON working_group_facilitators FOR SELECT TO maillage_app USING ((SELECT app_network_member()) OR (SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY group_facilitators_facilitated ON working_group_facilitators TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
-- Sheets: drafts stay in their territory (tenant policy); shared ones are read by members and facilitators;
-- public ones by everyone. The contact column is left out of every public query (sheets.queries.ts).
CREATE POLICY sheets_shared ON experience_sheets FOR SELECT TO maillage_app
  USING (visibility IN ('reseau', 'public') AND ((SELECT app_network_member()) OR (SELECT app_network_role()) = 'facilitator'));
--> statement-breakpoint
CREATE POLICY sheets_public ON experience_sheets FOR SELECT TO maillage_app USING (visibility = 'public');
--> statement-breakpoint
-- Attachments, questions and marks follow their sheet: readable where the sheet is (its own policies apply in
-- the subquery).
CREATE POLICY attachments_with_sheet ON sheet_attachments FOR SELECT TO maillage_app
  USING (EXISTS (SELECT 1 FROM experience_sheets s WHERE s.id = sheet_id));
--> statement-breakpoint
CREATE POLICY questions_with_sheet ON sheet_questions FOR SELECT TO maillage_app
  USING ((SELECT app_network_member()) AND EXISTS (SELECT 1 FROM experience_sheets s WHERE s.id = sheet_id));
--> statement-breakpoint
CREATE POLICY marks_with_sheet ON sheet_marks FOR SELECT TO maillage_app
  USING ((SELECT app_network_member()) AND EXISTS (SELECT 1 FROM experience_sheets s WHERE s.id = sheet_id));
--> statement-breakpoint
-- Motions: members, facilitators and partners read the process; facilitators run it. The public reads adopted
-- texts through motion_versions.
CREATE POLICY motions_read ON motions FOR SELECT TO maillage_app
  USING ((SELECT app_network_member()) OR (SELECT app_network_role()) IS NOT NULL OR phase IN ('adoptee', 'remise', 'suivi'));
--> statement-breakpoint
CREATE POLICY motions_facilitated ON motions TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY sections_read ON motion_sections FOR SELECT TO maillage_app
  USING ((SELECT app_network_member()) OR (SELECT app_network_role()) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY sections_facilitated ON motion_sections TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY contributions_read ON motion_contributions FOR SELECT TO maillage_app
  USING ((SELECT app_network_member()) OR (SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY contributions_tagged ON motion_contributions FOR UPDATE TO maillage_app
  USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
-- Amendments: a territory's drafts are its own; submitted ones are read by the network; facilitators decide.
CREATE POLICY amendments_read ON motion_amendments FOR SELECT TO maillage_app
  USING (state <> 'brouillon' AND ((SELECT app_network_member()) OR (SELECT app_network_role()) = 'facilitator'));
--> statement-breakpoint
CREATE POLICY amendments_decided ON motion_amendments FOR UPDATE TO maillage_app
  USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
-- Votes: read by the network; cast only by one of the territory's delegates, only while the motion is in its
-- vote phase (restrictive: on top of the tenant policy).
CREATE POLICY votes_read ON motion_votes FOR SELECT TO maillage_app
  USING ((SELECT app_network_member()) OR (SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY votes_by_delegates ON motion_votes AS RESTRICTIVE FOR INSERT TO maillage_app
  WITH CHECK (EXISTS (SELECT 1 FROM network_delegates d WHERE d.territory_id = motion_votes.territory_id AND d.user_id = motion_votes.delegate_user_id)
    AND EXISTS (SELECT 1 FROM motions m WHERE m.id = motion_votes.motion_id AND m.phase = 'vote'));
--> statement-breakpoint
CREATE POLICY votes_changed_by_delegates ON motion_votes AS RESTRICTIVE FOR UPDATE TO maillage_app
  USING (EXISTS (SELECT 1 FROM motions m WHERE m.id = motion_votes.motion_id AND m.phase = 'vote'))
  WITH CHECK (EXISTS (SELECT 1 FROM network_delegates d WHERE d.territory_id = motion_votes.territory_id AND d.user_id = motion_votes.delegate_user_id));
--> statement-breakpoint
-- Frozen versions: public, written once by a facilitator, never changed.
CREATE POLICY versions_read ON motion_versions FOR SELECT TO maillage_app USING (true);
--> statement-breakpoint
CREATE POLICY versions_frozen_by_facilitators ON motion_versions FOR INSERT TO maillage_app WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
REVOKE UPDATE, DELETE ON TABLE motion_versions FROM maillage_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION maillage_frozen_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an adopted version of a motion is never changed: adopt a new version' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER motion_versions_frozen BEFORE UPDATE ON motion_versions FOR EACH ROW EXECUTE FUNCTION maillage_frozen_version();
--> statement-breakpoint
CREATE POLICY deliveries_read ON motion_deliveries FOR SELECT TO maillage_app USING (true);
--> statement-breakpoint
CREATE POLICY deliveries_facilitated ON motion_deliveries TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
-- Answers to adopted proposals: public; posted by facilitators and partners (a partner changes only their own).
CREATE POLICY answers_read ON motion_answers FOR SELECT TO maillage_app USING (true);
--> statement-breakpoint
CREATE POLICY answers_posted ON motion_answers FOR INSERT TO maillage_app
  WITH CHECK ((SELECT app_network_role()) = 'facilitator' OR ((SELECT app_network_role()) = 'partner' AND author_user_id = (SELECT app_network_user())));
--> statement-breakpoint
CREATE POLICY answers_changed ON motion_answers FOR UPDATE TO maillage_app
  USING ((SELECT app_network_role()) = 'facilitator' OR ((SELECT app_network_role()) = 'partner' AND author_user_id = (SELECT app_network_user())))
  WITH CHECK ((SELECT app_network_role()) = 'facilitator' OR ((SELECT app_network_role()) = 'partner' AND author_user_id = (SELECT app_network_user())));
--> statement-breakpoint
CREATE POLICY answers_removed ON motion_answers FOR DELETE TO maillage_app USING ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
-- Consultations: published ones are read by members; facilitators prepare them and read every answer.
CREATE POLICY consultations_read ON consultations FOR SELECT TO maillage_app USING (published AND (SELECT app_network_member()));
--> statement-breakpoint
CREATE POLICY consultations_facilitated ON consultations TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY consultation_questions_read ON consultation_questions FOR SELECT TO maillage_app
  USING (EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_id));
--> statement-breakpoint
CREATE POLICY consultation_questions_facilitated ON consultation_questions TO maillage_app USING ((SELECT app_network_role()) = 'facilitator') WITH CHECK ((SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY consultation_answers_read ON consultation_answers FOR SELECT TO maillage_app
  USING ((SELECT app_network_member()) OR (SELECT app_network_role()) = 'facilitator');
--> statement-breakpoint
CREATE POLICY consultation_answers_closed ON consultation_answers AS RESTRICTIVE FOR INSERT TO maillage_app
  WITH CHECK (EXISTS (SELECT 1 FROM consultation_questions q JOIN consultations c ON c.id = q.consultation_id WHERE q.id = question_id AND c.published));
--> statement-breakpoint
-- The themes of the national label of digital cities (REFERENCE.md §6), with stable codes.
INSERT INTO network_themes (code, label, position) VALUES
  ('education', 'Éducation', 1), ('mediation', 'Médiation numérique', 2), ('services-publics', 'Services publics', 3),
  ('solidarites', 'Solidarités', 4), ('democratie-locale', 'Démocratie locale', 5), ('culture-patrimoine', 'Culture et patrimoine', 6),
  ('vie-quotidienne', 'Vie quotidienne', 7), ('cohesion-sociale', 'Cohésion sociale', 8), ('attractivite', 'Attractivité', 9),
  ('innovation', 'Innovation', 10), ('connectivite', 'Connectivité et infrastructures', 11)
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
ALTER TABLE experience_sheets ADD CONSTRAINT experience_sheets_visibility CHECK (visibility IN ('brouillon', 'reseau', 'public'));
--> statement-breakpoint
ALTER TABLE motion_votes ADD CONSTRAINT motion_votes_choice CHECK (choice IN ('pour', 'contre', 'abstention'));
--> statement-breakpoint
ALTER TABLE motion_amendments ADD CONSTRAINT motion_amendments_state CHECK (state IN ('brouillon', 'depose', 'accepte', 'rejete', 'retire', 'fusionne'));
--> statement-breakpoint
ALTER TABLE motions ADD CONSTRAINT motions_phase CHECK (phase IN ('contributions', 'redaction', 'amendements', 'vote', 'adoptee', 'remise', 'suivi'));
--> statement-breakpoint
-- Who hears of a motion's phase changes: the elected officials, coordinators, administrators and delegates of
-- the member territories. Only a facilitator's context gets the list (the web role cannot read across territories).
CREATE OR REPLACE FUNCTION maillage_network_recipients() RETURNS TABLE (email text, territory_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT DISTINCT ON (u.email) u.email, t.name
  FROM public.network_members n
  JOIN public.territories t ON t.id = n.territory_id
  JOIN public.memberships m ON m.territory_id = n.territory_id
  JOIN public.users u ON u.id = m.user_id
  WHERE app_network_role() = 'facilitator'
    AND (m.roles && ARRAY['admin', 'coordinator', 'elected']::text[]
      OR EXISTS (SELECT 1 FROM public.network_delegates d WHERE d.territory_id = n.territory_id AND d.user_id = u.id))
  ORDER BY u.email, t.name
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_network_recipients() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_network_recipients() TO maillage_app;
