-- Inclusion: the database itself forbids two active appointments of one mediator at overlapping times.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap
  EXCLUDE USING gist (mediator_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
  WHERE (status IN ('a_venir', 'honore', 'absent'));
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_ends_after_start CHECK (ends_at > starts_at);
--> statement-breakpoint
ALTER TABLE absences ADD CONSTRAINT absences_ends_after_start CHECK (ends_at > starts_at);
--> statement-breakpoint
ALTER TABLE plages ADD CONSTRAINT plages_ends_after_start CHECK (end_time > start_time);
--> statement-breakpoint
SELECT maillage_enable_tenant_rls(t) FROM unnest(ARRAY[
  'places', 'mediators', 'mediator_places', 'motifs', 'plages', 'exceptional_plages', 'absences',
  'appointments', 'activities', 'sms_messages', 'imports', 'share_links', 'inclusion_settings'
]::regclass[]) AS t;
--> statement-breakpoint
-- Sharing on purpose: published places are readable by anyone (public finder, open API).
CREATE POLICY shared_published ON places FOR SELECT TO maillage_app USING (published);
