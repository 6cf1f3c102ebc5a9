import { describe, expect, it } from "vitest";
import { exceptionalConflict, parseAbsenceForm, parseExceptionalForm, weeklyConflictOn, type AbsenceValues } from "./availability-rules.js";
import { parseDateInput, parseTimeInput } from "./time-input.js";

const absence = (overrides: Partial<AbsenceValues> = {}): AbsenceValues => ({ absFromDate: "", absFromTime: "", absToDate: "", absToTime: "", absReason: "", ...overrides });

describe("typed dates and times", () => {
  it.each([
    ["9:00", "09:00"],
    ["09:30", "09:30"],
    ["9h", "09:00"],
    ["14 h 30", "14:30"],
    ["14.15", "14:15"],
    ["14", "14:00"],
    ["24:00", undefined],
    ["9:75", undefined],
    ["midi", undefined],
  ])("reads the time %s as %s", (typed, expected) => {
    expect(parseTimeInput(typed)).toBe(expected);
  });

  it.each([
    ["2027-03-02", "2027-03-02"],
    ["2/3/2027", "2027-03-02"],
    ["29/02/2027", undefined],
    ["2027-13-01", undefined],
    ["demain", undefined],
  ])("reads the date %s as %s", (typed, expected) => {
    expect(parseDateInput(typed)).toBe(expected);
  });
});

describe("parseAbsenceForm", () => {
  it("turns Paris wall times into UTC instants across the spring daylight-saving change", () => {
    const result = parseAbsenceForm(absence({ absFromDate: "2027-03-27", absFromTime: "10:00", absToDate: "2027-03-29", absToTime: "10:00" }));
    expect(result.ok && result.data.startsAt.toISOString()).toBe("2027-03-27T09:00:00.000Z");
    expect(result.ok && result.data.endsAt.toISOString()).toBe("2027-03-29T08:00:00.000Z");
  });

  it("takes a day without times as the whole Paris day, 23 hours long on the spring change", () => {
    const result = parseAbsenceForm(absence({ absFromDate: "2027-03-28" }));
    expect(result.ok && [result.data.startsAt.toISOString(), result.data.endsAt.toISOString()]).toEqual(["2027-03-27T23:00:00.000Z", "2027-03-28T22:00:00.000Z"]);
  });

  it("refuses an end before the start, and a missing first day", () => {
    expect(parseAbsenceForm(absence({ absFromDate: "2027-03-10", absFromTime: "14:00", absToTime: "10:00" }))).toEqual({ ok: false, errors: { absToDate: "La fin de l'absence doit être après son début" } });
    expect(parseAbsenceForm(absence())).toEqual({ ok: false, errors: { absFromDate: "Saisissez le premier jour de l'absence" } });
  });
});

describe("one-off openings", () => {
  it("refuses an end before the start and a place the mediator does not work at", () => {
    const result = parseExceptionalForm({ exDay: "2027-03-15", exPlaceId: "9", exStart: "14:00", exEnd: "13:00" }, [3]);
    expect(result).toEqual({ ok: false, errors: { exPlaceId: "Choisissez le lieu de l'ouverture", exEnd: "L'heure de fin doit être après l'heure de début" } });
  });

  it("names an opening the same day at overlapping hours", () => {
    const existing = [{ day: "2027-03-15", placeId: 3, placeName: "Médiathèque", startTime: "09:00", endTime: "12:00" }];
    expect(exceptionalConflict({ day: "2027-03-15", placeId: 3, startTime: "11:00", endTime: "13:00" }, existing)).toBe("Une ouverture existe déjà ce jour-là de 9\u00a0h à 12\u00a0h à Médiathèque");
    expect(exceptionalConflict({ day: "2027-03-16", placeId: 3, startTime: "11:00", endTime: "13:00" }, existing)).toBeUndefined();
  });

  it("names a weekly plage already open that day at overlapping hours", () => {
    const weekly = [{ id: 1, placeId: 3, placeName: "Mairie", weekdays: [1], startTime: "09:00", endTime: "12:00", validFrom: "2027-03-01", validUntil: null, everyNWeeks: 2 }];
    expect(weeklyConflictOn({ day: "2027-03-15", placeId: 3, startTime: "11:00", endTime: "13:00" }, weekly)).toBe("Ce jour-là, la personne reçoit déjà de 9\u00a0h à 12\u00a0h à Mairie (plage de chaque semaine)");
    expect(weeklyConflictOn({ day: "2027-03-08", placeId: 3, startTime: "11:00", endTime: "13:00" }, weekly)).toBeUndefined();
    expect(weeklyConflictOn({ day: "2027-03-15", placeId: 3, startTime: "12:00", endTime: "13:00" }, weekly)).toBeUndefined();
  });
});
