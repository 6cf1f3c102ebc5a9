import { describe, expect, it } from "vitest";
import { defaultPeriod, parseFilters, queryString } from "./filters.js";

const choices = { today: "2027-03-02", communes: ["79202"], placeIds: [4], mediatorIds: [9] };

describe("defaultPeriod", () => {
  it.each([
    ["2027-03-02", "2026-04-01"],
    ["2027-12-31", "2027-01-01"],
    ["2027-01-15", "2026-02-01"],
  ])("on %s starts on %s", (today, from) => {
    expect(defaultPeriod(today)).toEqual({ from, to: today });
  });
});

describe("parseFilters", () => {
  it("uses the last 12 months when nothing is chosen", () => {
    const parsed = parseFilters({}, choices);
    expect([parsed.filters, parsed.chosen, parsed.errors]).toEqual([{ from: "2026-04-01", to: "2027-03-02", placeId: null, mediatorId: null }, {}, {}]);
  });

  it("keeps valid choices and reports wrong ones in French without failing", () => {
    const parsed = parseFilters({ du: "2027-01-01", au: "2027-01-31", commune: "75056", lieu: "4", mediateur: "abc" }, choices);
    expect(parsed.filters).toEqual({ from: "2027-01-01", to: "2027-01-31", placeId: 4, mediatorId: null });
    expect(parsed.chosen).toEqual({ du: "2027-01-01", au: "2027-01-31", lieu: "4" });
    expect(parsed.errors).toEqual({ commune: "Choisissez une commune de la liste", mediateur: "Choisissez une personne de la liste" });
  });

  it("refuses an end before the start and falls back to the default period", () => {
    const parsed = parseFilters({ du: "2027-02-01", au: "2027-01-01" }, choices);
    expect(parsed.errors).toEqual({ au: "La date de fin doit être après la date de début" });
    expect(parsed.filters.from).toBe("2026-04-01");
  });

  it("runs an open period up to today, or the 12 months before a given end", () => {
    expect(parseFilters({ du: "2027-01-10" }, choices).filters).toMatchObject({ from: "2027-01-10", to: "2027-03-02" });
    expect(parseFilters({ au: "2026-06-30" }, choices).filters).toMatchObject({ from: "2025-07-01", to: "2026-06-30" });
  });

  it("builds links from the chosen filters only", () => {
    expect(queryString({ du: "2027-01-01", lieu: "4" }, { format: "csv" })).toBe("?du=2027-01-01&lieu=4&format=csv");
    expect(queryString({})).toBe("");
  });
});
