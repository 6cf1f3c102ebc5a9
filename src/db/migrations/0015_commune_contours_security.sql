-- Commune outlines and centres (decision 0025). A centre is both coordinates or neither, in WGS 84 degrees.
ALTER TABLE communes ADD CONSTRAINT communes_centroid_pair CHECK ((centroid_lat IS NULL) = (centroid_lon IS NULL));
--> statement-breakpoint
ALTER TABLE communes ADD CONSTRAINT communes_centroid_range CHECK (centroid_lat BETWEEN -90 AND 90 AND centroid_lon BETWEEN -180 AND 180);
--> statement-breakpoint
ALTER TABLE communes ADD CONSTRAINT communes_contour_geometry CHECK (contour IS NULL OR contour->>'type' IN ('Polygon', 'MultiPolygon'));
--> statement-breakpoint
-- Shared on purpose: communes are public geography (official names, codes, populations, IGN outlines). The public
-- context (no territory: the finder, anonymous pages) reads the communes that have a centre, so that a search
-- from a commune measures distances from it. A territory's own context still sees only its own communes.
CREATE POLICY shared_commune_positions ON communes FOR SELECT TO maillage_app
  USING ((SELECT app_territory_id()) IS NULL AND centroid_lat IS NOT NULL);
