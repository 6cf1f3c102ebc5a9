-- A public motif is offered at a place only when the place offers its service (its `services`, from the data
-- standard), besides the motif's own list of places: the availability now returns each motif's service and each
-- place's services. Same signature, so the grant of migration 0013 stands.
CREATE OR REPLACE FUNCTION maillage_public_availability(
  p_territory integer, p_place_ids integer[], p_from date, p_to date,
  p_window_start timestamptz, p_window_end timestamptz, p_earliest_start timestamptz, p_active_statuses text[]
) RETURNS TABLE (motifs json, plages json, exceptional json, busy json, with_plages json, communes json)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH pl AS (
      SELECT p.mediator_id, p.place_id, p.weekdays, p.start_time, p.end_time, p.valid_from, p.valid_until, p.every_n_weeks
      FROM public.plages p JOIN public.mediators m ON m.id = p.mediator_id
      WHERE p.territory_id = p_territory AND p.place_id = ANY (p_place_ids) AND m.active
    ), ex AS (
      SELECT e.mediator_id, e.place_id, e.day, e.start_time, e.end_time FROM public.exceptional_plages e
      WHERE e.territory_id = p_territory AND e.place_id = ANY (p_place_ids) AND e.day >= p_from AND e.day <= p_to
    ), med AS (SELECT pl.mediator_id FROM pl UNION SELECT ex.mediator_id FROM ex)
    SELECT
      (SELECT coalesce(json_agg(m ORDER BY m.name, m.id), '[]') FROM (
         SELECT mo.id, mo.name, mo.service, mo.duration_minutes, mo.min_notice_minutes, mo.horizon_days, mo.place_ids FROM public.motifs mo
         WHERE mo.territory_id = p_territory AND mo.active AND mo.bookable_by = 'everyone') m),
      (SELECT coalesce(json_agg(pl), '[]') FROM pl),
      (SELECT coalesce(json_agg(ex), '[]') FROM ex),
      (SELECT coalesce(json_agg(b), '[]') FROM (
         SELECT 'absence' AS kind, ab.mediator_id, extract(epoch FROM ab.starts_at) * 1000 AS start_ms, extract(epoch FROM ab.ends_at) * 1000 AS end_ms
         FROM public.absences ab WHERE ab.territory_id = p_territory AND ab.mediator_id IN (SELECT med.mediator_id FROM med)
           AND ab.starts_at < p_window_end AND ab.ends_at >= p_window_start
         UNION ALL
         SELECT 'appointment', a.mediator_id, extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.ends_at) * 1000
         FROM med JOIN LATERAL (
           SELECT ap.mediator_id, ap.starts_at, ap.ends_at FROM public.appointments ap
           WHERE ap.territory_id = p_territory AND ap.mediator_id = med.mediator_id AND ap.status = ANY (p_active_statuses)
             AND ap.starts_at >= p_earliest_start AND ap.starts_at < p_window_end AND ap.ends_at >= p_window_start) a ON true) b),
      (SELECT coalesce(json_agg(DISTINCT x.place_id), '[]') FROM (
         SELECT pg.place_id FROM public.plages pg WHERE pg.territory_id = p_territory
         UNION ALL SELECT eg.place_id FROM public.exceptional_plages eg WHERE eg.territory_id = p_territory AND eg.day >= p_from) x),
      (SELECT coalesce(json_agg(json_build_object('id', pc.id, 'insee', pc.code_insee, 'services', pc.services)), '[]') FROM public.places pc
         WHERE pc.territory_id = p_territory AND pc.id = ANY (p_place_ids));
END
$$;
