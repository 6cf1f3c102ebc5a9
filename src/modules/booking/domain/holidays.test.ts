import { describe, it, expect } from "vitest";
import { frenchHolidays, holidayDatesBetween } from "./holidays.js";

describe("frenchHolidays", () => {
  it("lists the eleven metropolitan holidays of 2027 in date order", () => {
    expect(frenchHolidays(2027, 2027)).toEqual([
      { date: "2027-01-01", name: "Jour de l'an" },
      { date: "2027-03-29", name: "Lundi de Pâques" },
      { date: "2027-05-01", name: "Fête du travail" },
      { date: "2027-05-06", name: "Ascension" },
      { date: "2027-05-08", name: "Victoire des alliés" },
      { date: "2027-05-17", name: "Lundi de Pentecôte" },
      { date: "2027-07-14", name: "Fête Nationale" },
      { date: "2027-08-15", name: "Assomption" },
      { date: "2027-11-01", name: "Toussaint" },
      { date: "2027-11-11", name: "Armistice" },
      { date: "2027-12-25", name: "Noël" },
    ]);
  });

  it("adds Vendredi saint and Saint-Étienne for Alsace-Moselle", () => {
    const alsace = frenchHolidays(2027, 2027, { alsaceMoselle: true });
    expect(alsace).toHaveLength(13);
    expect(alsace).toContainEqual({ date: "2027-03-26", name: "Vendredi Saint" });
    expect(alsace).toContainEqual({ date: "2027-12-26", name: "Saint Étienne" });
  });

  it.each([
    [2024, "2024-04-01"],
    [2025, "2025-04-21"],
    [2026, "2026-04-06"],
    [2038, "2038-04-26"],
  ])("puts Lundi de Pâques %i on %s", (year, date) => {
    const easterMonday = frenchHolidays(year, year).find((h) => h.name === "Lundi de Pâques");
    expect(easterMonday?.date).toBe(date);
  });

  it.each([["Australia/Sydney"], ["America/Santiago"], ["UTC"], ["Pacific/Kiritimati"]])(
    "gives the same dates when the server runs with TZ=%s",
    (timeZone) => {
      const expected = frenchHolidays(2024, 2028).map((h) => h.date);
      const previous = process.env.TZ;
      process.env.TZ = timeZone;
      try {
        expect(frenchHolidays(2024, 2028).map((h) => h.date)).toEqual(expected);
      } finally {
        if (previous === undefined) delete process.env.TZ;
        else process.env.TZ = previous;
      }
    },
  );
});

describe("holidayDatesBetween", () => {
  it("keeps only the holidays inside the window, across a year boundary", () => {
    expect([...holidayDatesBetween("2027-12-20", "2028-01-10")].sort()).toEqual(["2027-12-25", "2028-01-01"]);
  });

  it("includes both ends of the window", () => {
    const dates = holidayDatesBetween("2027-07-14", "2027-08-15");
    expect(dates.has("2027-07-14")).toBe(true);
    expect(dates.has("2027-08-15")).toBe(true);
    expect(dates.size).toBe(2);
  });
});
