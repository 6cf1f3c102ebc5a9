// Reads what slot computation needs, and the appointments of agendas.
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { absences, appointments, exceptionalPlages, mediators, motifs, places, plages } from "../../db/schema/index.js";
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

/** Builds the slot computation input of a place and motif over a window of local dates. */
export async function loadSlotInput(
  db: Executor,
  { territoryId, placeId, motif, from, to, now }: { territoryId: number; placeId: number; motif: Pick<MotifRow, "durationMinutes" | "minNoticeMinutes" | "horizonDays">; from: LocalDate; to: LocalDate; now: Date },
): Promise<SlotInput> {
  // Where the place is decides its public holidays (Alsace-Moselle has two more).
  const [place] = await db.select({ codeInsee: places.codeInsee }).from(places).where(and(eq(places.territoryId, territoryId), eq(places.id, placeId)));
  const plageRows = await db
    .select({ mediatorId: plages.mediatorId, weekdays: plages.weekdays, startTime: plages.startTime, endTime: plages.endTime, validFrom: plages.validFrom, validUntil: plages.validUntil, everyNWeeks: plages.everyNWeeks })
    .from(plages)
    .innerJoin(mediators, eq(mediators.id, plages.mediatorId))
    .where(and(eq(plages.territoryId, territoryId), eq(plages.placeId, placeId), eq(mediators.active, true)));
  const exceptionalRows = await db
    .select({ mediatorId: exceptionalPlages.mediatorId, day: exceptionalPlages.day, startTime: exceptionalPlages.startTime, endTime: exceptionalPlages.endTime })
    .from(exceptionalPlages)
    .where(and(eq(exceptionalPlages.territoryId, territoryId), eq(exceptionalPlages.placeId, placeId), gte(exceptionalPlages.day, from), lt(exceptionalPlages.day, addDays(to, 1))));
  const mediatorIds = [...new Set([...plageRows, ...exceptionalRows].map((p) => p.mediatorId))];
  const windowStart = new Date(`${addDays(from, -1)}T00:00:00Z`);
  const windowEnd = new Date(`${addDays(to, 2)}T00:00:00Z`);
  const [absenceRows, appointmentRows] =
    mediatorIds.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .select({ mediatorId: absences.mediatorId, start: absences.startsAt, end: absences.endsAt })
            .from(absences)
            .where(and(eq(absences.territoryId, territoryId), inArray(absences.mediatorId, mediatorIds), lt(absences.startsAt, windowEnd), gte(absences.endsAt, windowStart))),
          db
            .select({ mediatorId: appointments.mediatorId, start: appointments.startsAt, end: appointments.endsAt })
            .from(appointments)
            .where(
              and(
                eq(appointments.territoryId, territoryId),
                inArray(appointments.mediatorId, mediatorIds),
                inArray(appointments.status, [...ACTIVE_STATUSES]),
                // Appointments last less than a day: this lower bound lets the planner use (mediator_id, starts_at).
                gte(appointments.startsAt, new Date(windowStart.getTime() - 86_400_000)),
                lt(appointments.startsAt, windowEnd),
                gte(appointments.endsAt, windowStart),
              ),
            ),
        ]);
  const hhmm = (t: string) => t.slice(0, 5);
  return {
    now: now.getTime(),
    motif: { durationMinutes: motif.durationMinutes, minNoticeMinutes: motif.minNoticeMinutes, horizonDays: motif.horizonDays },
    placeId: String(placeId),
    from,
    to,
    plages: plageRows.map((p) => ({ mediatorId: String(p.mediatorId), placeId: String(placeId), weekdays: p.weekdays, startTime: hhmm(p.startTime), endTime: hhmm(p.endTime), validFrom: p.validFrom, validUntil: p.validUntil, everyNWeeks: p.everyNWeeks })),
    exceptionalPlages: exceptionalRows.map((p) => ({ mediatorId: String(p.mediatorId), placeId: String(placeId), date: p.day, startTime: hhmm(p.startTime), endTime: hhmm(p.endTime) })),
    absences: absenceRows.map((a) => ({ mediatorId: String(a.mediatorId), start: a.start.getTime(), end: a.end.getTime() })),
    appointments: appointmentRows.map((a) => ({ mediatorId: String(a.mediatorId), start: a.start.getTime(), end: a.end.getTime() })),
    holidays: holidayDatesBetween(from, to, holidayOptionsForCommune(place?.codeInsee)),
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
