CREATE TABLE "connectivity_figures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "connectivity_figures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"commune_insee" text NOT NULL,
	"quarter" date NOT NULL,
	"source" text NOT NULL,
	"premises" integer NOT NULL,
	"ftth" integer,
	"thd30" integer,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connectivity_targets" (
	"territory_id" integer PRIMARY KEY NOT NULL,
	"share" double precision NOT NULL,
	"target_date" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allocation_scenarios" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "allocation_scenarios_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"name" text NOT NULL,
	"params" jsonb NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benchmark_figures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "benchmark_figures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"indicator" text NOT NULL,
	"value" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commune_indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "commune_indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"code" text NOT NULL,
	"indicator" text NOT NULL,
	"value" double precision,
	"numerator" double precision,
	"denominator" double precision,
	"source" text NOT NULL,
	"vintage" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "index_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "index_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"territory_id" integer NOT NULL,
	"name" text NOT NULL,
	"weights" jsonb NOT NULL,
	"reference_set" text DEFAULT 'territoire' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"is_current" boolean DEFAULT false NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "summary" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "connection_kind" text;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "connection_mbps" double precision;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "connection_measured_on" date;--> statement-breakpoint
ALTER TABLE "connectivity_figures" ADD CONSTRAINT "connectivity_figures_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connectivity_targets" ADD CONSTRAINT "connectivity_targets_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_scenarios" ADD CONSTRAINT "allocation_scenarios_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_scenarios" ADD CONSTRAINT "allocation_scenarios_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_figures" ADD CONSTRAINT "benchmark_figures_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commune_indicators" ADD CONSTRAINT "commune_indicators_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_versions" ADD CONSTRAINT "index_versions_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_versions" ADD CONSTRAINT "index_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connectivity_figures_key" ON "connectivity_figures" USING btree ("territory_id","commune_insee","source","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_scenarios_territory_name" ON "allocation_scenarios" USING btree ("territory_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "benchmark_figures_territory_indicator" ON "benchmark_figures" USING btree ("territory_id","indicator");--> statement-breakpoint
CREATE UNIQUE INDEX "commune_indicators_key" ON "commune_indicators" USING btree ("territory_id","code","indicator");--> statement-breakpoint
CREATE UNIQUE INDEX "index_versions_territory_name" ON "index_versions" USING btree ("territory_id","name");