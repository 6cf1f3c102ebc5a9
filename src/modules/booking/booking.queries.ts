// Reads what slot computation needs, and the appointments of agendas.
import { and, asc, eq, sql } from "drizzle-orm";
import { queryPreparedArrays, type Executor } from "../../db/client.js";
import { motifs, places } from "../../db/schema/index.js";
import { addDays, parisDateOf, type LocalDate } from "../../lib/paris-time.js";
import { holidayDatesBetween, holidayOptionsForCommune } from "./domain/holidays.js";
import { nextFreeSlots, type Slot, type SlotInput } from "./domain/slots.js";

export const ACTIVE_STATUSES = ["a_venir", "honore", "absent"] as const;

export type MotifRow = typeof motifs.$inferSelect;

/**
 * The active motifs offered at a place, optionally only public ones: motifs with no place list are offered wherever
 * the place offers their service (a place listing no service leaves the place list to decide; as `motifOfferedAt`).
 */
export async function listMotifsForPlace(db: Executor, { territoryId, placeId, publicOnly }: { territoryId: number; placeId: number; publicOnly: boolean }): Promise<MotifRow[]> {
  return db
    .select()
    .from(motifs)
    .where(
      and(
        eq(motifs.territoryId, territoryId),
        eq(motifs.active, true),
        sql`(cardinality(${motifs.placeIds}) = 0 or ${placeId} = any(${motifs.placeIds}))`,
        sql`exists (select 1 from ${places} where ${places.id} = ${placeId} and (cardinality(${places.services}) = 0 or ${motifs.service} = any(${places.services})))`,
        publicOnly ? eq(motifs.bookableBy, "everyone") : undefined,
      ),
    )
    .orderBy(asc(motifs.name));
}

/** One motif of a territory, or undefined. */
export async function getMotif(db: Executor, { territoryId, motifId }: { territoryId: number; motifId: number }): Promise<MotifRow | undefined> {
  const [row] = await db.select().from(motifs).where(and(eq(motifs.territoryId, territoryId), eq(motifs.id, motifId)));
  return row;
}

type SlotRows = [
  codeInsee: string | null,
  plages: [mediatorId: number, weekdays: number[], startTime: string, endTime: string, validFrom: string, validUntil: string | null, everyNWeeks: number][] | string,
  exceptional: [mediatorId: number, day: string, startTime: string, endTime: string][] | string,
  absences: [mediatorId: number, startMs: number, endMs: number][] | string,
  appointments: [mediatorId: number, startMs: number, endMs: number][] | string,
];

/**
 * The instants to read busy times over for slots on the Paris dates [from, to]: a day either side covers every
 * Paris wall time whatever the offset; appointments last less than a day, so `earliestStart` bounds their start
 * and each mediator's are read from the (mediator_id, starts_at) index.
 */
export function busyWindow(from: LocalDate, to: LocalDate): { windowStart: Date; windowEnd: Date; earliestStart: Date } {
  const windowStart = new Date(`${addDays(from, -1)}T00:00:00Z`);
  return { windowStart, windowEnd: new Date(`${addDays(to, 2)}T00:00:00Z`), earliestStart: new Date(windowStart.getTime() - 86_400_000) };
}

/**
 * Builds the slot computation input of a place and motif over a window of local dates, in one statement run in the
 * caller's territory context (row-level security applies): where the place is (its public holidays), the plages
 * of its active mediators and its exceptional plages in the window, and those mediators' absences and active
 * appointments around it, wherever they take place.
 */
export async function loadSlotInput(
  db: Executor,
  { territoryId, placeId, motif, from, to, now }: { territoryId: number; placeId: number; motif: Pick<MotifRow, "durationMinutes" | "minNoticeMinutes" | "horizonDays">; from: LocalDate; to: LocalDate; now: Date },
): Promise<SlotInput> {
  const { windowStart, windowEnd, earliestStart } = busyWindow(from, to);
  const [row] = await queryPreparedArrays<SlotRows>(
    db,
    sql`with pl as (
          select p.mediator_id, p.weekdays, p.start_time, p.end_time, p.valid_from, p.valid_until, p.every_n_weeks
          from plages p join mediators m on m.id = p.mediator_id
          where p.territory_id = ${territoryId}::int and p.place_id = ${placeId}::int and m.active
        ), ex as (
          select e.mediator_id, e.day, e.start_time, e.end_time from exceptional_plages e
          where e.territory_id = ${territoryId}::int and e.place_id = ${placeId}::int and e.day >= ${from}::date and e.day <= ${to}::date
        ), med as (select pl.mediator_id from pl union select ex.mediator_id from ex)
        select
          (select pc.code_insee from places pc where pc.territory_id = ${territoryId}::int and pc.id = ${placeId}::int),
          (select coalesce(json_agg(json_build_array(pl.mediator_id, pl.weekdays, left(pl.start_time::text, 5), left(pl.end_time::text, 5), pl.valid_from, pl.valid_until, pl.every_n_weeks)), '[]') from pl),
          (select coalesce(json_agg(json_build_array(ex.mediator_id, ex.day, left(ex.start_time::text, 5), left(ex.end_time::text, 5))), '[]') from ex),
          (select coalesce(json_agg(json_build_array(ab.mediator_id, extract(epoch from ab.starts_at) * 1000, extract(epoch from ab.ends_at) * 1000)), '[]')
             from absences ab where ab.territory_id = ${territoryId}::int and ab.mediator_id in (select med.mediator_id from med)
               and ab.starts_at < ${windowEnd}::timestamptz and ab.ends_at >= ${windowStart}::timestamptz),
          (select coalesce(json_agg(json_build_array(a.mediator_id, extract(epoch from a.starts_at) * 1000, extract(epoch from a.ends_at) * 1000)), '[]')
             from med join lateral (
               select ap.mediator_id, ap.starts_at, ap.ends_at from appointments ap
               where ap.territory_id = ${territoryId}::int and ap.mediator_id = med.mediator_id and ap.status = any(${sql.param([...ACTIVE_STATUSES])}::text[])
                 and ap.starts_at >= ${earliestStart}::timestamptz and ap.starts_at < ${windowEnd}::timestamptz and ap.ends_at >= ${windowStart}::timestamptz) a on true)`,
  );
  const [codeInsee, plageRows, exceptionalRows, absenceRows, appointmentRows] = row!;
  // Both drivers parse json columns; the guard keeps a driver configured otherwise working.
  const parsed = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);
  const busy = (rows: [number, number, number][]) => rows.map(([mediatorId, start, end]) => ({ mediatorId: String(mediatorId), start: Number(start), end: Number(end) }));
  const key = String(placeId);
  return {
    now: now.getTime(),
    motif: { durationMinutes: motif.durationMinutes, minNoticeMinutes: motif.minNoticeMinutes, horizonDays: motif.horizonDays },
    placeId: key,
    from,
    to,
    plages: parsed(plageRows).map(([mediatorId, weekdays, startTime, endTime, validFrom, validUntil, everyNWeeks]) => ({ mediatorId: String(mediatorId), placeId: key, weekdays, startTime, endTime, validFrom, validUntil, everyNWeeks })),
    exceptionalPlages: parsed(exceptionalRows).map(([mediatorId, date, startTime, endTime]) => ({ mediatorId: String(mediatorId), placeId: key, date, startTime, endTime })),
    absences: busy(parsed(absenceRows)),
    appointments: busy(parsed(appointmentRows)),
    holidays: holidayDatesBetween(from, to, holidayOptionsForCommune(codeInsee)),
  };
}

/** The next free slots of a place for a motif, up to `limit`, looking `days` ahead (default: the motif's horizon). */
export async function nextFreeSlotsForPlace(
  db: Executor,
  { territoryId, placeId, motif, now, limit, from, days }: { territoryId: number; placeId: number; motif: MotifRow; now: Date; limit: number; from?: LocalDate; days?: number },
): Promise<Slot[]> {
  const start = from ?? parisDateOf(now.getTime());
  const to = addDays(start, Math.max(0, (days ?? motif.horizonDays) - 1));
  const input = await loadSlotInput(db, { territoryId, placeId, motif, from: start, to, now });
  return nextFreeSlots(input, limit);
}

/** A place readable in the current context (its territory's members, or anyone when published). */
export async function getPlaceForBooking(db: Executor, { placeId }: { placeId: number }) {
  const [row] = await db
    .select({ id: places.id, territoryId: places.territoryId, nom: places.nom, commune: places.commune, codePostal: places.codePostal, record: places.record, published: places.published, horaires: places.horaires })
    .from(places)
    .where(eq(places.id, placeId));
  return row;
}
