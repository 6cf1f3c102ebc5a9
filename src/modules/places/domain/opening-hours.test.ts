import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  withoutOpenState,
  fromEngineDate,
  holidayRegionOfCommune,
  isOpenNow,
  openingStatusInFrench,
  parseOpeningHours,
  toEngineDate,
  weekHoursInFrench,
} from "./opening-hours.js";

const plain = (text: string | undefined): string | undefined => text?.replace(/\u00a0/g, " ");
const WEEK = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00; PH off";

function texts(hours: Parameters<typeof weekHoursInFrench>[0], now: Date): Record<string, string | undefined> {
  return Object.fromEntries(weekHoursInFrench(hours, now).days.map((day) => [day.weekday, plain(day.text)]));
}

describe("parseOpeningHours", () => {
  it("keeps a value written in the OSM syntax as it is", () => {
    const parsed = parseOpeningHours(WEEK);
    expect(parsed.ok && parsed.hours.normalized).toBe(WEEK);
  });

  it("rewrites a value the library had to correct into canonical OSM syntax", () => {
    const parsed = parseOpeningHours("Lu-Ve 9h-12h");
    expect(parsed.ok && parsed.hours.normalized).toBe("Mo-Fr 09:00-12:00");
  });

  it("refuses a value that is not opening hours, with a French reason", () => {
    const parsed = parseOpeningHours("du lundi au vendredi le matin");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/^n'est pas au format OpenStreetMap opening_hours, par exemple/);
  });

  it("makes the reading functions throw on an invalid value", () => {
    expect(() => isOpenNow("Mo-Fr 25:00-26:00", new Date("2027-03-02T09:00:00Z"))).toThrow(RangeError);
  });
});

describe("weekHoursInFrench", () => {
  // Monday 28 April 2025, noon in Paris; Thursday 1 May is a public holiday.
  const monday = new Date("2025-04-28T10:00:00Z");

  it("tells each day's hours in French, lundi to dimanche, with non-breaking spaces", () => {
    const week = weekHoursInFrench(WEEK, monday);
    expect(week.days.map((day) => [day.weekday, day.date, day.today])).toEqual([
      ["lundi", "2025-04-28", true],
      ["mardi", "2025-04-29", false],
      ["mercredi", "2025-04-30", false],
      ["jeudi", "2025-05-01", false],
      ["vendredi", "2025-05-02", false],
      ["samedi", "2025-05-03", false],
      ["dimanche", "2025-05-04", false],
    ]);
    expect(week.days[0]?.text).toBe("9\u00a0h – 12\u00a0h et 14\u00a0h – 18\u00a0h\u00a030");
    expect(texts(WEEK, monday)).toEqual({
      lundi: "9 h – 12 h et 14 h – 18 h 30",
      mardi: "9 h – 12 h et 14 h – 18 h 30",
      mercredi: "9 h – 12 h et 14 h – 18 h 30",
      jeudi: "fermé (jour férié)",
      vendredi: "9 h – 12 h et 14 h – 18 h 30",
      samedi: "8 h 30 – 12 h",
      dimanche: "fermé",
    });
  });

  it("lists each weekday at its next date when today is not Monday", () => {
    const thursday = new Date("2025-05-01T08:00:00Z");
    const days = weekHoursInFrench(WEEK, thursday).days;
    expect(days.map((day) => day.date)).toEqual(["2025-05-05", "2025-05-06", "2025-05-07", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04"]);
    expect(days.find((day) => day.today)?.weekday).toBe("jeudi");
  });

  it("says what happens on public holidays when the rule has PH", () => {
    expect(plain(weekHoursInFrench(WEEK, monday).publicHolidays)).toBe("Fermé les jours fériés");
    expect(plain(weekHoursInFrench("Mo-Fr 09:00-12:00; PH 10:00-11:00", monday).publicHolidays)).toBe("Les jours fériés : 10 h – 11 h");
    expect(weekHoursInFrench("Mo-Fr 09:00-12:00", monday).publicHolidays).toBeUndefined();
  });

  it("does not mark holidays when the rule does not mention them", () => {
    const thursday = weekHoursInFrench("Mo-Fr 09:00-12:00", monday).days[3];
    expect([thursday?.publicHoliday, plain(thursday?.text)]).toEqual([false, "9 h – 12 h"]);
  });

  it("knows regional holidays when told the region (26 December in Moselle)", () => {
    const christmasWeek = new Date("2025-12-22T10:00:00Z");
    const moselle = parseOpeningHours("Mo-Sa 09:00-12:00; PH off", { region: "Moselle" });
    if (!moselle.ok) throw new Error(moselle.reason);
    expect(texts(moselle.hours, christmasWeek).vendredi).toBe("fermé (jour férié)");
    expect(texts("Mo-Sa 09:00-12:00; PH off", christmasWeek).vendredi).toBe("9 h – 12 h");
    expect(texts("Mo-Sa 09:00-12:00; PH off", christmasWeek).jeudi).toBe("fermé (jour férié)");
  });

  it.each([
    ["57463", "Moselle"],
    ["67482", "Bas-Rhin"],
    ["68224", "Haut-Rhin"],
    ["79202", undefined],
    [null, undefined],
  ])("gives commune %s the holidays of %s", (insee, region) => {
    expect(holidayRegionOfCommune(insee).region).toBe(region);
  });

  it("closes a place in Metz on Saint-Étienne when its hours say PH off, and not one in Niort", () => {
    const christmasWeek = new Date("2025-12-22T10:00:00Z");
    const metz = parseOpeningHours("Mo-Sa 09:00-12:00; PH off", holidayRegionOfCommune("57463"));
    if (!metz.ok) throw new Error(metz.reason);
    expect(texts(metz.hours, christmasWeek).vendredi).toBe("fermé (jour férié)");
    const niort = parseOpeningHours("Mo-Sa 09:00-12:00; PH off", holidayRegionOfCommune("79191"));
    if (!niort.ok) throw new Error(niort.reason);
    expect(texts(niort.hours, christmasWeek).vendredi).toBe("9 h – 12 h");
  });

  it("shows a slot past midnight on the day it starts only", () => {
    expect(texts("Fr 20:00-02:00", monday)).toMatchObject({ vendredi: "20 h – 2 h", samedi: "fermé" });
    expect(texts("Mo 20:00-24:00", monday).lundi).toBe("20 h – minuit");
  });

  it("says open day and night for 24/7", () => {
    expect(new Set(Object.values(texts("24/7", monday)))).toEqual(new Set(["ouvert 24 h sur 24"]));
  });

  it("adds the comment of a slot, such as an appointment-only slot", () => {
    expect(texts('Mo-Fr 09:00-12:00; Tu 14:00-17:00 unknown "sur rendez-vous"', monday).mardi).toBe("14 h – 17 h (sur rendez-vous)");
  });
});

describe("openingStatusInFrench", () => {
  // Wednesday 15 January 2025 (Paris = UTC+1).
  const at = (iso: string): Date => new Date(iso);
  it.each([
    [WEEK, "2025-01-15T09:00:00Z", true, "Ouvert jusqu'à 12 h"],
    [WEEK, "2025-01-15T11:30:00Z", false, "Fermé, ouvre à 14 h"],
    [WEEK, "2025-01-15T18:00:00Z", false, "Fermé, ouvre demain à 9 h"],
    [WEEK, "2025-01-18T12:00:00Z", false, "Fermé, ouvre lundi à 9 h"],
    ["Fr 20:00-02:00", "2025-01-17T20:00:00Z", true, "Ouvert jusqu'à demain 2 h"],
    ["24/7", "2025-01-15T09:00:00Z", true, "Ouvert 24 h sur 24"],
    ["off", "2025-01-15T09:00:00Z", false, "Fermé"],
    ['Mo-Fr 09:00-12:00 unknown "sur rendez-vous"', "2025-01-15T09:00:00Z", false, "Sur rendez-vous"],
  ])("%s at %s", (hours, now, open, text) => {
    const status = openingStatusInFrench(hours, at(now));
    expect({ open: status.open, text: plain(status.text) }).toEqual({ open, text });
  });
});

describe("engine dates", () => {
  it("give back the instant they were made from (whole minutes, outside the autumn repeated hour)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 26_000_000, max: 32_000_000 }), (minutes) => {
        const instant = new Date(minutes * 60_000);
        const back = fromEngineDate(toEngineDate(instant)).getTime();
        // 02:00–03:00 on the last Sunday of October happens twice; the earlier instant is chosen.
        expect(back === instant.getTime() || back === instant.getTime() - 3_600_000).toBe(true);
      }),
    );
  });
});

// The library reads dates in the process's time zone; results must not depend on it.
describe.each(["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"])("in a process running in %s", (zone) => {
  const original = process.env.TZ;
  afterAll(() => {
    process.env.TZ = original;
  });

  async function freshModule(): Promise<typeof import("./opening-hours.js")> {
    process.env.TZ = zone;
    vi.resetModules(); // a new parse cache, so no engine built under another zone is reused
    return import("./opening-hours.js");
  }

  it("tells open or closed at 9:30 in Paris in winter and in summer", async () => {
    const hours = await freshModule();
    expect(hours.isOpenNow(WEEK, new Date("2025-01-15T08:30:00Z"))).toBe(true);
    expect(hours.isOpenNow(WEEK, new Date("2025-07-15T07:30:00Z"))).toBe(true);
    expect(hours.isOpenNow(WEEK, new Date("2025-01-15T07:30:00Z"))).toBe(false);
    expect(hours.nextChange(WEEK, new Date("2025-01-15T08:30:00Z"))?.toISOString()).toBe("2025-01-15T11:00:00.000Z");
  });

  it("finds the changes of a night slot on both daylight-saving Sundays", async () => {
    const hours = await freshModule();
    const night = "Su 01:00-05:00";
    expect(hours.nextChange(night, new Date("2025-03-29T23:30:00Z"))?.toISOString()).toBe("2025-03-30T00:00:00.000Z");
    expect(hours.nextChange(night, new Date("2025-03-30T00:30:00Z"))?.toISOString()).toBe("2025-03-30T03:00:00.000Z");
    expect(hours.nextChange(night, new Date("2025-10-25T22:30:00Z"))?.toISOString()).toBe("2025-10-25T23:00:00.000Z");
    expect(hours.nextChange(night, new Date("2025-10-26T00:30:00Z"))?.toISOString()).toBe("2025-10-26T04:00:00.000Z");
  });

  it("lists the same week", async () => {
    const hours = await freshModule();
    const week = hours.weekHoursInFrench(WEEK, new Date("2025-04-28T22:30:00Z")); // Tuesday 00:30 in Paris
    expect(week.days.find((day) => day.today)?.weekday).toBe("mardi");
    expect(plain(week.days.find((day) => day.weekday === "jeudi")?.text)).toBe("fermé (jour férié)");
  });
});

describe("opening state beside a tag", () => {
  it.each([
    ["Fermé, ouvre demain à 9\u00a0h", "ouvre demain à 9\u00a0h"],
    ["Ouvert jusqu'à 12\u00a0h", "jusqu'à 12\u00a0h"],
    ["Ouvert 24\u00a0h sur 24", "24\u00a0h sur 24"],
    ["Fermé", ""],
    ["Horaires à confirmer", "Horaires à confirmer"],
  ])("%j → %j", (text, shown) => {
    expect(withoutOpenState(text)).toBe(shown);
  });
});
