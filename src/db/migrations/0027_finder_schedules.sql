-- The finder's availability (decision 0056): each app process holds the public schedules (public motifs, the
-- plages of active mediators and the exceptional plages at published places) in memory like the places
-- (migration 0026), and the busy times of those mediators over the next weeks, read again per territory when its
-- appointments or absences changed. The territory-wide availability function of migrations 0008, 0013 and 0019
-- is replaced by the functions below.

-- Schedules have their own version, bumped by statement triggers inside the writing transaction; a process reads
-- the schedules again when it or the places' version moved (a place published or withdrawn changes them too).
ALTER TABLE finder_data_version ADD COLUMN schedules bigint NOT NULL DEFAULT 0;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION maillage_bump_finder_schedules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  UPDATE public.finder_data_version SET schedules = schedules + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_bump_finder_schedules() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER plages_finder_schedules AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plages FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_schedules();
--> statement-breakpoint
CREATE TRIGGER exceptional_plages_finder_schedules AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON exceptional_plages FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_schedules();
--> statement-breakpoint
CREATE TRIGGER motifs_finder_schedules AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON motifs FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_schedules();
--> statement-breakpoint
CREATE TRIGGER mediators_finder_schedules AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mediators FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_schedules();
--> statement-breakpoint
-- What the public may know of every territory's schedules, read as the owner (the public connections see no
-- plage): public motifs (active, bookable by everyone), weekly plages of active mediators at published places
-- still valid on p_from, exceptional plages at published places from p_from on. No names of people.
CREATE OR REPLACE FUNCTION maillage_public_schedules(p_from date)
RETURNS TABLE (motifs json, plages json, exceptional json)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT
    (SELECT coalesce(json_agg(json_build_array(mo.id, mo.territory_id, mo.name, mo.service, mo.duration_minutes, mo.min_notice_minutes, mo.horizon_days, mo.place_ids) ORDER BY mo.territory_id, mo.name, mo.id), '[]')
       FROM public.motifs mo WHERE mo.active AND mo.bookable_by = 'everyone'),
    (SELECT coalesce(json_agg(json_build_array(p.mediator_id, p.place_id, p.weekdays, left(p.start_time::text, 5), left(p.end_time::text, 5), p.valid_from, p.valid_until, p.every_n_weeks) ORDER BY p.id), '[]')
       FROM public.plages p
       JOIN public.mediators m ON m.id = p.mediator_id AND m.active
       JOIN public.places pc ON pc.id = p.place_id AND pc.published
       WHERE p.valid_until IS NULL OR p.valid_until >= p_from),
    (SELECT coalesce(json_agg(json_build_array(e.mediator_id, e.place_id, e.day, left(e.start_time::text, 5), left(e.end_time::text, 5)) ORDER BY e.id), '[]')
       FROM public.exceptional_plages e
       JOIN public.places pc ON pc.id = e.place_id AND pc.published
       WHERE e.day >= p_from)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_public_schedules(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_public_schedules(date) TO maillage_app;
--> statement-breakpoint
-- When the given mediators are busy (absences, active appointments) over [p_window_start, p_window_end), without
-- saying why or with whom; only mediators who hold a plage at a published place, the others are ignored. For
-- windows the processes do not hold (a place's page looks three months ahead).
-- Appointments last less than a day: p_earliest_start lets each mediator's be read from (mediator_id, starts_at).
CREATE OR REPLACE FUNCTION maillage_public_busy(
  p_mediator_ids integer[], p_window_start timestamptz, p_window_end timestamptz, p_earliest_start timestamptz, p_active_statuses text[]
) RETURNS TABLE (mediator_id integer, start_ms double precision, end_ms double precision)
-- plpgsql keeps its statement's plan for the session (a SQL function called per search would be planned per call),
-- and the generic plan is forced: left to choose, PostgreSQL kept planning each call anew (0.5 ms a call against
-- 0.1 ms executed with the generic plan, whose index lookups are the same).
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH med AS (
      SELECT m.id FROM public.mediators m
      WHERE m.id = ANY (p_mediator_ids)
        AND (EXISTS (SELECT 1 FROM public.plages p JOIN public.places pc ON pc.id = p.place_id AND pc.published WHERE p.mediator_id = m.id)
          OR EXISTS (SELECT 1 FROM public.exceptional_plages e JOIN public.places pc ON pc.id = e.place_id AND pc.published WHERE e.mediator_id = m.id))
    )
    SELECT ab.mediator_id, extract(epoch FROM ab.starts_at)::double precision * 1000, extract(epoch FROM ab.ends_at)::double precision * 1000
    FROM public.absences ab
    WHERE ab.mediator_id IN (SELECT med.id FROM med) AND ab.starts_at < p_window_end AND ab.ends_at >= p_window_start
    UNION ALL
    SELECT a.mediator_id, extract(epoch FROM a.starts_at)::double precision * 1000, extract(epoch FROM a.ends_at)::double precision * 1000
    FROM med JOIN LATERAL (
      SELECT ap.mediator_id, ap.starts_at, ap.ends_at FROM public.appointments ap
      WHERE ap.mediator_id = med.id AND ap.status = ANY (p_active_statuses)
        AND ap.starts_at >= p_earliest_start AND ap.starts_at < p_window_end AND ap.ends_at >= p_window_start) a ON true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_public_busy(integer[], timestamptz, timestamptz, timestamptz, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_public_busy(integer[], timestamptz, timestamptz, timestamptz, text[]) TO maillage_app;
--> statement-breakpoint
-- Who has a plage where: the busy function's check, and deleting a mediator, look plages up by mediator.
CREATE INDEX IF NOT EXISTS plages_mediator ON plages (mediator_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS exceptional_plages_mediator_day ON exceptional_plages (mediator_id, day);
--> statement-breakpoint
DROP FUNCTION IF EXISTS maillage_public_availability(integer, integer[], date, date, timestamptz, timestamptz, timestamptz, text[]);
--> statement-breakpoint
-- One version per territory of its busy times, bumped by statement triggers on appointments and absences inside the
-- writing transaction (a booking waits for another booking's commit of the same territory, never of another one).
-- Instance-level counters, not tenant data: the web role reads them through maillage_finder_busy_versions() only.
CREATE TABLE finder_busy_versions (
  territory_id integer PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0
);
--> statement-breakpoint
-- Out of the default grants of migration 0001: only the triggers write these counters (and the places' one, of
-- migration 0026, is only read by the web role).
REVOKE ALL ON TABLE finder_busy_versions FROM maillage_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE finder_data_version FROM maillage_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION maillage_bump_finder_busy() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE public.finder_busy_versions SET version = version + 1;
  ELSIF TG_OP = 'DELETE' THEN
    -- In territory order: two transactions writing several territories lock their counters in the same order.
    INSERT INTO public.finder_busy_versions AS v (territory_id, version)
      SELECT DISTINCT o.territory_id, 1 FROM old_rows o ORDER BY 1
      ON CONFLICT (territory_id) DO UPDATE SET version = v.version + 1;
  ELSE
    INSERT INTO public.finder_busy_versions AS v (territory_id, version)
      SELECT DISTINCT n.territory_id, 1 FROM new_rows n ORDER BY 1
      ON CONFLICT (territory_id) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_bump_finder_busy() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER appointments_finder_busy_insert AFTER INSERT ON appointments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_busy();
--> statement-breakpoint
CREATE TRIGGER appointments_finder_busy_update AFTER UPDATE ON appointments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_busy();
--> statement-breakpoint
CREATE TRIGGER appointments_finder_busy_delete AFTER DELETE ON appointments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_busy();
--> statement-breakpoint
CREATE TRIGGER appointments_finder_busy_truncate AFTER TRUNCATE ON appointments FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_busy();
--> statement-breakpoint
CREATE TRIGGER absences_finder_busy_insert AFTER INSERT ON absences REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_busy();
--> statement-breakpoint
CREATE TRIGGER absences_finder_busy_update AFTER UPDATE ON absences REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_busy();
--> statement-breakpoint
CREATE TRIGGER absences_finder_busy_delete AFTER DELETE ON absences REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_busy();
--> statement-breakpoint
CREATE TRIGGER absences_finder_busy_truncate AFTER TRUNCATE ON absences FOR EACH STATEMENT EXECUTE FUNCTION maillage_bump_finder_busy();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION maillage_finder_busy_versions() RETURNS TABLE (territory_id integer, version bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT v.territory_id, v.version FROM public.finder_busy_versions v
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_finder_busy_versions() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_finder_busy_versions() TO maillage_app;
--> statement-breakpoint
-- The busy times (absences, active appointments) over a window of the mediators holding a plage at a published
-- place of these territories (all territories when p_territories is null): what the processes hold.
CREATE OR REPLACE FUNCTION maillage_public_busy_of(
  p_territories integer[], p_window_start timestamptz, p_window_end timestamptz, p_earliest_start timestamptz, p_active_statuses text[]
) RETURNS TABLE (territory_id integer, mediator_id integer, start_ms double precision, end_ms double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH med AS (
      SELECT p.territory_id, p.mediator_id FROM public.plages p
        JOIN public.mediators m ON m.id = p.mediator_id AND m.active
        JOIN public.places pc ON pc.id = p.place_id AND pc.published
      WHERE p_territories IS NULL OR p.territory_id = ANY (p_territories)
      UNION
      SELECT e.territory_id, e.mediator_id FROM public.exceptional_plages e
        JOIN public.places pc ON pc.id = e.place_id AND pc.published
      WHERE (p_territories IS NULL OR e.territory_id = ANY (p_territories)) AND e.day >= (p_window_start - interval '1 day')::date
    )
    SELECT med.territory_id, ab.mediator_id, extract(epoch FROM ab.starts_at)::double precision * 1000, extract(epoch FROM ab.ends_at)::double precision * 1000
    FROM med JOIN public.absences ab ON ab.mediator_id = med.mediator_id
    WHERE ab.starts_at < p_window_end AND ab.ends_at >= p_window_start
    UNION ALL
    SELECT med.territory_id, a.mediator_id, extract(epoch FROM a.starts_at)::double precision * 1000, extract(epoch FROM a.ends_at)::double precision * 1000
    FROM med JOIN LATERAL (
      SELECT ap.mediator_id, ap.starts_at, ap.ends_at FROM public.appointments ap
      WHERE ap.mediator_id = med.mediator_id AND ap.status = ANY (p_active_statuses)
        AND ap.starts_at >= p_earliest_start AND ap.starts_at < p_window_end AND ap.ends_at >= p_window_start) a ON true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION maillage_public_busy_of(integer[], timestamptz, timestamptz, timestamptz, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION maillage_public_busy_of(integer[], timestamptz, timestamptz, timestamptz, text[]) TO maillage_app;
