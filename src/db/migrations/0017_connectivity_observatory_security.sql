-- Connectivity and observatory: every table is territory-owned.
GRANT SELECT, INSERT, UPDATE, DELETE ON connectivity_figures, connectivity_targets, commune_indicators, index_versions,
  allocation_scenarios, benchmark_figures TO maillage_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE connectivity_figures_id_seq, commune_indicators_id_seq, index_versions_id_seq,
  allocation_scenarios_id_seq, benchmark_figures_id_seq TO maillage_app;
--> statement-breakpoint
SELECT maillage_enable_tenant_rls(t) FROM unnest(ARRAY[
  'connectivity_figures', 'connectivity_targets', 'commune_indicators', 'index_versions', 'allocation_scenarios',
  'benchmark_figures'
]::regclass[]) AS t;
--> statement-breakpoint
-- Sharing on purpose: a benchmark figure exists only because its territory chose to share that indicator with
-- the other territories of the instance, so every territory may read it (never write it); anonymous pages may not.
CREATE POLICY shared_benchmark ON benchmark_figures FOR SELECT TO maillage_app USING ((SELECT app_territory_id()) IS NOT NULL);
--> statement-breakpoint
ALTER TABLE schools ADD CONSTRAINT schools_connection_kind CHECK (connection_kind IN ('fibre', 'cuivre', 'radio', 'satellite', 'aucun'));
--> statement-breakpoint
ALTER TABLE connectivity_targets ADD CONSTRAINT connectivity_targets_share CHECK (share > 0 AND share <= 1);
