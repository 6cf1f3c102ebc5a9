// Next free slots of several places at once, for result lists and the place page. The booking module computes
// slots for one place and motif (nextFreeSlotsForPlace: four queries each); a list of places would repeat that
// per place and motif, so here each territory's places are loaded together in one round trip (the SQL function
// maillage_public_availability, run on the public connections) and the same pure computation
// (booking/domain/slots.ts) runs per place and motif. Same reads as booking's loadSlotInput.
import { onDataChange } from "../../lib/data-changes.js";
import { sql } from "drizzle-orm";
import { queryPrepared, type Database, type Executor } from "../../db/client.js";
import { withPublic } from "../../db/tenant.js";
import { addDays, parisDateOf, type LocalDate } from "../../lib/paris-time.js";
import { ACTIVE_STATUSES } from "../booking/booking.queries.js";
import { holidayDatesBetween, holidayOptionsForCommune } from "../booking/domain/holidays.js";
import { nextFreeSlots, type Slot, type SlotInput } from "../booking/domain/slots.js";
import type { PlaceSlotsCache } from "./finder.cache.js";

export type PublicMotif = { id: number; name: string; service: string; durationMinutes: number; minNoticeMinutes: number; horizonDays: number; placeIds: number[] };

export type MotifSlots = { motif: PublicMotif; slots: Slot[] };

/** Per place taking appointments (public motifs and opening slots): each motif with its next free slots. */
export type PlaceSlots = Map<number, MotifSlots[]>;

type Loaded = Omit<SlotInput, "now" | "motif" | "placeId" | "holidays">;

type Raw = {
  motifs: { id: number; name: string; service: string; duration_minutes: number; min_notice_minutes: number; horizon_days: number; place_ids: number[] }[];
  plages: { mediator_id: number; place_id: number; weekdays: number[]; start_time: string; end_time: string; valid_from: string; valid_until: string | null; every_n_weeks: number }[];
  exceptional: { mediator_id: number; place_id: number; day: string; start_time: string; end_time: string }[];
  busy: { kind: "absence" | "appointment"; mediator_id: number; start_ms: number; end_ms: number }[];
  with_plages: number[];
  communes: { id: number; insee: string | null; services: string[] | null }[];
};

// One array parameter: the statement's text stays the same whatever the number of places (it is prepared).
const ints = (values: readonly number[]) => sql`${sql.param([...values])}::int[]`;

/**
 * In one round trip: the territory's public motifs, and over [from, to] the plages and exceptional plages of the
 * places, the absences and active appointments of their mediators (wherever those take place).
 */
async function loadAvailability(
  db: Executor,
  { territoryId, placeIds, from, to }: { territoryId: number; placeIds: number[]; from: LocalDate; to: LocalDate },
): Promise<{ motifs: PublicMotif[]; loaded: Loaded; withPlages: number[]; communes: Map<number, string | null>; services: Map<number, string[]> }> {
  const windowStart = new Date(`${addDays(from, -1)}T00:00:00Z`);
  const windowEnd = new Date(`${addDays(to, 2)}T00:00:00Z`);
  // No appointment lasts a day: this bound lets each mediator's appointments be read from the
  // (mediator_id, starts_at) index instead of from every appointment the mediator ever had.
  const earliestStart = new Date(windowStart.getTime() - 86_400_000);
  // One round trip on any connection (the public one included): the function sets the territory itself and reads
  // under row-level security (migration 0008_public_availability.sql holds the query).
  const [raw] = await queryPrepared<Raw>(
    db,
    sql`select * from maillage_public_availability(${territoryId}::int, ${ints(placeIds)}, ${from}::date, ${to}::date,
          ${windowStart}::timestamptz, ${windowEnd}::timestamptz, ${earliestStart}::timestamptz, ${sql.param([...ACTIVE_STATUSES])}::text[])`,
  );
  const r = raw!;
  // Both drivers parse json columns; the guard keeps a driver configured otherwise working.
  const parse = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  const hhmm = (t: string) => t.slice(0, 5);
  const busy = parse(r.busy).map((b) => ({ kind: b.kind, mediatorId: String(b.mediator_id), start: Number(b.start_ms), end: Number(b.end_ms) }));
  return {
    withPlages: parse(r.with_plages),
    communes: new Map(parse(r.communes).map((c) => [c.id, c.insee])),
    services: new Map(parse(r.communes).map((c) => [c.id, c.services ?? []])),
    motifs: parse(r.motifs).map((m) => ({ id: m.id, name: m.name, service: m.service, durationMinutes: m.duration_minutes, minNoticeMinutes: m.min_notice_minutes, horizonDays: m.horizon_days, placeIds: m.place_ids })),
    loaded: {
      from,
      to,
      plages: parse(r.plages).map((p) => ({ mediatorId: String(p.mediator_id), placeId: String(p.place_id), weekdays: p.weekdays, startTime: hhmm(p.start_time), endTime: hhmm(p.end_time), validFrom: p.valid_from, validUntil: p.valid_until, everyNWeeks: p.every_n_weeks })),
      exceptionalPlages: parse(r.exceptional).map((p) => ({ mediatorId: String(p.mediator_id), placeId: String(p.place_id), date: p.day, startTime: hhmm(p.start_time), endTime: hhmm(p.end_time) })),
      absences: busy.filter((b) => b.kind === "absence").map(({ kind: _kind, ...b }) => b),
      appointments: busy.filter((b) => b.kind === "appointment").map(({ kind: _kind, ...b }) => b),
    },
  };
}

/**
 * Whether a motif is offered at a place: the place is among the motif's places (none listed: all of them), and the
 * place offers the motif's service (a place listing no service at all, as those stored before services were
 * required, leaves the motif's own list to decide).
 */
export function motifOfferedAt(motif: Pick<PublicMotif, "placeIds" | "service">, placeId: number, placeServices: readonly string[]): boolean {
  if (motif.placeIds.length > 0 && !motif.placeIds.includes(placeId)) return false;
  return placeServices.length === 0 || placeServices.includes(motif.service);
}

/**
 * The earliest free slot of a place among the motifs that answer one of the needs searched (any motif when no need
 * was chosen), so that a card's "next free slot" books what the person looks for.
 */
export function earliestSlotFor(motifSlots: readonly MotifSlots[] | undefined, needs: readonly string[]): { motif: PublicMotif; slot: Slot } | undefined {
  return earliestSlot(needs.length === 0 ? motifSlots : motifSlots?.filter((m) => needs.includes(m.motif.service)));
}

/**
 * The next free slots (`limit` per motif) of places of one territory, over `days` days from today (each motif's
 * horizon still applies). Any context will do (withPublic is the cheapest): the database function reads under the
 * territory's row-level security by itself, and returns only what the public may know.
 * `bookable` receives the territory's places that may take appointments (for the list hint below).
 */
export async function nextSlotsInTerritory(
  db: Executor,
  { territoryId, placeIds, now, days, limit, bookable }: { territoryId: number; placeIds: number[]; now: Date; days: number; limit: number; bookable?: (placeIds: number[]) => void },
): Promise<PlaceSlots> {
  const result: PlaceSlots = new Map();
  if (placeIds.length === 0) return result;
  const from = parisDateOf(now.getTime());
  const to = addDays(from, Math.max(0, days - 1));
  const { motifs: offered, loaded, withPlages, communes, services } = await loadAvailability(db, { territoryId, placeIds, from, to });
  // Public holidays depend on where the place is (Alsace-Moselle has two more): one set per kind of place.
  const holidaySets = new Map<boolean, ReadonlySet<string>>();
  const holidaysAt = (placeId: number) => {
    const { alsaceMoselle = false } = holidayOptionsForCommune(communes.get(placeId));
    if (!holidaySets.has(alsaceMoselle)) holidaySets.set(alsaceMoselle, holidayDatesBetween(from, to, { alsaceMoselle }));
    return holidaySets.get(alsaceMoselle)!;
  };
  bookable?.(offered.length > 0 ? withPlages : []);
  for (const placeId of placeIds) {
    const here = offered.filter((m) => motifOfferedAt(m, placeId, services.get(placeId) ?? []));
    if (here.length === 0) continue;
    // A place where no mediator has opening slots takes no appointment, whatever motifs the territory offers.
    const key = String(placeId);
    if (!loaded.plages.some((p) => p.placeId === key) && !(loaded.exceptionalPlages ?? []).some((p) => p.placeId === key)) continue;
    result.set(
      placeId,
      here.map((motif) => ({ motif, slots: nextFreeSlots({ ...loaded, holidays: holidaysAt(placeId), now: now.getTime(), placeId: key, motif }, limit) })),
    );
  }
  return result;
}

// Which places of a territory may take appointments (public motifs and opening slots), as last seen, per database.
// Result lists skip the slot query of a territory when none of their places is in the set: most places of a
// list take no appointment, and each query is a transaction under the territory's row-level security. The hint
// only ever skips places that had no plage; a plage added since shows in lists at most HINT_MS later (the
// place page always looks). A public "takes appointments" column on places would make this unnecessary.
const HINT_MS = 30_000;
let bookableHints = new WeakMap<object, Map<number, { placeIds: Set<number>; until: number }>>();
// A change anywhere (a plage added, a motif made public, in this instance or another) makes every hint stale.
onDataChange(() => {
  bookableHints = new WeakMap();
});

function rememberBookable(db: object, territoryId: number, placeIds: number[]): void {
  const hints = bookableHints.get(db) ?? new Map<number, { placeIds: Set<number>; until: number }>();
  bookableHints.set(db, hints);
  hints.set(territoryId, { placeIds: new Set(placeIds), until: performance.now() + HINT_MS });
}

function mayBeBookable(db: object, territoryId: number, placeId: number): boolean {
  const hint = bookableHints.get(db)?.get(territoryId);
  return !hint || hint.until < performance.now() || hint.placeIds.has(placeId);
}

/**
 * The same for places spread over several territories: one round trip per territory. With
 * `firstDays`, a short window is tried first and only places with no free slot in it are looked at again over
 * `days` (a result list needs one slot per place, and most places have one within days). With `cache`, places
 * whose slots it knows are not looked at again, and what is computed is kept there.
 */
export async function nextSlotsForPlaces(
  database: Pick<Database, "db" | "publicDb">,
  { places, now, days, limit, firstDays, cache }: { places: { id: number; territoryId: number }[]; now: Date; days: number; limit: number; firstDays?: number; cache?: PlaceSlotsCache<MotifSlots[]> },
): Promise<PlaceSlots> {
  const db = database.db;
  const all: PlaceSlots = new Map();
  const keyOf = (placeId: number) => `${placeId}|${days}|${firstDays ?? days}|${limit}`;
  const unknown = cache ? places.filter((place) => {
    const known = cache.get(keyOf(place.id), now);
    if (known) all.set(place.id, known);
    return known === undefined;
  }) : places;
  const keep = cache?.writer();
  const run = async (subset: { id: number; territoryId: number }[], window: number) => {
    const byTerritory = new Map<number, number[]>();
    for (const place of subset) {
      if (mayBeBookable(db, place.territoryId, place.id)) byTerritory.set(place.territoryId, [...(byTerritory.get(place.territoryId) ?? []), place.id]);
    }
    const results = await Promise.all(
      [...byTerritory].map(([territoryId, placeIds]) => {
        const bookable = (ids: number[]) => rememberBookable(db, territoryId, ids);
        return withPublic(database, (tx) => nextSlotsInTerritory(tx, { territoryId, placeIds, now, days: window, limit, bookable }));
      }),
    );
    for (const slots of results) for (const [placeId, motifSlots] of slots) all.set(placeId, motifSlots);
  };
  if (unknown.length > 0) {
    if (!firstDays || firstDays >= days) await run(unknown, days);
    else {
      await run(unknown, firstDays);
      const again = unknown.filter((p) => all.has(p.id) && all.get(p.id)!.every((m) => m.slots.length < limit));
      if (again.length > 0) await run(again, days);
    }
  }
  if (keep) for (const place of unknown) keep(keyOf(place.id), now, all.get(place.id) ?? null);
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

