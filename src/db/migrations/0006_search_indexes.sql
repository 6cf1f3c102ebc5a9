-- The finder's nearest-places query orders by distance on this exact expression (longitude scaled by cos 46°).
CREATE INDEX IF NOT EXISTS places_published_position ON places USING gist (point(longitude * 0.69, latitude))
  WHERE published AND latitude IS NOT NULL AND longitude IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS plages_territory_place ON plages (territory_id, place_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS exceptional_plages_territory_place ON exceptional_plages (territory_id, place_id, day);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS absences_mediator_start ON absences (mediator_id, starts_at);
--> statement-breakpoint
-- One mediator per account in a territory, and one accompaniment record per appointment.
CREATE UNIQUE INDEX IF NOT EXISTS mediators_territory_user ON mediators (territory_id, user_id) WHERE user_id IS NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS activities_appointment ON activities (appointment_id) WHERE appointment_id IS NOT NULL;
--> statement-breakpoint
ALTER TABLE exceptional_plages ADD CONSTRAINT exceptional_plages_ends_after_start CHECK (end_time > start_time);
