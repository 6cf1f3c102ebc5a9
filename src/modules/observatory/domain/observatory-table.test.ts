import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COLUMNS, distanceKm, nearestKm, sortRows, totalOf, valueOf, type ObservatoryRow } from "./observatory-table.js";

const col = (key: string) => COLUMNS.find((c) => c.key === key)!;
const row = (insee: string, measures: ObservatoryRow["measures"]): ObservatoryRow => ({ insee, name: `C ${insee}`, groups: [], measures });

describe("observatory table", () => {
  it("totals ratios as Σ numerators / Σ denominators and rates per 10,000 inhabitants", () => {
    const rows = [row("a", { part_locaux_ftth: { num: 90, den: 100 }, heures_pour_10000: { num: 20, den: 1000 } }), row("b", { part_locaux_ftth: { num: 100, den: 900 }, heures_pour_10000: { num: 0, den: 9000 } })];
    expect(totalOf(col("part_locaux_ftth"), rows)).toBeCloseTo(190 / 1000, 12);
    expect(totalOf(col("heures_pour_10000"), rows)).toBeCloseTo((20 / 10_000) * 10_000, 12);
    expect(valueOf(col("heures_pour_10000"), rows[0]!.measures.heures_pour_10000)).toBe(200);
  });

  it("weights distances by population, sums counts, and leaves ranks without total", () => {
    const rows = [row("a", { population: { num: 100, den: null }, distance_lieu_km: { num: 10, den: null } }), row("b", { population: { num: 300, den: null }, distance_lieu_km: { num: 2, den: null } })];
    expect(totalOf(col("distance_lieu_km"), rows)).toBe(4);
    expect(totalOf(col("population"), rows)).toBe(400);
    expect(totalOf(col("rang_fragilite"), rows)).toBeNull();
  });

  it("a ratio total lies between the smallest and largest commune value", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ num: fc.integer({ min: 0, max: 1000 }), den: fc.integer({ min: 1, max: 1000 }) }), { minLength: 1, maxLength: 20 }), (measures) => {
        const rows = measures.map((m, i) => row(String(i), { part_65_plus: m }));
        const values = rows.map((r) => valueOf(col("part_65_plus"), r.measures.part_65_plus)!);
        const total = totalOf(col("part_65_plus"), rows)!;
        return total >= Math.min(...values) - 1e-12 && total <= Math.max(...values) + 1e-12;
      }),
    );
  });

  it("sorts by a column with missing values last", () => {
    const rows = [row("a", { population: { num: 5, den: null } }), row("b", {}), row("c", { population: { num: 9, den: null } })];
    expect(sortRows(rows, "population", "desc").map((r) => r.insee)).toEqual(["c", "a", "b"]);
    expect(sortRows(rows, "population", "asc").map((r) => r.insee)).toEqual(["a", "c", "b"]);
  });

  it("measures straight-line distances on the sphere", () => {
    // Parthenay to Niort, about 40 km as the crow flies.
    expect(distanceKm({ lat: 46.6486, lon: -0.2467 }, { lat: 46.3237, lon: -0.4588 })).toBeGreaterThan(38);
    expect(distanceKm({ lat: 46.6486, lon: -0.2467 }, { lat: 46.3237, lon: -0.4588 })).toBeLessThan(42);
    expect(nearestKm({ lat: 0, lon: 0 }, [])).toBeNull();
    expect(nearestKm({ lat: 0, lon: 0 }, [{ lat: 0, lon: 1 }, { lat: 0, lon: 0.5 }])).toBeCloseTo(55.6, 0);
  });
});
