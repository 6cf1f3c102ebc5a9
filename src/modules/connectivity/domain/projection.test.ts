import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateOfDay, dayNumber, projectSeries, rankMissing } from "./projection.js";

const q = (quarter: string, numerator: number, denominator = 1000) => ({ quarter, numerator, denominator });
const target = { share: 1, date: "2028-12-31" };

describe("projection of a commune's FttH share", () => {
  it("follows the least-squares trend of the last quarters from the last observed share", () => {
    // +100 premises of 1,000 per year, at 50 % on 2026-12-31: two years later 70 %, misses 100 %.
    const series = [q("2025-12-31", 400), q("2026-03-31", 425), q("2026-06-30", 450), q("2026-09-30", 475), q("2026-12-31", 500)];
    const p = projectSeries(series, target)!;
    expect(p.slopePerYear).toBeCloseTo(0.1, 2);
    expect(p.projectedAtTarget).toBeCloseTo(0.7, 2);
    expect(p.willMiss).toBe(true);
    expect(p.shortfallPremises).toBe(Math.ceil((1 - p.projectedAtTarget) * 1000));
    expect(p.reachesOn?.slice(0, 4)).toBe("2031");
  });

  it("caps at 100 % and reaches the target on the trend's date", () => {
    const p = projectSeries([q("2026-03-31", 800), q("2026-06-30", 900)], target)!;
    expect(p.projectedAtTarget).toBe(1);
    expect(p.willMiss).toBe(false);
    expect(p.reachesOn! <= "2026-10-01").toBe(true);
  });

  it("counts a falling share (denominator revised) as no progress, and one quarter as no trend", () => {
    expect(projectSeries([q("2026-03-31", 900), q("2026-06-30", 850)], target)).toMatchObject({ slopePerYear: 0, projectedAtTarget: 0.85, reachesOn: null, willMiss: true });
    expect(projectSeries([q("2026-03-31", 900)], target)).toMatchObject({ slopePerYear: null, projectedAtTarget: 0.9 });
    expect(projectSeries([], target)).toBeNull();
  });

  it("ranks the communes that will miss the target by shortfall", () => {
    const rows = [
      { code: "a", projection: projectSeries([q("2026-03-31", 990)], target) },
      { code: "b", projection: projectSeries([q("2026-03-31", 500)], target) },
      { code: "c", projection: projectSeries([q("2026-03-31", 1000)], target) },
    ];
    expect(rankMissing(rows).map((r) => r.code)).toEqual(["b", "a"]);
  });

  it("sees no progress in a flat series and gives no date beyond a millennium (no invalid date)", () => {
    const flat = [9, 10, 9].map((v, i) => q(dateOfDay(dayNumber("2024-03-31") + i * 91), v));
    const p = projectSeries(flat, target)!;
    expect(p.slopePerYear).toBe(0);
    expect(p.reachesOn).toBeNull();
    const crawling = [0, 1].map((v, i) => q(dateOfDay(dayNumber("2024-03-31") + i * 91), v, 1_000_000_000));
    expect(projectSeries(crawling, target)!.reachesOn).toBeNull();
  });

  it("never projects below the last observed share nor above 100 % when below it", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (values) => {
        const series = values.map((v, i) => q(dateOfDay(dayNumber("2024-03-31") + i * 91), v));
        const p = projectSeries(series, target)!;
        return p.projectedAtTarget >= p.lastShare - 1e-12 && p.projectedAtTarget <= Math.max(1, p.lastShare);
      }),
    );
  });
});
