// Next free slots of several places at once, for result lists and the place page. The booking module computes
// slots for one place and motif (nextFreeSlotsForPlace: four queries each); a list of places would repeat that
// per place and motif, so here each territory's places are loaded together (five queries per territory) and
// the same pure computation (booking/domain/slots.ts) runs per place and motif.
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { absences, appointments, exceptionalPlages, mediators, motifs, plages } from "../../db/schema/index.js";
import { withTenant } from "../../db/tenant.js";
import { addDays, parisDateOf, type LocalDate } from "../../lib/paris-time.js";
import { ACTIVE_STATUSES } from "../booking/booking.queries.js";
import { holidayDatesBetween } from "../booking/domain/holidays.js";
import { nextFreeSlots, type MediatorBusy, type Slot, type SlotInput } from "../booking/domain/slots.js";

export type PublicMotif = { id: number; name: string; durationMinutes: number; minNoticeMinutes: number; horizonDays: number; placeIds: number[] };

export type MotifSlots = { motif: PublicMotif; slots: Slot[] };

/** Per place taking appointments (public motifs and opening slots): each motif with its next free slots. */
export type PlaceSlots = Map<number, MotifSlots[]>;

type Loaded = Omit<SlotInput, "now" | "motif" | "placeId">;

/** Public (bookable by everyone), active motifs of a territory. */
async function publicMotifs(db: Executor, territoryId: number): Promise<PublicMotif[]> {
  return db
    .select({ id: motifs.id, name: motifs.name, durationMinutes: motifs.durationMinutes, minNoticeMinutes: motifs.minNoticeMinutes, horizonDays: motifs.horizonDays, placeIds: motifs.placeIds })
    .from(motifs)
    .where(and(eq(motifs.territoryId, territoryId), eq(motifs.active, true), eq(motifs.bookableBy, "everyone")))
    .orderBy(motifs.name, motifs.id);
}

/** Plages, exceptional plages, absences and active appointments of the places' mediators over [from, to]. */
async function loadAvailability(db: Executor, { territoryId, placeIds, from, to }: { territoryId: number; placeIds: number[]; from: LocalDate; to: LocalDate }): Promise<Loaded> {
  const hhmm = (t: string) => t.slice(0, 5);
  const weekly = await db
    .select({ mediatorId: plages.mediatorId, placeId: plages.placeId, weekdays: plages.weekdays, startTime: plages.startTime, endTime: plages.endTime, validFrom: plages.validFrom, validUntil: plages.validUntil, everyNWeeks: plages.everyNWeeks })
    .from(plages)
    .innerJoin(mediators, eq(mediators.id, plages.mediatorId))
    .where(and(eq(plages.territoryId, territoryId), inArray(plages.placeId, placeIds), eq(mediators.active, true)));
  const exceptional = await db
    .select({ mediatorId: exceptionalPlages.mediatorId, placeId: exceptionalPlages.placeId, day: exceptionalPlages.day, startTime: exceptionalPlages.startTime, endTime: exceptionalPlages.endTime })
    .from(exceptionalPlages)
    .where(and(eq(exceptionalPlages.territoryId, territoryId), inArray(exceptionalPlages.placeId, placeIds), gte(exceptionalPlages.day, from), lt(exceptionalPlages.day, addDays(to, 1))));
  const mediatorIds = [...new Set([...weekly, ...exceptional].map((p) => p.mediatorId))];
  const windowStart = new Date(`${addDays(from, -1)}T00:00:00Z`);
  const windowEnd = new Date(`${addDays(to, 2)}T00:00:00Z`);
  let busy: { absences: MediatorBusy[]; appointments: MediatorBusy[] } = { absences: [], appointments: [] };
  if (mediatorIds.length > 0) {
    const [absenceRows, appointmentRows] = await Promise.all([
      db
        .select({ mediatorId: absences.mediatorId, start: absences.startsAt, end: absences.endsAt })
        .from(absences)
        .where(and(eq(absences.territoryId, territoryId), inArray(absences.mediatorId, mediatorIds), lt(absences.startsAt, windowEnd), gte(absences.endsAt, windowStart))),
      db
        .select({ mediatorId: appointments.mediatorId, start: appointments.startsAt, end: appointments.endsAt })
        .from(appointments)
        .where(and(eq(appointments.territoryId, territoryId), inArray(appointments.mediatorId, mediatorIds), inArray(appointments.status, [...ACTIVE_STATUSES]), lt(appointments.startsAt, windowEnd), gte(appointments.endsAt, windowStart))),
    ]);
    const asBusy = (r: { mediatorId: number; start: Date; end: Date }) => ({ mediatorId: String(r.mediatorId), start: r.start.getTime(), end: r.end.getTime() });
    busy = { absences: absenceRows.map(asBusy), appointments: appointmentRows.map(asBusy) };
  }
  return {
    from,
    to,
    plages: weekly.map((p) => ({ mediatorId: String(p.mediatorId), placeId: String(p.placeId), weekdays: p.weekdays, startTime: hhmm(p.startTime), endTime: hhmm(p.endTime), validFrom: p.validFrom, validUntil: p.validUntil, everyNWeeks: p.everyNWeeks })),
    exceptionalPlages: exceptional.map((p) => ({ mediatorId: String(p.mediatorId), placeId: String(p.placeId), date: p.day, startTime: hhmm(p.startTime), endTime: hhmm(p.endTime) })),
    ...busy,
    holidays: holidayDatesBetween(from, to),
  };
}

/**
 * The next free slots (`limit` per motif) of places of one territory, over `days` days from today (capped by each
 * motif's horizon). Run it in the territory's tenant context: motifs, plages and appointments are not public.
 */
export async function nextSlotsInTerritory(
  db: Executor,
  { territoryId, placeIds, now, days, limit }: { territoryId: number; placeIds: number[]; now: Date; days: number; limit: number },
): Promise<PlaceSlots> {
  const result: PlaceSlots = new Map();
  const offered = await publicMotifs(db, territoryId);
  if (offered.length === 0 || placeIds.length === 0) return result;
  const from = parisDateOf(now.getTime());
  const horizon = Math.min(days, Math.max(...offered.map((m) => m.horizonDays)));
  const loaded = await loadAvailability(db, { territoryId, placeIds, from, to: addDays(from, Math.max(0, horizon - 1)) });
  for (const placeId of placeIds) {
    const here = offered.filter((m) => m.placeIds.length === 0 || m.placeIds.includes(placeId));
    if (here.length === 0) continue;
    // A place where no mediator has opening slots takes no appointment, whatever motifs the territory offers.
    const key = String(placeId);
    if (!loaded.plages.some((p) => p.placeId === key) && !(loaded.exceptionalPlages ?? []).some((p) => p.placeId === key)) continue;
    result.set(
      placeId,
      here.map((motif) => ({ motif, slots: nextFreeSlots({ ...loaded, now: now.getTime(), placeId: key, motif }, limit) })),
    );
  }
  return result;
}

/** The same for places spread over several territories: one tenant transaction per territory, run in turn. */
export async function nextSlotsForPlaces(db: Db, { places, now, days, limit }: { places: { id: number; territoryId: number }[]; now: Date; days: number; limit: number }): Promise<PlaceSlots> {
  const byTerritory = new Map<number, number[]>();
  for (const place of places) byTerritory.set(place.territoryId, [...(byTerritory.get(place.territoryId) ?? []), place.id]);
  const all: PlaceSlots = new Map();
  for (const [territoryId, placeIds] of byTerritory) {
    const slots = await withTenant(db, territoryId, (tx) => nextSlotsInTerritory(tx, { territoryId, placeIds, now, days, limit }));
    for (const [placeId, motifSlots] of slots) all.set(placeId, motifSlots);
  }
  return all;
}

/** The earliest free slot of a place over all its motifs, or undefined. */
export function earliestSlot(motifSlots: readonly MotifSlots[] | undefined): { motif: PublicMotif; slot: Slot } | undefined {
  let best: { motif: PublicMotif; slot: Slot } | undefined;
  for (const { motif, slots } of motifSlots ?? []) {
    const slot = slots[0];
    if (slot && (!best || slot.start < best.slot.start)) best = { motif, slot };
  }
  return best;
}

