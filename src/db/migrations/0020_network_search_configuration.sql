-- French full-text search for the network's experience sheets (decision 0053): the text search configuration
-- maillage_fr is French with accents removed first, so "ecole" finds "écoles" and excerpts keep their accents.
-- unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it; PGlite ships it.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'maillage_fr') THEN
    CREATE TEXT SEARCH CONFIGURATION maillage_fr (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION maillage_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END $$;
