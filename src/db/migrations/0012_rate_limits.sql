CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
-- Counted by every web instance (decision 0019): the web app's role reads and writes it.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE rate_limits TO maillage_app;
