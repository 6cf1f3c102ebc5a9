import { describe, it, expect } from "vitest";
import { holidayDatesBetween } from "./holidays.js";
import { instantToParis, parisToInstant } from "../../../lib/paris-time.js";
import {
  type Slot,
  type SlotInput,
  type WeeklyPlage,
  computeSlots,
  findSlot,
  nextFreeSlots,
  pickMediator,
} from "./slots.js";

const utc = (iso: string) => Date.parse(iso);
const at = (date: string, time: string) => parisToInstant(date, time);
const MIN = 60_000;

function plage(overrides: Partial<WeeklyPlage> = {}): WeeklyPlage {
  return {
    mediatorId: "anna",
    placeId: "place-1",
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startTime: "09:00",
    endTime: "12:00",
    validFrom: "2026-01-01",
    validUntil: null,
    ...overrides,
  };
}

function input(overrides: Partial<SlotInput> = {}): SlotInput {
  return {
    now: utc("2026-12-01T00:00:00Z"),
    motif: { durationMinutes: 30, minNoticeMinutes: 0, horizonDays: 3650 },
    placeId: "place-1",
    from: "2027-01-18",
    to: "2027-01-18",
    plages: [plage()],
    ...overrides,
  };
}

/** Paris "YYYY-MM-DD HH:MM" of each slot start, the way a citizen would read them. */
const wallStarts = (slots: Slot[]) =>
  slots.map((slot) => {
    const { date, time } = instantToParis(slot.start);
    return `${date} ${time}`;
  });
const times = (slots: Slot[]) => slots.map((slot) => instantToParis(slot.start).time);

describe("computeSlots: the grid", () => {
  it("cuts a 09:00-12:00 plage into six 30-minute slots aligned on its start", () => {
    const slots = computeSlots(input());
    expect(times(slots)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
    expect(slots.every((slot) => slot.end - slot.start === 30 * MIN)).toBe(true);
    expect(slots.every((slot) => slot.mediatorIds.join() === "anna")).toBe(true);
  });

  it("drops the end of a plage shorter than the duration", () => {
    const slots = computeSlots(input({ plages: [plage({ endTime: "10:45" })] }));
    expect(times(slots)).toEqual(["09:00", "09:30", "10:00"]);
  });

  it("ignores plages of other places and plages ending before they start", () => {
    const plages = [plage({ placeId: "place-2" }), plage({ mediatorId: "ben", startTime: "12:00", endTime: "09:00" })];
    expect(computeSlots(input({ plages }))).toEqual([]);
  });

  it.each([
    ["the Saturday before spring forward (CET)", "2027-03-27", ["2027-03-27T08:00:00Z", "2027-03-27T09:00:00Z", "2027-03-27T10:00:00Z"]],
    ["spring-forward day 2027-03-28 (CEST)", "2027-03-28", ["2027-03-28T07:00:00Z", "2027-03-28T08:00:00Z", "2027-03-28T09:00:00Z"]],
    ["the Saturday before fall back (CEST)", "2027-10-30", ["2027-10-30T07:00:00Z", "2027-10-30T08:00:00Z", "2027-10-30T09:00:00Z"]],
    ["fall-back day 2027-10-31 (CET)", "2027-10-31", ["2027-10-31T08:00:00Z", "2027-10-31T09:00:00Z", "2027-10-31T10:00:00Z"]],
  ])("starts a 09:00-12:00 plage at 09:00 local on %s", (_label, date, expected) => {
    const slots = computeSlots(input({ from: date, to: date, motif: { durationMinutes: 60, minNoticeMinutes: 0, horizonDays: 3650 } }));
    expect(slots.map((slot) => slot.start)).toEqual(expected.map(utc));
    expect(times(slots)).toEqual(["09:00", "10:00", "11:00"]);
  });

  it.each([
    ["01:00-04:00 lasts two real hours", "01:00", "04:00", ["2027-03-28T00:00:00Z", "2027-03-28T01:00:00Z"], ["01:00", "03:00"]],
    ["02:30-05:00 starts at 03:30, the gap pushes 02:30 forward", "02:30", "05:00", ["2027-03-28T01:30:00Z"], ["03:30"]],
    ["02:00-03:00 has no real time at all", "02:00", "03:00", [], []],
  ])("on spring-forward night, a 60-minute plage %s", (_label, startTime, endTime, expected, local) => {
    const slots = computeSlots(
      input({
        from: "2027-03-28",
        to: "2027-03-28",
        motif: { durationMinutes: 60, minNoticeMinutes: 0, horizonDays: 3650 },
        plages: [plage({ startTime, endTime })],
      }),
    );
    expect(slots.map((slot) => slot.start)).toEqual(expected.map(utc));
    expect(times(slots)).toEqual(local);
  });

  it("on fall-back night, a 01:00-04:00 plage lasts four real hours and shows 02:00 twice", () => {
    const slots = computeSlots(
      input({
        from: "2027-10-31",
        to: "2027-10-31",
        motif: { durationMinutes: 60, minNoticeMinutes: 0, horizonDays: 3650 },
        plages: [plage({ startTime: "01:00", endTime: "04:00" })],
      }),
    );
    expect(slots.map((slot) => slot.start)).toEqual(
      ["2027-10-30T23:00:00Z", "2027-10-31T00:00:00Z", "2027-10-31T01:00:00Z", "2027-10-31T02:00:00Z"].map(utc),
    );
    expect(times(slots)).toEqual(["01:00", "02:00", "02:00", "03:00"]);
  });
});

describe("computeSlots: which days", () => {
  it.each([
    ["14 juillet", "2027-07-12", "2027-07-16", "2027-07-14"],
    ["lundi de Pâques", "2027-03-28", "2027-03-30", "2027-03-29"],
  ])("opens no slot on %s", (_label, from, to, holiday) => {
    const slots = computeSlots(input({ from, to, holidays: holidayDatesBetween(from, to) }));
    const dates = new Set(wallStarts(slots).map((start) => start.slice(0, 10)));
    expect(dates.has(holiday)).toBe(false);
    expect(dates.size).toBe(daysIn(from, to) - 1);
  });

  it("closes exceptional plages on holidays too", () => {
    const exceptionalPlages = [{ mediatorId: "ben", placeId: "place-1", date: "2027-07-14", startTime: "14:00", endTime: "15:00" }];
    const slots = computeSlots(input({ from: "2027-07-14", to: "2027-07-14", plages: [], exceptionalPlages, holidays: new Set(["2027-07-14"]) }));
    expect(slots).toEqual([]);
  });

  it("adds an exceptional plage on a day without weekly plage, without listing a mediator twice", () => {
    const exceptionalPlages = [
      { mediatorId: "anna", placeId: "place-1", date: "2027-01-23", startTime: "11:00", endTime: "13:00" },
      { mediatorId: "anna", placeId: "place-2", date: "2027-01-23", startTime: "14:00", endTime: "15:00" },
    ];
    const plages = [plage({ weekdays: [1, 2, 3, 4, 5] })];
    const slots = computeSlots(input({ from: "2027-01-22", to: "2027-01-23", plages, exceptionalPlages }));
    expect(wallStarts(slots).filter((start) => start.startsWith("2027-01-23"))).toEqual(
      ["11:00", "11:30", "12:00", "12:30"].map((time) => `2027-01-23 ${time}`),
    );
    const withWeekly = computeSlots(input({ from: "2027-01-23", to: "2027-01-23", exceptionalPlages }));
    expect(withWeekly.find((slot) => slot.start === at("2027-01-23", "11:00"))?.mediatorIds).toEqual(["anna"]);
  });

  it("repeats an every-2-weeks plage on the weeks counted from validFrom's week, bounds included", () => {
    const plages = [plage({ weekdays: [1, 3], validFrom: "2027-01-06", validUntil: "2027-02-01", everyNWeeks: 2, endTime: "09:30" })];
    const slots = computeSlots(input({ from: "2027-01-01", to: "2027-02-28", plages }));
    expect(wallStarts(slots).map((start) => start.slice(0, 10))).toEqual(["2027-01-06", "2027-01-18", "2027-01-20", "2027-02-01"]);
  });
});

describe("computeSlots: busy time, notice and horizon", () => {
  it.each([
    ["an absence of one hour", "10:00", "11:00", ["09:00", "09:30", "11:00", "11:30"]],
    ["a short absence, without shifting the grid", "10:15", "10:20", ["09:00", "09:30", "10:30", "11:00", "11:30"]],
    ["an absence ending exactly when a slot starts", "08:00", "09:00", ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]],
  ])("removes the slots overlapping %s", (_label, start, end, expected) => {
    const absences = [{ mediatorId: "anna", start: at("2027-01-18", start), end: at("2027-01-18", end) }];
    expect(times(computeSlots(input({ absences })))).toEqual(expected);
  });

  it("closes every day of a multi-day absence", () => {
    const absences = [{ mediatorId: "anna", start: at("2027-01-18", "00:00"), end: at("2027-01-20", "00:00") }];
    const slots = computeSlots(input({ from: "2027-01-18", to: "2027-01-20", absences }));
    expect(new Set(wallStarts(slots).map((start) => start.slice(0, 10)))).toEqual(new Set(["2027-01-20"]));
  });

  it("removes booked slots and keeps those right before and after (half-open ranges)", () => {
    const appointments = [
      { mediatorId: "anna", start: at("2027-01-18", "09:30"), end: at("2027-01-18", "10:00") },
      { mediatorId: "anna", start: at("2027-01-18", "10:50"), end: at("2027-01-18", "11:10") },
    ];
    expect(times(computeSlots(input({ appointments })))).toEqual(["09:00", "10:00", "11:30"]);
  });

  it("stays busy through an appointment nested inside a longer absence", () => {
    const busy = (start: string, end: string) => ({ mediatorId: "anna", start: at("2027-01-18", start), end: at("2027-01-18", end) });
    const now = at("2027-01-18", "10:40");
    const slots = computeSlots(
      input({
        now,
        motif: { durationMinutes: 30, minNoticeMinutes: 20, horizonDays: 30 },
        absences: [busy("08:00", "12:00")],
        appointments: [busy("09:30", "10:00"), busy("14:00", "15:00")],
      }),
    );
    expect(slots).toEqual([]);
  });

  it("ignores busy time of other mediators and empty ranges", () => {
    const appointments = [
      { mediatorId: "ben", start: at("2027-01-18", "09:00"), end: at("2027-01-18", "12:00") },
      { mediatorId: "anna", start: at("2027-01-18", "10:00"), end: at("2027-01-18", "10:00") },
    ];
    expect(computeSlots(input({ appointments }))).toHaveLength(6);
  });

  it("starts at the first grid point after now plus the notice", () => {
    const now = at("2027-01-18", "09:10");
    const slots = computeSlots(input({ now, motif: { durationMinutes: 30, minNoticeMinutes: 30, horizonDays: 30 } }));
    expect(times(slots)).toEqual(["10:00", "10:30", "11:00", "11:30"]);
  });

  it("keeps a slot starting exactly at now plus the notice", () => {
    const now = at("2027-01-18", "09:00");
    const slots = computeSlots(input({ now, motif: { durationMinutes: 30, minNoticeMinutes: 60, horizonDays: 30 } }));
    expect(times(slots)[0]).toBe("10:00");
  });

  it("keeps every slot inside now plus the horizon", () => {
    const now = at("2027-01-18", "10:00");
    const slots = computeSlots(input({ now, to: "2027-01-31", motif: { durationMinutes: 30, minNoticeMinutes: 0, horizonDays: 2 } }));
    expect(wallStarts(slots).at(0)).toBe("2027-01-18 10:00");
    expect(wallStarts(slots).at(-1)).toBe("2027-01-20 09:30");
  });
});

describe("computeSlots: several mediators", () => {
  const both = [plage(), plage({ mediatorId: "ben" })];

  it("shows one slot per start listing every free mediator", () => {
    const slots = computeSlots(input({ plages: [plage({ mediatorId: "ben" }), plage()] }));
    expect(slots).toHaveLength(6);
    expect(slots.every((slot) => slot.mediatorIds.join() === "anna,ben")).toBe(true);
  });

  it("keeps a slot while one mediator is still free, and drops it when none is", () => {
    const busy = (mediatorId: string, time: string) => ({ mediatorId, start: at("2027-01-18", time), end: at("2027-01-18", time) + 30 * MIN });
    const slots = computeSlots(input({ plages: both, appointments: [busy("anna", "09:00"), busy("anna", "09:30")], absences: [busy("ben", "09:30")] }));
    expect(slots.slice(0, 2).map((slot) => [instantToParis(slot.start).time, slot.mediatorIds])).toEqual([
      ["09:00", ["ben"]],
      ["10:00", ["anna", "ben"]],
    ]);
  });

  it("interleaves the grids of mediators whose plages start at different times", () => {
    const plages = [plage({ endTime: "10:00" }), plage({ mediatorId: "ben", startTime: "09:15", endTime: "10:15" })];
    const slots = computeSlots(input({ plages }));
    expect(slots.map((slot) => `${instantToParis(slot.start).time} ${slot.mediatorIds.join()}`)).toEqual([
      "09:00 anna",
      "09:15 ben",
      "09:30 anna",
      "09:45 ben",
    ]);
  });
});

describe("nextFreeSlots and findSlot", () => {
  it("returns the first slots in order, as computeSlots would", () => {
    const wide = input({ from: "2027-01-18", to: "2027-03-31" });
    expect(nextFreeSlots(wide, 8)).toEqual(computeSlots(wide).slice(0, 8));
    expect(wallStarts(nextFreeSlots(wide, 8)).at(-1)).toBe("2027-01-19 09:30");
  });

  it("finds a free slot by its start and no longer once it is booked", () => {
    const start = at("2027-01-18", "10:00");
    expect(findSlot(input(), start)).toEqual({ start, end: start + 30 * MIN, mediatorIds: ["anna"] });
    expect(findSlot(input({ appointments: [{ mediatorId: "anna", start, end: start + 30 * MIN }] }), start)).toBeUndefined();
    expect(findSlot(input(), start + 10 * MIN)).toBeUndefined();
  });
});

describe("input validation", () => {
  it.each([
    ["a zero duration", input({ motif: { durationMinutes: 0, minNoticeMinutes: 0, horizonDays: 1 } })],
    ["a negative notice", input({ motif: { durationMinutes: 30, minNoticeMinutes: -1, horizonDays: 1 } })],
    ["Sunday written as 0", input({ plages: [plage({ weekdays: [0] })] })],
    ["everyNWeeks of 0", input({ plages: [plage({ everyNWeeks: 0 })] })],
    ["an impossible date", input({ plages: [plage({ validFrom: "2027-02-30" })] })],
    ["a malformed end of validity", input({ plages: [plage({ validUntil: "2027-1-31" })] })],
    ["a malformed time on a day the plage does not open", input({ plages: [plage({ weekdays: [7], endTime: "12h00" })] })],
    ["a malformed window", input({ to: "2027-01-32" })],
  ])("rejects %s", (_label, invalid) => {
    expect(() => computeSlots(invalid)).toThrow(RangeError);
  });
});

describe("pickMediator", () => {
  it.each([
    ["the least loaded mediator", ["anna", "ben", "chloe"], { anna: 3, ben: 1, chloe: 2 }, "ben"],
    ["the first id among equally loaded ones", ["chloe", "ben", "anna"], { anna: 2, ben: 1, chloe: 1 }, "ben"],
    ["a mediator missing from the loads as having none", ["anna", "ben"], { anna: 1 }, "ben"],
    ["nobody on an empty slot", [], {}, undefined],
  ])("picks %s", (_label, mediatorIds, loads, expected) => {
    expect(pickMediator({ mediatorIds }, new Map(Object.entries(loads)))).toBe(expected);
  });
});

function daysIn(from: string, to: string): number {
  return (utc(`${to}T00:00:00Z`) - utc(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}
