import { describe, expect, it } from "vitest";
import { MIN_PUBLIC_COUNT, OTHERS_KEY, publicReport } from "./public-statistics.js";
import type { Figures, StatisticsReport } from "./statistics.js";

const figures = (accompaniments: number, appointments = 0): Figures => ({
  appointments,
  appointmentsByStatus: { a_venir: 0, honore: appointments, absent: 0, annule_personne: 0, annule_service: 0 },
  noShowRate: appointments > 0 ? 0 : null,
  records: accompaniments,
  individual: accompaniments,
  workshops: 0,
  workshopParticipants: 0,
  accompaniments,
  thematiques: [],
  sousThematiques: [],
  durations: [],
  autonomy: [],
  communes: [],
  firstVisit: { yes: 0, no: 0, unknown: 0, share: null },
});

const report: StatisticsReport = {
  figures: { ...figures(40), communes: [{ key: "79202", count: 30 }, { key: "79240", count: 3 }, { key: "79001", count: 1 }, { key: "", count: 6 }] },
  months: [],
  byPlace: [
    { key: "1", figures: figures(30, 12) },
    { key: "2", figures: figures(7, 2) },
    { key: "3", figures: figures(3, 1) },
  ],
  byMediator: [{ key: "9", figures: figures(40) }],
  byCommune: [{ key: "79240", figures: figures(3) }],
};

describe("public statistics", () => {
  const shown = publicReport(report, { publishedPlaceIds: new Set([1, 3]) });

  it("merges communes of residence with fewer than 5 people into one unnamed cell, totals unchanged", () => {
    expect(MIN_PUBLIC_COUNT).toBe(5);
    expect(shown.figures.communes).toEqual([{ key: "79202", count: 30 }, { key: "", count: 6 }, { key: OTHERS_KEY, count: 4 }]);
    expect(shown.figures.communes.reduce((s, c) => s + c.count, 0)).toBe(40);
  });

  it("names published places with at least 5 people only; the others are one row, summed", () => {
    expect(shown.byPlace.map((g) => [g.key, g.figures.accompaniments, g.figures.appointments])).toEqual([
      ["1", 30, 12],
      [OTHERS_KEY, 10, 3],
    ]);
  });

  it("drops what a public page never shows: mediators and per-commune groups", () => {
    expect(shown.byMediator).toEqual([]);
    expect(shown.byCommune).toEqual([]);
  });
});
