-- Schools: every table is territory-owned.
SELECT maillage_enable_tenant_rls(t) FROM unnest(ARRAY[
  'schools', 'school_referents', 'school_classes', 'equipment_items', 'equipment_history', 'socle_versions',
  'school_settings', 'plan_scenarios', 'incidents', 'training_sessions', 'training_registrations'
]::regclass[]) AS t;
