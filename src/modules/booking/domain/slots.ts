import {
  type LocalDate,
  type LocalTime,
  addDays,
  isoWeekday,
  localDateToUtcMidnight,
  localTimeToMinutes,
  parisDateOf,
  parisToInstant,
} from "../../../lib/paris-time.js";

/**
 * Free appointment slots of one place, computed on request from the mediators' opening plages
 * minus holidays, absences and existing appointments (never stored).
 *
 * Rules, in the order a reader will ask about them:
 * - Intervals are half-open [start, end): a slot may start exactly when an appointment ends.
 * - A plage is a Paris wall-time range on one date, turned into instants with parisToInstant
 *   (see paris-time.ts for the daylight-saving policy).
 * - Slots are aligned to the plage start and stepped by the motif duration in elapsed time:
 *   09:00-12:00 with 30 min gives 09:00, 09:30 … 11:30; a remainder shorter than the duration is
 *   dropped. On the spring-forward night a 01:00-04:00 plage lasts two real hours, so 60 min
 *   slots start at 01:00 and 03:00; on the fall-back night it lasts four, and 02:00 shows twice
 *   (once CEST, once CET), which are two distinct instants.
 * - Busy time never shifts the grid: after an appointment the next slot is the next grid point.
 *   Likewise the notice: the first slot is the first grid point at or after now + notice.
 * - A slot lies entirely inside [now + minNotice, now + horizonDays × 24 h] and on a date in
 *   [from, to] that is not a holiday. Holidays close exceptional plages too.
 * - One slot per start instant: mediatorIds lists every mediator free then, sorted by id.
 * - Only plages of `placeId` open slots; appointments and absences of a mediator block them
 *   wherever they take place (nobody is in two places at once).
 * - everyNWeeks counts weeks (Monday to Sunday) from the week of validFrom, which is week 0.
 */

export interface Motif {
  durationMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
}

export interface WeeklyPlage {
  mediatorId: string;
  placeId: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  startTime: LocalTime;
  endTime: LocalTime;
  validFrom: LocalDate;
  /** Last date included; null while the plage is open-ended. */
  validUntil: LocalDate | null;
  /** 2 = one week out of two, counted from the week of validFrom. Default 1. */
  everyNWeeks?: number;
}

export interface ExceptionalPlage {
  mediatorId: string;
  placeId: string;
  date: LocalDate;
  startTime: LocalTime;
  endTime: LocalTime;
}

/** A UTC instant range [start, end) in epoch ms during which a mediator is not available. */
export interface MediatorBusy {
  mediatorId: string;
  start: number;
  end: number;
}

export interface SlotInput {
  /** Current instant, epoch ms. */
  now: number;
  motif: Motif;
  placeId: string;
  /** First and last local dates to look at, inclusive. */
  from: LocalDate;
  to: LocalDate;
  plages: readonly WeeklyPlage[];
  exceptionalPlages?: readonly ExceptionalPlage[];
  absences?: readonly MediatorBusy[];
  /** Active appointments only (cancelled ones must not be passed). */
  appointments?: readonly MediatorBusy[];
  holidays?: ReadonlySet<LocalDate>;
}

export interface Slot {
  start: number;
  end: number;
  mediatorIds: string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const NOT_BUSY: BusyTimeline = { starts: [], ends: [] };

interface PreparedWeeklyPlage {
  plage: WeeklyPlage;
  weekdays: ReadonlySet<number>;
  everyNWeeks: number;
  /** UTC midnight of the Monday of validFrom's week, for everyNWeeks. */
  anchorMs: number;
}

/** Merged busy intervals of one mediator: sorted, disjoint, non-adjacent. */
interface BusyTimeline {
  starts: number[];
  ends: number[];
}

interface Context {
  durationMs: number;
  earliest: number;
  latest: number;
  weekly: PreparedWeeklyPlage[];
  exceptionalByDate: Map<LocalDate, ExceptionalPlage[]>;
  busyByMediator: Map<string, BusyTimeline>;
}

function assertMotif(motif: Motif): void {
  if (!Number.isInteger(motif.durationMinutes) || motif.durationMinutes < 1) {
    throw new RangeError(`durationMinutes must be a positive integer, got ${motif.durationMinutes}`);
  }
  if (!(motif.minNoticeMinutes >= 0) || !(motif.horizonDays >= 0)) {
    throw new RangeError("minNoticeMinutes and horizonDays must be zero or more");
  }
}

/** Rejects malformed dates and times up front, instead of on the first day a plage applies. */
function assertPlageFields(plage: { startTime: LocalTime; endTime: LocalTime }, dates: LocalDate[]) {
  localTimeToMinutes(plage.startTime);
  localTimeToMinutes(plage.endTime);
  dates.forEach(localDateToUtcMidnight);
}

function prepareWeekly(plage: WeeklyPlage): PreparedWeeklyPlage {
  assertPlageFields(plage, plage.validUntil === null ? [plage.validFrom] : [plage.validFrom, plage.validUntil]);
  // 0 for Sunday (JavaScript's getDay) would otherwise silently drop Sundays.
  if (plage.weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw new RangeError(`weekdays must be ISO weekdays 1-7, got [${plage.weekdays.join(", ")}]`);
  }
  const everyNWeeks = plage.everyNWeeks ?? 1;
  if (!Number.isInteger(everyNWeeks) || everyNWeeks < 1) {
    throw new RangeError(`everyNWeeks must be a positive integer, got ${everyNWeeks}`);
  }
  const monday = addDays(plage.validFrom, 1 - isoWeekday(plage.validFrom));
  return {
    plage,
    weekdays: new Set(plage.weekdays),
    everyNWeeks,
    anchorMs: localDateToUtcMidnight(monday),
  };
}

function buildTimelines(
  ranges: readonly MediatorBusy[],
  mediatorIds: ReadonlySet<string>,
): Map<string, BusyTimeline> {
  const byMediator = new Map<string, MediatorBusy[]>();
  for (const range of ranges) {
    if (range.end <= range.start || !mediatorIds.has(range.mediatorId)) continue;
    const list = byMediator.get(range.mediatorId) ?? [];
    list.push(range);
    byMediator.set(range.mediatorId, list);
  }
  const timelines = new Map<string, BusyTimeline>();
  for (const [mediatorId, list] of byMediator) {
    list.sort((a, b) => a.start - b.start);
    const timeline: BusyTimeline = { starts: [], ends: [] };
    for (const { start, end } of list) {
      const last = timeline.ends.length - 1;
      if (last >= 0 && start <= timeline.ends[last]!) {
        timeline.ends[last] = Math.max(timeline.ends[last]!, end);
      } else {
        timeline.starts.push(start);
        timeline.ends.push(end);
      }
    }
    timelines.set(mediatorId, timeline);
  }
  return timelines;
}

function prepare(input: SlotInput): Context {
  assertMotif(input.motif);
  localDateToUtcMidnight(input.from); // throws on a malformed window rather than returning nothing
  localDateToUtcMidnight(input.to);
  const weekly = input.plages.filter((p) => p.placeId === input.placeId).map(prepareWeekly);
  const exceptionalByDate = new Map<LocalDate, ExceptionalPlage[]>();
  for (const plage of input.exceptionalPlages ?? []) {
    if (plage.placeId !== input.placeId) continue;
    assertPlageFields(plage, [plage.date]);
    const list = exceptionalByDate.get(plage.date) ?? [];
    list.push(plage);
    exceptionalByDate.set(plage.date, list);
  }
  const mediatorIds = new Set(weekly.map((w) => w.plage.mediatorId));
  for (const list of exceptionalByDate.values()) list.forEach((p) => mediatorIds.add(p.mediatorId));
  const busy = [...(input.appointments ?? []), ...(input.absences ?? [])];
  return {
    durationMs: input.motif.durationMinutes * MINUTE_MS,
    earliest: input.now + input.motif.minNoticeMinutes * MINUTE_MS,
    latest: input.now + input.motif.horizonDays * DAY_MS,
    weekly,
    exceptionalByDate,
    busyByMediator: buildTimelines(busy, mediatorIds),
  };
}

function appliesOn(weekly: PreparedWeeklyPlage, date: LocalDate, dayMs: number, weekday: number) {
  const { plage } = weekly;
  if (!weekly.weekdays.has(weekday) || date < plage.validFrom) return false;
  if (plage.validUntil !== null && date > plage.validUntil) return false;
  return Math.floor((dayMs - weekly.anchorMs) / WEEK_MS) % weekly.everyNWeeks === 0;
}

/** Index of the first busy interval ending after `instant` (binary search). */
function firstBusyEndingAfter(ends: readonly number[], instant: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ends[mid]! <= instant) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Adds to `byStart` the free grid points of one plage occurrence, sweeping the busy timeline. */
function collectPlageSlots(
  ctx: Context,
  mediatorId: string,
  plageStart: number,
  plageEnd: number,
  byStart: Map<number, string[]>,
): void {
  const { durationMs } = ctx;
  const gridPointAtOrAfter = (instant: number) =>
    plageStart + Math.max(0, Math.ceil((instant - plageStart) / durationMs)) * durationMs;
  const lastEnd = Math.min(plageEnd, ctx.latest);
  const { starts, ends } = ctx.busyByMediator.get(mediatorId) ?? NOT_BUSY;
  let start = gridPointAtOrAfter(ctx.earliest);
  let busyIndex = firstBusyEndingAfter(ends, start);
  while (start + durationMs <= lastEnd) {
    while (busyIndex < ends.length && ends[busyIndex]! <= start) busyIndex++;
    const busyStart = starts[busyIndex];
    if (busyStart !== undefined && busyStart < start + durationMs) {
      start = gridPointAtOrAfter(ends[busyIndex]!);
      continue;
    }
    const ids = byStart.get(start);
    if (!ids) byStart.set(start, [mediatorId]);
    else if (!ids.includes(mediatorId)) ids.push(mediatorId);
    start += durationMs;
  }
}

function addOccurrence(
  ctx: Context,
  date: LocalDate,
  plage: { mediatorId: string; startTime: LocalTime; endTime: LocalTime },
  byStart: Map<number, string[]>,
): void {
  if (localTimeToMinutes(plage.startTime) >= localTimeToMinutes(plage.endTime)) return;
  const start = parisToInstant(date, plage.startTime);
  const end = parisToInstant(date, plage.endTime);
  collectPlageSlots(ctx, plage.mediatorId, start, end, byStart);
}

/** Slots of one local date, sorted by start. */
function slotsOfDay(ctx: Context, date: LocalDate): Slot[] {
  const byStart = new Map<number, string[]>();
  const dayMs = localDateToUtcMidnight(date);
  const weekday = isoWeekday(date);
  for (const weekly of ctx.weekly) {
    if (appliesOn(weekly, date, dayMs, weekday)) addOccurrence(ctx, date, weekly.plage, byStart);
  }
  for (const plage of ctx.exceptionalByDate.get(date) ?? []) {
    addOccurrence(ctx, date, plage, byStart);
  }
  return [...byStart.keys()]
    .sort((a, b) => a - b)
    .map((start) => ({
      start,
      end: start + ctx.durationMs,
      mediatorIds: byStart.get(start)!.sort(), // code-unit order: stable across locales
    }));
}

/** The first `limit` free slots in start order, stopping as soon as enough are found. */
export function nextFreeSlots(input: SlotInput, limit: number): Slot[] {
  const ctx = prepare(input);
  const earliestDate = parisDateOf(ctx.earliest);
  const latestDate = parisDateOf(ctx.latest);
  const first = input.from > earliestDate ? input.from : earliestDate;
  const last = input.to < latestDate ? input.to : latestDate;
  const slots: Slot[] = [];
  // Every slot of a date starts before every slot of the next date, so days can be appended.
  for (let date = first; date <= last && slots.length < limit; date = addDays(date, 1)) {
    if (input.holidays?.has(date)) continue;
    slots.push(...slotsOfDay(ctx, date));
  }
  return slots.length > limit ? slots.slice(0, limit) : slots;
}

/** All free slots of the window, sorted by start, one per start instant. */
export function computeSlots(input: SlotInput): Slot[] {
  return nextFreeSlots(input, Number.POSITIVE_INFINITY);
}

/** The slot starting exactly at `start` if it is still free (re-check before booking), else undefined. */
export function findSlot(input: Omit<SlotInput, "from" | "to">, start: number): Slot | undefined {
  const date = parisDateOf(start);
  return computeSlots({ ...input, from: date, to: date }).find((slot) => slot.start === start);
}

/**
 * Mediator who gets a booking on this slot: the least loaded (missing from the map = 0), ties
 * broken by id order so the choice is reproducible. `load` is whatever the caller balances,
 * e.g. appointments of the same day. Undefined only for a slot with no mediator.
 */
export function pickMediator(
  slot: Pick<Slot, "mediatorIds">,
  loadByMediator: ReadonlyMap<string, number>,
): string | undefined {
  let best: string | undefined;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (const id of slot.mediatorIds) {
    const load = loadByMediator.get(id) ?? 0;
    if (load < bestLoad || (load === bestLoad && best !== undefined && id < best)) {
      best = id;
      bestLoad = load;
    }
  }
  return best;
}
