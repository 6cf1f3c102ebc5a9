import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  addDays,
  daysBetween,
  instantToParis,
  isoWeekday,
  parisDateOf,
  parisOffsetMinutes,
  parisToInstant,
} from "./paris-time.js";

const utc = (iso: string) => Date.parse(iso);

describe("parisToInstant", () => {
  it.each([
    ["winter day", "2027-01-15", "09:00", "2027-01-15T08:00:00Z"],
    ["summer day", "2027-07-01", "09:00", "2027-07-01T07:00:00Z"],
    ["midnight belongs to its own date", "2027-07-01", "00:00", "2027-06-30T22:00:00Z"],
    ["spring-forward day, morning", "2027-03-28", "09:00", "2027-03-28T07:00:00Z"],
    ["spring-forward day, before the gap", "2027-03-28", "01:59", "2027-03-28T00:59:00Z"],
    ["spring-forward day, first minute after the gap", "2027-03-28", "03:00", "2027-03-28T01:00:00Z"],
    ["fall-back day, morning", "2027-10-31", "09:00", "2027-10-31T08:00:00Z"],
    ["fall-back day, before the overlap", "2027-10-31", "01:59", "2027-10-30T23:59:00Z"],
    ["fall-back day, after the overlap", "2027-10-31", "03:00", "2027-10-31T02:00:00Z"],
  ])("%s: %s %s is %s", (_label, date, time, expected) => {
    expect(parisToInstant(date, time)).toBe(utc(expected));
  });

  it.each([
    ["02:00", "2027-03-28T01:00:00Z"],
    ["02:30", "2027-03-28T01:30:00Z"],
    ["02:59", "2027-03-28T01:59:00Z"],
  ])("moves %s, which does not exist on 2027-03-28, forward by one hour", (time, expected) => {
    const instant = parisToInstant("2027-03-28", time);
    expect(instant).toBe(utc(expected));
    const hour = Number(time.slice(0, 2)) + 1;
    expect(instantToParis(instant)).toEqual({ date: "2027-03-28", time: `0${hour}${time.slice(2)}` });
  });

  it.each([
    ["02:00", "2027-10-31T00:00:00Z"],
    ["02:30", "2027-10-31T00:30:00Z"],
    ["02:59", "2027-10-31T00:59:00Z"],
  ])("reads %s, which happens twice on 2027-10-31, as the earlier (CEST) instant", (time, expected) => {
    expect(parisToInstant("2027-10-31", time)).toBe(utc(expected));
    expect(parisOffsetMinutes(utc(expected))).toBe(120);
  });

  it.each([["2027-02-29"], ["2027-13-01"], ["27-01-01"], ["2027-1-1"]])("rejects the date %s", (date) => {
    expect(() => parisToInstant(date, "09:00")).toThrow(RangeError);
  });

  it.each([["24:00"], ["09:60"], ["9:00"], ["09h00"]])("rejects the time %s", (time) => {
    expect(() => parisToInstant("2027-01-15", time)).toThrow(RangeError);
  });
});

describe("instantToParis and parisDateOf", () => {
  it.each([
    ["2027-03-27T23:30:00Z", "2027-03-28", "00:30"],
    ["2027-07-14T22:30:00Z", "2027-07-15", "00:30"],
    ["2027-10-31T00:30:00Z", "2027-10-31", "02:30"],
    ["2027-10-31T01:30:00Z", "2027-10-31", "02:30"],
    ["2027-12-31T23:00:00Z", "2028-01-01", "00:00"],
    ["2027-01-15T08:00:59.999Z", "2027-01-15", "09:00"],
  ])("%s is %s %s in Paris", (iso, date, time) => {
    expect(instantToParis(utc(iso))).toEqual({ date, time });
    expect(parisDateOf(utc(iso))).toBe(date);
  });

  it("gives the offset in force on each side of both 2027 changes", () => {
    expect(parisOffsetMinutes(utc("2027-03-28T00:59:59Z"))).toBe(60);
    expect(parisOffsetMinutes(utc("2027-03-28T01:00:00Z"))).toBe(120);
    expect(parisOffsetMinutes(utc("2027-10-31T00:59:59Z"))).toBe(120);
    expect(parisOffsetMinutes(utc("2027-10-31T01:00:00Z"))).toBe(60);
  });

  it("round-trips every minute-aligned instant, except the second pass of the fall-back hour", () => {
    const minutes = fc.integer({ min: utc("2000-01-01T00:00:00Z") / 60_000, max: utc("2060-01-01T00:00:00Z") / 60_000 });
    fc.assert(
      fc.property(minutes, (minute) => {
        const instant = minute * 60_000;
        const { date, time } = instantToParis(instant);
        const back = parisToInstant(date, time);
        // A wall time that happens twice maps to its earlier instant, one hour before, by design.
        const earlierPassOfSameWallTime =
          back === instant - 3_600_000 && instantToParis(back).time === time;
        expect(back === instant || earlierPassOfSameWallTime).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips the hours around every daylight-saving change from 2020 to 2040", () => {
    // EU rule: changes at 01:00 UTC on the last Sunday of March and of October.
    const lastSundayAt1Utc = (year: number, monthIndex: number) => {
      const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0, 1));
      return lastDay.getTime() - lastDay.getUTCDay() * 86_400_000;
    };
    const nearChange = fc
      .record({ year: fc.integer({ min: 2020, max: 2040 }), month: fc.constantFrom(2, 9), minutes: fc.integer({ min: -180, max: 180 }) })
      .map(({ year, month, minutes }) => lastSundayAt1Utc(year, month) + minutes * 60_000);
    fc.assert(
      fc.property(nearChange, (instant) => {
        const { date, time } = instantToParis(instant);
        const back = parisToInstant(date, time);
        const inSecondPass = parisOffsetMinutes(instant) === 60 && time.startsWith("02:");
        expect(back).toBe(inSecondPass ? instant - 3_600_000 : instant);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("calendar helpers", () => {
  it.each([
    ["2027-03-22", 1],
    ["2027-03-27", 6],
    ["2027-03-28", 7],
    ["2027-07-14", 3],
    ["2028-02-29", 2],
  ])("%s has ISO weekday %i", (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });

  it.each([
    ["2028-02-28", 1, "2028-02-29"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2027-12-31", 1, "2028-01-01"],
    ["2027-03-28", 1, "2027-03-29"],
    ["2027-10-31", 1, "2027-11-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2027-03-01", 30, "2027-03-31"],
  ])("%s plus %i days is %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });
});

describe("Paris offsets memoised per hour", () => {
  const reference = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const expected = (instant: number) => {
    const parts = Object.fromEntries(reference.formatToParts(instant).map((p) => [p.type, p.value]));
    return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
  };

  it("gives Intl's wall time at any instant, around every change of offset and in 1911's odd-minute change", () => {
    const seconds = fc.integer({ min: Date.UTC(1890, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 });
    fc.assert(
      fc.property(seconds, fc.integer({ min: 0, max: 999 }), (second, ms) => {
        const instant = second * 1000 + ms;
        expect(instantToParis(instant)).toEqual(expected(instant));
      }),
      { numRuns: 3000 },
    );
    // Every minute of the 1911 change (PMT to WET, 00:01 local) and of a spring and an autumn change.
    for (const start of [Date.UTC(1911, 2, 10, 23, 0), Date.UTC(2027, 2, 28, 0, 0), Date.UTC(2027, 9, 31, 0, 0)]) {
      for (let minute = 0; minute < 180; minute++) expect(instantToParis(start + minute * 60_000)).toEqual(expected(start + minute * 60_000));
    }
  });
});
