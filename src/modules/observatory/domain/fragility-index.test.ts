import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkWeights, compareVersions, computeIndex, DEFAULT_WEIGHTS, meanRank, scoreOfRank } from "./fragility-index.js";

describe("fragility index", () => {
  it("ranks with ties at their mean rank and scores 1 + 9·(r − 1)/(n − 1)", () => {
    const sorted = [0.1, 0.2, 0.2, 0.5];
    expect(meanRank(sorted, 0.1)).toBe(1);
    expect(meanRank(sorted, 0.2)).toBe(2.5);
    expect(meanRank(sorted, 0.5)).toBe(4);
    expect(scoreOfRank(1, 4)).toBe(1);
    expect(scoreOfRank(4, 4)).toBe(10);
    expect(scoreOfRank(2.5, 4)).toBe(5.5);
  });

  it("combines scores with the weights and explains each commune by its largest contribution", () => {
    const units = [
      { code: "a", values: { part_65_plus: 0.4, taux_pauvrete: 0.1 } },
      { code: "b", values: { part_65_plus: 0.2, taux_pauvrete: 0.2 } },
      { code: "c", values: { part_65_plus: 0.3, taux_pauvrete: 0.3 } },
    ];
    const [a, b, c] = computeIndex(units, { part_65_plus: 0.75, taux_pauvrete: 0.25 });
    expect(a!.index).toBeCloseTo(0.75 * 10 + 0.25 * 1, 12);
    expect(b!.index).toBeCloseTo(0.75 * 1 + 0.25 * 5.5, 12);
    expect(c!.index).toBeCloseTo(0.75 * 5.5 + 0.25 * 10, 12);
    expect(a!.contributions[0]).toMatchObject({ key: "part_65_plus", rank: 3, of: 3, score: 10 });
  });

  it("ranks against a named reference set when it is not the scored communes themselves", () => {
    const reference = [0.1, 0.2, 0.3, 0.4, 0.5].map((v, i) => ({ code: `r${i}`, values: { part_65_plus: v } }));
    const [a, b] = computeIndex([{ code: "a", values: { part_65_plus: 0.3 } }, { code: "b", values: { part_65_plus: 0.45 } }], { part_65_plus: 1 }, reference);
    expect(a!.contributions[0]).toMatchObject({ rank: 3, of: 5, score: 5.5 });
    // 0.45 falls between the 4th and 5th reference values: rank 4.5.
    expect(b!.contributions[0]).toMatchObject({ rank: 4.5, of: 5 });
    expect(b!.index).toBeCloseTo(1 + (9 * 3.5) / 4, 12);
  });

  it("gives the same scores whether the communes are their own reference set or passed as one", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), (values) => {
        const units = values.map((v, i) => ({ code: String(i), values: { part_65_plus: v / 20 } }));
        const own = computeIndex(units, { part_65_plus: 1 });
        const named = computeIndex(units, { part_65_plus: 1 }, [...units]);
        return own.every((s, i) => Math.abs(s.index! - named[i]!.index!) < 1e-12);
      }),
    );
  });

  it("renormalises the weights of a commune missing a criterion and flags it", () => {
    const units = [
      { code: "a", values: { part_65_plus: 0.4, taux_pauvrete: null } },
      { code: "b", values: { part_65_plus: 0.2, taux_pauvrete: 0.2 } },
    ];
    const [a] = computeIndex(units, DEFAULT_WEIGHTS);
    expect(a!.missing).toEqual(["non_couverture_thd", "part_peu_diplomes", "taux_pauvrete", "part_menages_1_personne"]);
    expect(a!.contributions).toHaveLength(1);
    expect(a!.contributions[0]!.weight).toBe(1);
    expect(a!.index).toBe(10);
  });

  it("keeps every index within 1–10 and its contributions summing to it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), y: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, w) => {
          const units = rows.map((r, i) => ({ code: String(i), values: { part_65_plus: r.x, taux_pauvrete: r.y } }));
          for (const s of computeIndex(units, { part_65_plus: w, taux_pauvrete: 1 - w })) {
            if (s.index === null) continue;
            expect(s.index).toBeGreaterThanOrEqual(1 - 1e-9);
            expect(s.index).toBeLessThanOrEqual(10 + 1e-9);
            expect(s.contributions.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(s.index, 9);
          }
        },
      ),
    );
  });

  it("checks that weights are known and sum to 1", () => {
    expect(checkWeights(DEFAULT_WEIGHTS)).toEqual([]);
    expect(checkWeights({ part_65_plus: 0.5, taux_pauvrete: 0.4 })).toEqual(["La somme des poids doit faire 1 (elle fait 0,9)"]);
    expect(checkWeights({ inconnu: 1 })[0]).toContain("Critère inconnu");
  });

  it("shows which communes change rank between two versions", () => {
    const units = [
      { code: "a", values: { part_65_plus: 0.4, taux_pauvrete: 0.1 } },
      { code: "b", values: { part_65_plus: 0.1, taux_pauvrete: 0.4 } },
      { code: "c", values: { part_65_plus: 0.2, taux_pauvrete: 0.2 } },
    ];
    const changes = compareVersions(computeIndex(units, { part_65_plus: 1 }), computeIndex(units, { taux_pauvrete: 1 }));
    expect(changes.map((c) => [c.code, c.rankA, c.rankB])).toEqual([
      ["a", 1, 3],
      ["b", 3, 1],
      ["c", 2, 2],
    ]);
  });
});
