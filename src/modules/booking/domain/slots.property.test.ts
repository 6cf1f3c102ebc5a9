import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { addDays, parisDateOf, parisToInstant } from "../../../lib/paris-time.js";
import {
  type ExceptionalPlage,
  type MediatorBusy,
  type Slot,
  type SlotInput,
  type WeeklyPlage,
  computeSlots,
  nextFreeSlots,
} from "./slots.js";

const MIN = 60_000;
const DAY = 86_400_000;
const MEDIATORS = ["m1", "m2", "m3"];
// Ordinary weeks and both 2027 daylight-saving weekends.
const BASE_DATES = ["2027-01-18", "2027-03-25", "2027-10-28"];

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

const timeRange = fc
  .record({ start: fc.integer({ min: 0, max: 95 }), length: fc.integer({ min: 1, max: 40 }) })
  .map(({ start, length }) => ({
    startTime: hhmm(start * 15),
    endTime: hhmm(Math.min((start + length) * 15, 23 * 60 + 59)),
  }));

const scenario = fc
  .record({
    base: fc.constantFrom(...BASE_DATES),
    span: fc.integer({ min: 0, max: 6 }),
    nowMinutes: fc.integer({ min: -2 * 1440, max: 3 * 1440 }),
    duration: fc.constantFrom(15, 20, 30, 45, 60, 90),
    notice: fc.integer({ min: 0, max: 600 }),
    horizon: fc.integer({ min: 0, max: 10 }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
    weekly: fc.array(
      fc.record({
        mediatorId: fc.constantFrom(...MEDIATORS),
        placeId: fc.constantFrom("p1", "p1", "p2"),
        weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
        range: timeRange,
        fromOffset: fc.integer({ min: -20, max: 3 }),
        untilLength: fc.option(fc.integer({ min: 0, max: 14 })),
        everyNWeeks: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    exceptional: fc.array(
      fc.record({ mediatorId: fc.constantFrom(...MEDIATORS), offset: fc.integer({ min: 0, max: 6 }), range: timeRange }),
      { maxLength: 3 },
    ),
    busy: fc.array(
      fc.record({
        mediatorId: fc.constantFrom(...MEDIATORS),
        isAbsence: fc.boolean(),
        startMinutes: fc.integer({ min: 0, max: 7 * 1440 }),
        // Mostly appointments of a few hours, sometimes absences of several days.
        length: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 3 * 1440 })),
      }),
      { maxLength: 25 },
    ),
  })
  .map((s): SlotInput => {
    const origin = parisToInstant(s.base, "00:00");
    const plages: WeeklyPlage[] = s.weekly.map((w) => {
      const validFrom = addDays(s.base, w.fromOffset);
      return {
        mediatorId: w.mediatorId,
        placeId: w.placeId,
        weekdays: w.weekdays,
        ...w.range,
        validFrom,
        validUntil: w.untilLength === null ? null : addDays(validFrom, w.untilLength),
        everyNWeeks: w.everyNWeeks,
      };
    });
    const exceptionalPlages: ExceptionalPlage[] = s.exceptional.map((e) => ({
      mediatorId: e.mediatorId,
      placeId: "p1",
      date: addDays(s.base, e.offset),
      ...e.range,
    }));
    const toBusy = (b: (typeof s.busy)[number]): MediatorBusy => ({
      mediatorId: b.mediatorId,
      start: origin + b.startMinutes * MIN,
      end: origin + (b.startMinutes + b.length) * MIN,
    });
    return {
      now: origin + s.nowMinutes * MIN,
      motif: { durationMinutes: s.duration, minNoticeMinutes: s.notice, horizonDays: s.horizon },
      placeId: "p1",
      from: s.base,
      to: addDays(s.base, s.span),
      plages,
      exceptionalPlages,
      appointments: s.busy.filter((b) => !b.isAbsence).map(toBusy),
      absences: s.busy.filter((b) => b.isAbsence).map(toBusy),
      holidays: new Set(s.holidayOffsets.map((offset) => addDays(s.base, offset))),
    };
  });

/** Instant ranges of every plage of `mediatorId` at the input's place that opens on `date`. */
function plageOccurrences(input: SlotInput, mediatorId: string, date: string): Array<[number, number]> {
  const day = Date.parse(`${date}T00:00:00Z`);
  const weekday = new Date(day).getUTCDay() || 7;
  const weekly = input.plages.filter((p) => {
    if (p.mediatorId !== mediatorId || p.placeId !== input.placeId || !p.weekdays.includes(weekday)) return false;
    if (date < p.validFrom || (p.validUntil !== null && date > p.validUntil)) return false;
    const from = Date.parse(`${p.validFrom}T00:00:00Z`);
    const mondayOfValidFrom = from - ((new Date(from).getUTCDay() + 6) % 7) * DAY;
    return Math.floor((day - mondayOfValidFrom) / (7 * DAY)) % (p.everyNWeeks ?? 1) === 0;
  });
  const exceptional = (input.exceptionalPlages ?? []).filter(
    (p) => p.mediatorId === mediatorId && p.placeId === input.placeId && p.date === date,
  );
  return [...weekly, ...exceptional]
    .filter((p) => p.startTime < p.endTime)
    .map((p) => [parisToInstant(date, p.startTime), parisToInstant(date, p.endTime)]);
}

const busyOf = (input: SlotInput, mediatorId: string) =>
  [...(input.appointments ?? []), ...(input.absences ?? [])].filter((b) => b.mediatorId === mediatorId);

const overlaps = (slot: Slot, range: { start: number; end: number }) =>
  slot.start < range.end && range.start < slot.end;

const pairs = (slots: Slot[]) => new Set(slots.flatMap((slot) => slot.mediatorIds.map((id) => `${slot.start}|${id}`)));

describe("computeSlots invariants (property-based)", () => {
  it("returns sorted slots with unique starts, the motif's duration and sorted distinct mediators", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const slots = computeSlots(input);
        slots.forEach((slot, i) => {
          if (i > 0) expect(slot.start).toBeGreaterThan(slots[i - 1]!.start);
          expect(slot.end - slot.start).toBe(input.motif.durationMinutes * MIN);
          expect(slot.mediatorIds.length).toBeGreaterThan(0);
          expect(slot.mediatorIds).toEqual([...new Set(slot.mediatorIds)].sort());
        });
      }),
      { numRuns: 300 },
    );
  });

  it("never lists a mediator who has an appointment or an absence during the slot", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        for (const slot of computeSlots(input)) {
          for (const id of slot.mediatorIds) {
            expect(busyOf(input, id).filter((range) => overlaps(slot, range))).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("puts every slot on the grid of a plage of each listed mediator, inside the bookable window", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const duration = input.motif.durationMinutes * MIN;
        for (const slot of computeSlots(input)) {
          const date = parisDateOf(slot.start);
          expect(date >= input.from && date <= input.to && !input.holidays?.has(date)).toBe(true);
          expect(slot.start).toBeGreaterThanOrEqual(input.now + input.motif.minNoticeMinutes * MIN);
          expect(slot.end).toBeLessThanOrEqual(input.now + input.motif.horizonDays * DAY);
          for (const id of slot.mediatorIds) {
            const hosts = plageOccurrences(input, id, date).filter(
              ([start, end]) => start <= slot.start && slot.end <= end && (slot.start - start) % duration === 0,
            );
            expect(hosts.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("offers every grid point of every plage when nobody is busy", () => {
    fc.assert(
      fc.property(scenario, (busyInput) => {
        const input = { ...busyInput, appointments: [], absences: [] };
        const offered = pairs(computeSlots(input));
        const duration = input.motif.durationMinutes * MIN;
        const earliest = input.now + input.motif.minNoticeMinutes * MIN;
        const latest = input.now + input.motif.horizonDays * DAY;
        for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
          if (input.holidays?.has(date)) continue;
          for (const id of MEDIATORS) {
            for (const [start, end] of plageOccurrences(input, id, date)) {
              for (let s = start; s + duration <= end; s += duration) {
                if (s >= earliest && s + duration <= latest) expect(offered.has(`${s}|${id}`)).toBe(true);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("removes a mediator from a slot only because of their own busy time", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const free = pairs(computeSlots({ ...input, appointments: [], absences: [] }));
        const actual = pairs(computeSlots(input));
        const duration = input.motif.durationMinutes * MIN;
        for (const pair of actual) expect(free.has(pair)).toBe(true);
        for (const pair of free) {
          if (actual.has(pair)) continue;
          const [start, id] = pair.split("|") as [string, string];
          const slot = { start: Number(start), end: Number(start) + duration, mediatorIds: [id] };
          expect(busyOf(input, id).some((range) => overlaps(slot, range))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives in nextFreeSlots the first slots of computeSlots", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 30 }), (input, limit) => {
        expect(nextFreeSlots(input, limit)).toEqual(computeSlots(input).slice(0, limit));
      }),
      { numRuns: 200 },
    );
  });
});

describe("computeSlots at benchmark scale", () => {
  it("computes 4 weeks for 10 mediators with 500 appointments with every free grid point (speed is measured by npm run bench)", () => {
    const mediators = Array.from({ length: 10 }, (_, i) => `mediator-${i}`);
    const plages: WeeklyPlage[] = mediators.flatMap((mediatorId) => [
      { mediatorId, placeId: "p1", weekdays: [1, 2, 3, 4, 5, 6], startTime: "09:00", endTime: "12:30", validFrom: "2027-01-01", validUntil: null },
      { mediatorId, placeId: "p1", weekdays: [1, 2, 3, 4, 5], startTime: "13:30", endTime: "18:00", validFrom: "2027-01-01", validUntil: null },
    ]);
    let seed = 42;
    const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    const appointments: MediatorBusy[] = Array.from({ length: 500 }, () => {
      const start = parisToInstant(addDays("2027-02-01", random(28)), hhmm(9 * 60 + 30 * random(18)));
      return { mediatorId: mediators[random(10)]!, start, end: start + 30 * MIN };
    });
    const input: SlotInput = {
      now: parisToInstant("2027-01-31", "12:00"),
      motif: { durationMinutes: 30, minNoticeMinutes: 30, horizonDays: 90 },
      placeId: "p1",
      from: "2027-02-01",
      to: "2027-02-28",
      plages,
      appointments,
    };
    const slots = computeSlots(input);
    // 4 weeks × (6 mornings × 7 + 5 afternoons × 9) starts; appointments only thin the mediator lists.
    expect(slots).toHaveLength(348);
  });
});
