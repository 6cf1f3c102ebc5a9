import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mostSimilar, robustScale, type SharedFigures } from "./similarity.js";

const t = (territoryId: number, values: Record<string, number>, kind = "epci"): SharedFigures => ({ territoryId, name: `T${territoryId}`, kind, values });

describe("similar territories", () => {
  it("scales by median and interquartile range", () => {
    expect(robustScale([1, 2, 3, 4, 5])).toEqual({ median: 3, iqr: 2 });
    expect(robustScale([7, 7, 7]).iqr).toBe(1);
  });

  it("ranks the closest first, keeps the same kind and the population within ×½–×2, explains the distance", () => {
    const self = t(1, { population: 37_000, part_65_plus: 0.3, part_locaux_ftth: 0.8 });
    const others = [
      t(2, { population: 40_000, part_65_plus: 0.31, part_locaux_ftth: 0.79 }),
      t(3, { population: 30_000, part_65_plus: 0.2, part_locaux_ftth: 0.5 }),
      t(4, { population: 500_000, part_65_plus: 0.3, part_locaux_ftth: 0.8 }),
      t(5, { population: 37_000, part_65_plus: 0.3, part_locaux_ftth: 0.8 }, "departement"),
      t(6, { part_65_plus: 0.29 }),
    ];
    const similar = mostSimilar(self, others);
    expect(similar.map((s) => s.territoryId)).toEqual([2, 6, 3]);
    expect(similar[0]!.similarity).toBeGreaterThan(similar[2]!.similarity);
    expect(similar[2]!.contributions[0]!.key).toBe("part_locaux_ftth");
    expect(similar[1]!.features).toBe(1);
  });

  it("is symmetric in its distance and zero for identical figures", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (x, y) => {
        const a = t(1, { a: x[0]!, b: x[1]!, c: x[2]! });
        const b = t(2, { a: y[0]!, b: y[1]!, c: y[2]! });
        const ab = mostSimilar(a, [b])[0]!.distance;
        const ba = mostSimilar(b, [a])[0]!.distance;
        return Math.abs(ab - ba) < 1e-9 && mostSimilar(a, [{ ...a, territoryId: 3 }])[0]!.distance === 0;
      }),
    );
  });
});
