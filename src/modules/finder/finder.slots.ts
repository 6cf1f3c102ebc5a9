// Next free slots of several published places at once, for result lists and the place page (decision 0056). The
// process knows which places take appointments and their plages (schedule-index.ts); the database is asked, in one
// round trip per page, only when the mediators of those places are busy. Then the booking module's pure
// computation (booking/domain/slots.ts) runs per place and motif. The booking steps compute slots on their own
// (loadSlotInput) and check every slot afresh before it is taken.
import type { Database } from "../../db/client.js";
import { addDays, parisDateOf, type LocalDate } from "../../lib/paris-time.js";
import { holidayDatesBetween, holidayOptionsForCommune } from "../booking/domain/holidays.js";
import { nextFreeSlots, type MediatorBusy, type Slot } from "../booking/domain/slots.js";
import { placeSchedule, type PublicMotif, type ScheduleIndex } from "./domain/schedule-index.js";
import type { PlaceSlotsCache } from "./finder.cache.js";
import { heldBusy, type BusyKeeper } from "./busy-index.js";
import { loadBusy, type ScheduleKeeper } from "./schedule-index.js";

export type { PublicMotif };

export type MotifSlots = { motif: PublicMotif; slots: Slot[] };

/** Per place taking appointments (public motifs and opening slots): each motif with its next free slots. */
export type PlaceSlots = Map<number, MotifSlots[]>;

/** Where slots come from: the schedules held, and the busy times held when there are (else asked per use). */
export type SlotSources = { schedules: ScheduleKeeper; busy?: BusyKeeper | undefined };

/** What the slots of a published place depend on besides its schedules. */
export type SlotPlace = { id: number; territoryId: number; codeInsee: string | null; services: readonly string[] };

/**
 * The earliest free slot of a place among the motifs that answer one of the needs searched (any motif when no need
 * was chosen), so that a card's "next free slot" books what the person looks for.
 */
export function earliestSlotFor(motifSlots: readonly MotifSlots[] | undefined, needs: readonly string[]): { motif: PublicMotif; slot: Slot } | undefined {
  return earliestSlot(needs.length === 0 ? motifSlots : motifSlots?.filter((m) => needs.includes(m.motif.service)));
}

/**
 * The next free slots (`limit` per motif) of published places, over `days` days from today (each motif's horizon
 * still applies). With `cache`, places whose slots it knows are not looked at again, and what is computed is kept.
 */
export async function nextSlotsForPlaces(
  database: Pick<Database, "db" | "publicDb">,
  { schedules, busy }: SlotSources,
  { places, now, days, limit, cache }: { places: readonly SlotPlace[]; now: Date; days: number; limit: number; cache?: PlaceSlotsCache<MotifSlots[]> | undefined },
): Promise<PlaceSlots> {
  const all: PlaceSlots = new Map();
  const keyOf = (placeId: number) => `${placeId}|${days}|${limit}`;
  const unknown = cache
    ? places.filter((place) => {
        const known = cache.get(keyOf(place.id), now);
        if (known) all.set(place.id, known);
        return known === undefined;
      })
    : places;
  if (unknown.length === 0) return all;
  const keep = cache?.writer();
  for (const [id, slots] of await slotsOver(unknown, { database, index: await schedules.current(), busy, now, days, limit })) all.set(id, slots);
  if (keep) for (const place of unknown) keep(keyOf(place.id), now, all.get(place.id) ?? null);
  return all;
}

// Public holidays depend on where the place is (Alsace-Moselle has two more): one set per window and kind of
// place, kept (a few windows a day are ever asked).
const holidaySets = new Map<string, ReadonlySet<string>>();
function holidaysBetween(from: LocalDate, to: LocalDate, codeInsee: string | null): ReadonlySet<string> {
  const { alsaceMoselle = false } = holidayOptionsForCommune(codeInsee);
  const key = `${from}|${to}|${alsaceMoselle}`;
  let set = holidaySets.get(key);
  if (!set) {
    if (holidaySets.size >= 64) holidaySets.clear();
    set = holidayDatesBetween(from, to, { alsaceMoselle });
    holidaySets.set(key, set);
  }
  return set;
}

/** The slots of the places taking appointments among `places` over `days` days from today: one round trip at most. */
async function slotsOver(
  places: readonly SlotPlace[],
  { database, index, busy, now, days, limit }: { database: Pick<Database, "db" | "publicDb">; index: ScheduleIndex; busy: BusyKeeper | undefined; now: Date; days: number; limit: number },
): Promise<PlaceSlots> {
  const result: PlaceSlots = new Map();
  const from = parisDateOf(now.getTime());
  const to = addDays(from, Math.max(0, days - 1));
  const offering = places.flatMap((place) => {
    const schedule = placeSchedule(index, place, from, to);
    return schedule ? [{ place, schedule }] : [];
  });
  if (offering.length === 0) return result;
  // The busy times this process holds when they cover the window, else asked (a place's page looks months ahead).
  const held = busy && (await busy.current(index));
  const covered = held && held.schedules === index && held.from <= from && to <= held.to;
  const asked = covered ? undefined : await loadBusy(database, { mediatorIds: [...new Set(offering.flatMap((o) => o.schedule.mediatorIds))], from, to });
  const busyOf = (territoryId: number, mediatorId: string): readonly MediatorBusy[] => (asked ? (asked.get(mediatorId) ?? []) : heldBusy(held!, territoryId, mediatorId));
  for (const { place, schedule } of offering) {
    const input = {
      now: now.getTime(),
      placeId: String(place.id),
      from,
      to,
      plages: schedule.weekly,
      exceptionalPlages: schedule.exceptional,
      appointments: schedule.mediatorIds.flatMap((id) => busyOf(place.territoryId, id)),
      holidays: holidaysBetween(from, to, place.codeInsee),
    };
    result.set(place.id, schedule.motifs.map((motif) => ({ motif, slots: nextFreeSlots({ ...input, motif }, limit) })));
  }
  return result;
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
