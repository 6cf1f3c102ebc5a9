import { describe, it, expect } from "vitest";
import { computeIndicators, INDICATORS, NATIONAL_REFERENCE_2018_2019, type IndicatorSchool } from "./indicators.js";

const schoolA: IndicatorSchool = {
  schoolId: "a",
  communeCode: "79001",
  pupils: 50,
  fibre: true,
  classes: [{ id: "c1" }, { id: "c2" }],
  items: [
    { id: "1", category: "ordinateur_eleve", state: "en_service", classId: null, acquisitionDate: "2020-01-01" }, // EoL 2025-01-01: reached
    { id: "2", category: "ordinateur_eleve", state: "en_service", classId: null, acquisitionDate: "2020-01-01" },
    { id: "3", category: "ordinateur_portable_enseignant", state: "en_reparation", classId: "c1", acquisitionDate: "2023-01-01" },
    { id: "4", category: "ordinateur_direction", state: "en_panne", classId: null, acquisitionDate: "2015-01-01" }, // not counted, but aged
    ...["5", "6", "7", "8", "9"].map((id) => ({ id, category: "tablette" as const, state: "en_service" as const, classId: null })),
    { id: "10", category: "ecran_interactif", state: "en_service", classId: "c1", acquisitionDate: "2024-01-01" },
    { id: "11", category: "videoprojecteur", state: "en_service", classId: "c2", acquisitionDate: "2022-01-01" },
    { id: "12", category: "videoprojecteur_interactif", state: "reforme", classId: "c2", acquisitionDate: "2005-01-01" },
  ],
};
const schoolB: IndicatorSchool = {
  schoolId: "b",
  communeCode: "79002",
  pupils: null,
  fibre: false,
  classes: [{ id: "k1" }],
  items: [{ id: "20", category: "ecran_interactif", state: "en_service", classId: "k1" }],
};
const schoolC: IndicatorSchool = { schoolId: "c", communeCode: "79001", pupils: 50, fibre: null, classes: [{ id: "m1" }, { id: "m2" }], items: [] };

const report = computeIndicators([schoolB, schoolA, schoolC], "2025-01-01");

describe("computeIndicators", () => {
  it("computes a school's indicators by hand-checked counts", () => {
    const a = report.bySchool.find((s) => s.schoolId === "a")!.values;
    expect(a.computersPer100Pupils).toBe(6); // 3 counted computers, tablets apart
    expect(a.tabletsPer100Pupils).toBe(10);
    expect(a.interactiveDisplaysPerClass).toBe(0.5); // the retired interactive projector does not count
    expect(a.interactiveDisplaysPer1000Pupils).toBe(20);
    expect(a.videoProjectorsPer1000Pupils).toBe(20);
    expect(a.shareClassesWithDisplay).toBe(1);
    expect(a.shareItemsPastEndOfLife).toBe(3 / 6); // two pupil computers and the broken head-teacher one
    // ages in days: 1827 ×2, 731, 3653, 366, 1096 → 9500 days over 6 items
    expect(a.averageAgeYears).toBeCloseTo(9500 / 6 / 365.25, 10);
    expect(a.shareSchoolsWithFibre).toBe(1);
  });

  it("leaves unknown pupils and fibre out of the ratios that need them", () => {
    const b = report.bySchool.find((s) => s.schoolId === "b")!.values;
    expect(b.computersPer100Pupils).toBeNull();
    expect(b.shareClassesWithDisplay).toBe(1);
    expect(b.shareItemsPastEndOfLife).toBeNull();
    expect(b.averageAgeYears).toBeNull();
    expect(b.shareSchoolsWithFibre).toBe(0);
    expect(report.bySchool.find((s) => s.schoolId === "c")!.values.shareSchoolsWithFibre).toBeNull();
  });

  it("aggregates communes as Σ numerators / Σ denominators, sorted by INSEE code", () => {
    expect(report.byCommune.map((c) => c.communeCode)).toEqual(["79001", "79002"]);
    const commune = report.byCommune[0]!;
    expect(commune.counts.schools).toBe(2);
    expect(commune.values.computersPer100Pupils).toBe(3); // 3 computers for 100 pupils
    expect(commune.values.shareClassesWithDisplay).toBe(0.5); // 2 of 4 classes
    expect(commune.values.shareSchoolsWithFibre).toBe(1); // school c unknown
  });

  it("aggregates the territory over every school", () => {
    const t = report.territory.values;
    expect(report.territory.counts.schools).toBe(3);
    expect(t.shareSchoolsWithFibre).toBe(0.5);
    expect(t.shareClassesWithDisplay).toBe(3 / 5);
    expect(t.interactiveDisplaysPerClass).toBe(2 / 5);
    expect(t.computersPer100Pupils).toBe(3);
  });

  it("rejects an invalid date", () => {
    expect(() => computeIndicators([], "01/01/2025")).toThrow("date de calcul invalide");
  });
});

describe("national reference figures", () => {
  it("keeps the 2018-2019 figures of REFERENCE.md §4", () => {
    const computers = NATIONAL_REFERENCE_2018_2019.figures.find((f) => f.indicator === "computersPer100Pupils");
    expect([computers?.maternelle, computers?.elementaire, computers?.ensemble]).toEqual([6.3, 14.4, 11.9]);
    const boards = NATIONAL_REFERENCE_2018_2019.figures.find((f) => f.indicator === "interactiveDisplaysPer1000Pupils");
    expect(boards?.ensemble).toBe(13.0);
    expect(NATIONAL_REFERENCE_2018_2019.figures).toHaveLength(6);
  });

  it("ties each comparable figure to an indicator computed here", () => {
    for (const figure of NATIONAL_REFERENCE_2018_2019.figures) {
      if (figure.indicator !== null) expect(Object.keys(INDICATORS)).toContain(figure.indicator);
    }
  });
});
