ALTER TABLE "communes" ADD COLUMN "contour" jsonb;--> statement-breakpoint
ALTER TABLE "communes" ADD COLUMN "centroid_lat" double precision;--> statement-breakpoint
ALTER TABLE "communes" ADD COLUMN "centroid_lon" double precision;--> statement-breakpoint
ALTER TABLE "communes" ADD COLUMN "contour_source" text;--> statement-breakpoint
CREATE INDEX "communes_insee" ON "communes" USING btree ("insee");