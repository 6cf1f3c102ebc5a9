import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS, gini, LEVER_KEYS, lorenz, planAllocation, type PlannerParams, type PlannerUnit } from "./planner.js";

const unit = (code: string, population: number, fragility: number | null, hasPlace = true): PlannerUnit => ({ code, name: `Commune ${code}`, population, fragility, hasPlace });

const unitsArb = fc.array(
  fc.record({ population: fc.integer({ min: 50, max: 20_000 }), fragility: fc.option(fc.double({ min: 1, max: 10, noNaN: true }), { nil: null }), hasPlace: fc.boolean() }),
  { minLength: 1, maxLength: 8 },
).map((rows) => rows.map((r, i) => unit(String(79000 + i), r.population, r.fragility, r.hasPlace)));

const paramsArb = fc.record({
  budget: fc.integer({ min: 0, max: 60 }).map((n) => n * 1000),
  alpha: fc.constantFrom(0, 0.5, 1, 2),
  coupling: fc.constantFrom(null, 0.5, 1),
  mediation: fc.boolean(),
}).map(({ budget, alpha, coupling, mediation }): PlannerParams => ({ ...DEFAULT_PARAMS, budget, equityAlpha: alpha, coupling, levers: { ...DEFAULT_PARAMS.levers, mediation: { ...DEFAULT_PARAMS.levers.mediation, enabled: mediation } } }));

describe("allocation planner", () => {
  it("never exceeds the budget, gives nothing below a threshold when optimising, keeps the coupling, and beats the other strategies", () => {
    fc.assert(
      fc.property(unitsArb, paramsArb, (units, params) => {
        const plan = planAllocation(units, params);
        for (const strategy of Object.values(plan)) expect(strategy.spent).toBeLessThanOrEqual(params.budget);
        for (const key of ["optimise", "concentration"] as const) {
          for (const u of plan[key].units) {
            for (const k of LEVER_KEYS) {
              const euros = u.allocation[k];
              if (euros > 0) expect(euros / params.levers[k].unitCost).toBeGreaterThanOrEqual(params.levers[k].threshold - 1e-9);
            }
            if (params.coupling !== null) expect(u.allocation.formation).toBeGreaterThanOrEqual(params.coupling * u.allocation.equipement - 1e-9);
          }
        }
        expect(plan.optimise.weightedBenefit).toBeGreaterThanOrEqual(plan.saupoudrage.weightedBenefit - 1e-9);
        expect(plan.optimise.weightedBenefit).toBeGreaterThanOrEqual(plan.concentration.weightedBenefit - 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it("spreading thin leaves every commune under its thresholds, the optimum reaches some", () => {
    const units = Array.from({ length: 38 }, (_, i) => unit(String(79001 + i), 800 + i * 50, 1 + (i % 10)));
    const plan = planAllocation(units, { ...DEFAULT_PARAMS, budget: 76_000 });
    // 2,000 € each: 667 € of equipment (1 device), 667 € of training, 667 € of mediation — all below threshold.
    expect(plan.saupoudrage.reached).toBe(0);
    expect(plan.saupoudrage.benefit).toBe(0);
    expect(plan.optimise.reached).toBeGreaterThan(0);
    expect(plan.optimise.benefit).toBeGreaterThan(0);
    expect(plan.optimise.log.every((entry) => entry.aboveThreshold)).toBe(true);
    expect(plan.saupoudrage.log[0]?.reason).toContain("sous le seuil");
  });

  it("gives mediator hours only where a place exists", () => {
    const plan = planAllocation([unit("a", 5000, 5, false), unit("b", 5000, 5, true)], { ...DEFAULT_PARAMS, budget: 40_000 });
    expect(plan.optimise.units[0]!.allocation.mediation).toBe(0);
  });

  it("computes the Gini coefficient and Lorenz curve by their formulas", () => {
    expect(gini([1, 1, 1, 1])).toBe(0);
    expect(gini([0, 0, 0, 4])).toBeCloseTo(0.75, 12);
    expect(gini([1, 2, 3])).toBeCloseTo((-2 * 1 + 0 * 2 + 2 * 3) / (9 * 2), 12);
    expect(lorenz([3, 1])).toEqual([{ x: 0, y: 0 }, { x: 0.5, y: 0.25 }, { x: 1, y: 1 }]);
  });
});
