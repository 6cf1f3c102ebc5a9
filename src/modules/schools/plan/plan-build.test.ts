import { describe, expect, it } from "vitest";
import { buildPlan, MIN_PLAN_YEARS, type PlanSchool } from "../domain/plan.js";
import { buildScenarioPlan, effectiveRules } from "./plan-build.js";

const schools: PlanSchool[] = [
  {
    schoolId: "s1",
    communeCode: "79001",
    classes: [{ id: "c1" }, { id: "c2" }],
    items: [
      { id: "e1", category: "ecran_interactif", state: "en_service", classId: "c1", acquisitionDate: "2019-09-01" },
      { id: "e2", category: "videoprojecteur", state: "en_panne", classId: "c2", acquisitionDate: "2021-01-01" },
      { id: "t1", category: "tablette", state: "en_service", classId: null, acquisitionDate: "2023-06-01" },
    ],
  },
  { schoolId: "s2", communeCode: "79002", classes: [{ id: "k1" }], items: [] },
];
const prices = { ecran_interactif: 300_000, videoprojecteur: 70_000, tablette: 40_000, ordinateur_portable_enseignant: 80_000 };
const cofunding = [{ programme: "TNE", rate: 0.5, capCents: 200_000, eligibleCategories: ["ecran_interactif" as const, "tablette" as const], years: [] }];

describe("scenario plans", () => {
  it("applies a rule with no years to every year of the plan", () => {
    expect(effectiveRules(cofunding, 2027, 3)[0]!.years).toEqual([2027, 2028, 2029]);
  });

  it("builds a 2-year plan equal to the first two years of the 3-year plan", () => {
    expect(MIN_PLAN_YEARS).toBeGreaterThanOrEqual(2);
    const two = buildScenarioPlan(schools, { startYear: 2027, years: 2, prices, cofunding });
    const three = buildPlan(schools, { startYear: 2027, years: 3, prices, cofunding: effectiveRules(cofunding, 2027, 3) });
    expect(two.years).toEqual([2027, 2028]);
    expect(two.byYear).toEqual(three.byYear.slice(0, 2));
    expect(two.lines).toEqual(three.lines.filter((l) => l.year <= 2028));
    expect(two.total.netCents).toBe(three.byYear[0]!.netCents + three.byYear[1]!.netCents);
  });

  it("refuses to spread gaps over fewer years than the domain allows, and plans outside 2 to 6 years", () => {
    if (MIN_PLAN_YEARS > 2) expect(() => buildScenarioPlan(schools, { startYear: 2027, years: 2, prices, gapSchedule: "spread" })).toThrow(RangeError);
    expect(() => buildScenarioPlan(schools, { startYear: 2027, years: 7, prices })).toThrow(RangeError);
  });
});
