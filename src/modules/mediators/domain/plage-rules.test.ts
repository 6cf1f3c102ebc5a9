import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, parisDateOf, parisToInstant } from "../../../lib/paris-time.js";
import { computeSlots } from "../../booking/domain/slots.js";
import { conflictMessage, findPlageConflict, firstCommonDay, parsePlageForm, type ExistingPlage, type PlageInput, type PlageValues } from "./plage-rules.js";

const form = (overrides: Partial<PlageValues> = {}): PlageValues => ({
  placeId: "3",
  weekdays: ["1", "2"],
  startTime: "9:00",
  endTime: "12:00",
  validFrom: "2027-03-01",
  validUntil: "",
  everyNWeeks: "1",
  ...overrides,
});

const plage = (overrides: Partial<ExistingPlage> = {}): ExistingPlage => ({
  id: 1,
  placeName: "Maison France Services",
  placeId: 3,
  weekdays: [2],
  startTime: "09:00",
  endTime: "12:00",
  validFrom: "2027-01-04",
  validUntil: null,
  everyNWeeks: 1,
  ...overrides,
});

describe("parsePlageForm", () => {
  it("reads typed times and dates into the stored forms", () => {
    expect(parsePlageForm(form({ startTime: "9h", endTime: "12 h 30", validUntil: "30/06/2027" }), [3])).toEqual({
      ok: true,
      data: { placeId: 3, weekdays: [1, 2], startTime: "09:00", endTime: "12:30", validFrom: "2027-03-01", validUntil: "2027-06-30", everyNWeeks: 1 },
    });
  });

  it.each([
    ["an end before the start", { startTime: "14:00", endTime: "12:00" }, "endTime", "L'heure de fin doit être après l'heure de début"],
    ["an end equal to the start", { startTime: "14:00", endTime: "14:00" }, "endTime", "L'heure de fin doit être après l'heure de début"],
    ["no weekday", { weekdays: [] }, "weekdays", "Choisissez au moins un jour de la semaine"],
    ["a weekday out of range", { weekdays: ["0", "8"] }, "weekdays", "Choisissez au moins un jour de la semaine"],
    ["a validity ending before it starts", { validUntil: "2027-02-28" }, "validUntil", "La date de fin doit être le même jour que la date de début ou après"],
    ["an impossible date", { validFrom: "2027-02-30" }, "validFrom", "La date de début doit être une date réelle, par exemple 2027-03-01"],
    ["an impossible time", { startTime: "25:00" }, "startTime", "L'heure de début doit être une heure réelle, par exemple 9:00 ou 14:30"],
    ["a place the mediator does not work at", { placeId: "4" }, "placeId", "Choisissez le lieu de la plage"],
    ["every 0 weeks", { everyNWeeks: "0" }, "everyNWeeks", "Saisissez un nombre de semaines entre 1 et 8"],
  ])("refuses %s with a French message", (_, overrides, field, message) => {
    const result = parsePlageForm(form(overrides as Partial<PlageValues>), [3]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toBe(message);
  });

  it("accepts a validity of a single day", () => {
    expect(parsePlageForm(form({ validUntil: "2027-03-01" }), [3]).ok).toBe(true);
  });
});

describe("findPlageConflict", () => {
  const candidate = (overrides: Partial<PlageInput> = {}): PlageInput => ({ placeId: 5, weekdays: [2], startTime: "11:00", endTime: "13:00", validFrom: "2027-03-01", validUntil: null, everyNWeeks: 1, ...overrides });

  it("finds a plage at another place on the same weekday at overlapping hours, and names it", () => {
    const conflict = findPlageConflict(candidate(), [plage()]);
    expect(conflict?.day).toBe("2027-03-02");
    expect(conflictMessage(conflict!)).toBe(
      "Cette plage chevauche celle de Maison France Services (mardi de 9\u00a0h à 12\u00a0h, à partir du lundi 4 janvier 2027), par exemple le mardi 2 mars 2027. Changez les jours, les heures ou les dates.",
    );
  });

  it.each([
    ["touching hours", { startTime: "12:00", endTime: "13:00" }],
    ["another weekday", { weekdays: [3] }],
    ["validity after the other's end", { validFrom: "2027-07-01" }],
  ])("lets through %s", (_, overrides) => {
    expect(findPlageConflict(candidate(overrides), [plage({ validUntil: "2027-06-30" })])).toBeUndefined();
  });

  it("skips the plage being edited", () => {
    expect(findPlageConflict(candidate(), [plage({ id: 9 })], 9)).toBeUndefined();
  });

  it("lets two one-week-in-two plages alternate, and catches them when they fall on the same weeks", () => {
    const other = plage({ everyNWeeks: 2, validFrom: "2027-03-01" });
    expect(findPlageConflict(candidate({ everyNWeeks: 2, validFrom: "2027-03-08" }), [other])).toBeUndefined();
    expect(findPlageConflict(candidate({ everyNWeeks: 2, validFrom: "2027-03-15" }), [other])?.day).toBe("2027-03-16");
  });
});

describe("firstCommonDay agrees with the slots booking computes", () => {
  const openDays = (p: PlageInput, from: string, days: number): string[] => {
    const slots = computeSlots({
      now: parisToInstant(from, "00:00"),
      motif: { durationMinutes: 60, minNoticeMinutes: 0, horizonDays: days + 2 },
      placeId: "p",
      from,
      to: addDays(from, days),
      plages: [{ ...p, mediatorId: "m", placeId: "p" }],
    });
    return [...new Set(slots.map((s) => parisDateOf(s.start)))];
  };
  const arbitraryPlage = fc.record({
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
    fromOffset: fc.integer({ min: 0, max: 60 }),
    length: fc.option(fc.integer({ min: 0, max: 200 })),
    everyNWeeks: fc.integer({ min: 1, max: 4 }),
  });

  it("returns the first date both plages open on, or nothing when there is none", () => {
    const origin = "2027-01-04";
    fc.assert(
      fc.property(arbitraryPlage, arbitraryPlage, (x, y) => {
        const build = (g: typeof x): PlageInput => {
          const validFrom = addDays(origin, g.fromOffset);
          return { placeId: 1, weekdays: g.weekdays, startTime: "09:00", endTime: "10:00", validFrom, validUntil: g.length === null ? null : addDays(validFrom, g.length), everyNWeeks: g.everyNWeeks };
        };
        const [a, b] = [build(x), build(y)];
        const daysOfB = new Set(openDays(b, origin, 400));
        const expected = openDays(a, origin, 400).find((d) => daysOfB.has(d));
        expect(firstCommonDay(a, b)).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});
