import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { DEFAULT_LIFETIME_YEARS, EQUIPMENT_CATEGORIES, ITEM_STATES } from "./categories.js";
import { buildPlan, checkPlanSettings, comparePlans, type CofundingRule, type PlanSchool, type PlanSettings, type UnitPriceCatalogue } from "./plan.js";

const prices: UnitPriceCatalogue = {
  ecran_interactif: 300_000,
  videoprojecteur: 70_000,
  ordinateur_portable_enseignant: 80_000,
  ordinateur_direction: 90_000,
  tablette: 40_000,
  imprimante_reseau: 50_000,
  point_acces_wifi: 30_000,
};

const rules: CofundingRule[] = [
  {
    programme: "Socle numérique",
    rate: 0.7,
    capCents: 500_000,
    eligibleCategories: ["ecran_interactif", "videoprojecteur", "ordinateur_portable_enseignant", "tablette", "point_acces_wifi"],
    years: [2025],
  },
  { programme: "TNE", rate: 0.5, capCents: null, eligibleCategories: ["ordinateur_direction", "ecran_interactif"], years: [2026, 2027] },
];

// Two classes, all elements met except mobiles (0/12) and wifi (retired access point).
const s1: PlanSchool = {
  schoolId: "s1",
  communeCode: "79001",
  classes: [{ id: "c1" }, { id: "c2" }],
  items: [
    { id: "e1", category: "ecran_interactif", state: "en_service", classId: "c1", acquisitionDate: "2018-09-01" }, // EoL 2026
    { id: "e2", category: "videoprojecteur", state: "en_panne", classId: "c2", acquisitionDate: "2020-01-01" }, // replaced 2025, not a gap
    { id: "l1", category: "ordinateur_portable_enseignant", state: "en_service", classId: "c1", acquisitionDate: "2023-01-10" }, // EoL 2028
    { id: "l2", category: "ordinateur_portable_enseignant", state: "en_service", classId: "c2", acquisitionDate: "2019-05-01" }, // overdue → 2025
    { id: "d1", category: "ordinateur_direction", state: "en_reparation", classId: null, acquisitionDate: "2022-03-01" }, // EoL 2027
    { id: "p1", category: "imprimante_reseau", state: "en_service", classId: null, endOfLife: "2030-01-01" },
    { id: "w1", category: "point_acces_wifi", state: "reforme", classId: null, acquisitionDate: "2010-01-01" },
    { id: "x1", category: "autre", state: "en_service", classId: null },
  ],
};

// One class, one tablet at end of life in 2025, everything else missing.
const s2: PlanSchool = {
  schoolId: "s2",
  communeCode: "79002",
  classes: [{ id: "k1" }],
  items: [{ id: "t1", category: "tablette", state: "en_service", classId: null, acquisitionDate: "2021-06-01" }],
};

const settings: PlanSettings = { startYear: 2025, years: 3, prices, cofunding: rules };

describe("buildPlan", () => {
  const plan = buildPlan([s1, s2], settings);
  const summary = (year: number, schoolId: string) =>
    plan.lines
      .filter((l) => l.year === year && l.schoolId === schoolId)
      .map((l) => `${l.reason} ${l.category} ×${l.quantity} = ${l.amountCents}`)
      .sort();

  it("buys gaps, broken items and overdue renewals in year 1", () => {
    expect(summary(2025, "s1")).toEqual([
      "manque point_acces_wifi ×1 = 30000",
      "manque tablette ×12 = 480000",
      "panne videoprojecteur ×1 = 70000",
      "renouvellement ordinateur_portable_enseignant ×1 = 80000",
    ]);
    expect(summary(2025, "s2")).toEqual([
      "manque ecran_interactif ×1 = 300000",
      "manque imprimante_reseau ×1 = 50000",
      "manque ordinateur_direction ×1 = 90000",
      "manque ordinateur_portable_enseignant ×1 = 80000",
      "manque point_acces_wifi ×1 = 30000",
      "manque tablette ×11 = 440000",
      "renouvellement tablette ×1 = 40000",
    ]);
  });

  it("renews items in the year their end of life falls", () => {
    expect(summary(2026, "s1")).toEqual(["renouvellement ecran_interactif ×1 = 300000"]);
    expect(summary(2027, "s1")).toEqual(["renouvellement ordinateur_direction ×1 = 90000"]);
    expect(summary(2026, "s2")).toEqual([]);
  });

  it("applies each programme per commune and year, within its cap", () => {
    expect(plan.projects).toEqual(
      expect.arrayContaining([
        { year: 2025, communeCode: "79001", programme: "Socle numérique", eligibleCents: 660_000, cofundingCents: 462_000 },
        { year: 2025, communeCode: "79002", programme: "Socle numérique", eligibleCents: 890_000, cofundingCents: 500_000 },
        { year: 2026, communeCode: "79001", programme: "TNE", eligibleCents: 300_000, cofundingCents: 150_000 },
        { year: 2027, communeCode: "79001", programme: "TNE", eligibleCents: 90_000, cofundingCents: 45_000 },
      ]),
    );
    expect(plan.projects).toHaveLength(4);
  });

  it("gives gross, co-funding and net per commune and per year", () => {
    expect(plan.byCommuneYear.find((c) => c.communeCode === "79002" && c.year === 2025)).toEqual({
      communeCode: "79002", year: 2025, grossCents: 1_030_000, cofundingCents: 500_000, netCents: 530_000,
    });
    expect(plan.byYear).toEqual([
      { year: 2025, grossCents: 1_690_000, cofundingCents: 962_000, netCents: 728_000 },
      { year: 2026, grossCents: 300_000, cofundingCents: 150_000, netCents: 150_000 },
      { year: 2027, grossCents: 90_000, cofundingCents: 45_000, netCents: 45_000 },
    ]);
    expect(plan.total).toEqual({ grossCents: 2_080_000, cofundingCents: 1_157_000, netCents: 923_000 });
  });

  it("lists items it cannot schedule and categories it cannot price", () => {
    expect(plan.undatedItemIds).toEqual(["x1"]);
    expect(plan.unpricedCategories).toEqual([]);
    const { videoprojecteur: _, ...withoutProjector } = prices;
    expect(buildPlan([s1], { ...settings, prices: withoutProjector }).unpricedCategories).toEqual(["videoprojecteur"]);
  });

  it("renews again what the plan buys when its lifetime ends within the plan", () => {
    const short = buildPlan([s2], { ...settings, cofunding: [], lifetimes: { ...DEFAULT_LIFETIME_YEARS, tablette: 2 } });
    const tablets2027 = short.lines.filter((l) => l.year === 2027 && l.category === "tablette");
    expect(tablets2027.map((l) => [l.reason, l.quantity])).toEqual([["renouvellement", 12]]);
  });

  it("spreads schools with gaps over the years, least compliant first", () => {
    const full = (id: string): PlanSchool => ({ ...s2, schoolId: id, items: [] });
    const almost: PlanSchool = { ...s1, schoolId: "s1" };
    const spread = buildPlan([almost, full("s3"), full("s2")], { ...settings, gapSchedule: "spread" });
    const gapYear = (id: string) => [...new Set(spread.lines.filter((l) => l.schoolId === id && l.reason === "manque").map((l) => l.year))];
    expect([gapYear("s2"), gapYear("s3"), gapYear("s1")]).toEqual([[2025], [2026], [2027]]);
  });

  it("refuses a plan shorter than 3 or longer than 6 years and a rate above 100 %", () => {
    expect(checkPlanSettings({ ...settings, years: 2 })).toEqual(["la durée du plan doit être de 3 à 6 ans"]);
    expect(checkPlanSettings({ ...settings, years: 6 })).toEqual([]);
    expect(() => buildPlan([], { ...settings, years: 7 })).toThrow("la durée du plan doit être de 3 à 6 ans");
    expect(checkPlanSettings({ ...settings, cofunding: [{ ...rules[0]!, rate: 1.2 }] })).toEqual([
      "programme « Socle numérique » : taux entre 0 et 1 attendu",
    ]);
  });

  it("compares two scenarios year by year", () => {
    const other = buildPlan([s1, s2], { ...settings, cofunding: [] });
    expect(comparePlans(plan, other)[0]).toEqual({ year: 2025, grossA: 1_690_000, grossB: 1_690_000, netA: 728_000, netB: 1_690_000, netDelta: 962_000 });
  });
});

describe("plan properties", () => {
  const arbItem = fc.record({
    id: fc.uuid(),
    category: fc.constantFrom(...EQUIPMENT_CATEGORIES),
    state: fc.constantFrom(...ITEM_STATES),
    classId: fc.option(fc.constantFrom("c1", "c2", "c3"), { nil: null }),
    acquisitionDate: fc.option(fc.integer({ min: 2010, max: 2027 }).map((y) => `${y}-06-15`), { nil: null }),
  });
  const arbSchool = fc.record({
    schoolId: fc.uuid(),
    communeCode: fc.constantFrom("79001", "79002", "79003"),
    classes: fc.subarray([{ id: "c1" }, { id: "c2" }, { id: "c3" }]),
    items: fc.array(arbItem, { maxLength: 25 }),
  });
  const arbRule = fc.record({
    programme: fc.constantFrom("A", "B"),
    rate: fc.double({ min: 0, max: 1, noNaN: true }),
    capCents: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
    eligibleCategories: fc.subarray([...EQUIPMENT_CATEGORIES]),
    years: fc.subarray([2025, 2026, 2027, 2028, 2029, 2030]),
  });
  const arbPrices = fc.dictionary(fc.constantFrom(...EQUIPMENT_CATEGORIES), fc.integer({ min: 0, max: 500_000 }));

  it("preserves totals and never makes a net cost negative", () => {
    fc.assert(
      fc.property(
        fc.array(arbSchool, { maxLength: 6 }),
        fc.array(arbRule, { maxLength: 3 }),
        arbPrices,
        fc.integer({ min: 3, max: 6 }),
        fc.constantFrom<"first_year" | "spread">("first_year", "spread"),
        (schools, cofunding, catalogue, years, gapSchedule) => {
          const plan = buildPlan(schools, { startYear: 2025, years, prices: catalogue, cofunding, gapSchedule });
          for (const y of plan.byYear) {
            const lines = plan.lines.filter((l) => l.year === y.year).reduce((s, l) => s + l.amountCents, 0);
            const cells = plan.byCommuneYear.filter((c) => c.year === y.year);
            expect(y.grossCents).toBe(lines);
            expect(y.netCents).toBe(cells.reduce((s, c) => s + c.netCents, 0));
            expect(y.netCents).toBe(y.grossCents - y.cofundingCents);
            expect(y.netCents).toBeGreaterThanOrEqual(0);
          }
          for (const l of plan.lines) expect(plan.years).toContain(l.year);
          for (const p of plan.projects) {
            expect(p.cofundingCents).toBeLessThanOrEqual(p.eligibleCents);
            expect(p.cofundingCents).toBeGreaterThanOrEqual(0);
          }
          expect(plan.total.grossCents).toBe(plan.lines.reduce((s, l) => s + l.amountCents, 0));
        },
      ),
      { numRuns: 200 },
    );
  });
});
