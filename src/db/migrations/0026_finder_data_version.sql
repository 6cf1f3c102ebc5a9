-- The finder searches the published places in each app process's memory (decision 0055,
-- src/modules/finder/place-index.ts). A process reads them again when this version moved: statement triggers on
-- places and communes (their centres place a search) bump it inside the writing transaction, so the new version
-- becomes visible with the data it announces. One row; readable by the web app, written only by the triggers.
CREATE TABLE finder_data_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO finder_data_version DEFAULT VALUES;
--> statement-breakpoint
GRANT SELECT ON TABLE finder_data_version TO maillage_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION maillage_bump_finder_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  UPDATE public.finder_data_version SET version = version + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_bump_finder_version() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER places_finder_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_version();
--> statement-breakpoint
CREATE TRIGGER communes_finder_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON communes FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_version();
--> statement-breakpoint
-- The finder no longer asks PostgreSQL for the nearest places: the position index (migration 0006) only slowed writes.
DROP INDEX IF EXISTS places_published_position;
