import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatShare, pooledShare, share } from "./shares.js";

describe("coverage shares", () => {
  it("pools a group as Σ eligible / Σ premises, not as a mean of shares", () => {
    const pooled = pooledShare([
      { numerator: 243, denominator: 245 },
      { numerator: 1264, denominator: 18048 },
    ]);
    expect(pooled.share).toBeCloseTo(1507 / 18293, 12);
    expect(pooled.share).not.toBeCloseTo((243 / 245 + 1264 / 18048) / 2, 3);
  });

  it("leaves out communes without figures and has no share without premises", () => {
    expect(pooledShare([null, { numerator: 1, denominator: 2 }]).count).toBe(1);
    expect(pooledShare([{ numerator: 0, denominator: 0 }]).share).toBeNull();
    expect(share(3, 0)).toBeNull();
  });

  it("never rounds a share below 100 % up to 100 %", () => {
    expect(formatShare(0.9996)).toBe("99,9\u00a0%");
    expect(formatShare(1)).toBe("100,0\u00a0%");
    expect(formatShare(45327 / 46329)).toBe("97,8\u00a0%");
    expect(formatShare(1.002)).toBe("100,2\u00a0%");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (den, n) => {
        const num = Math.min(n, den - 1);
        return !formatShare(num / den).startsWith("100");
      }),
    );
  });

  it("a pooled share lies between the smallest and largest commune share", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ denominator: fc.integer({ min: 1, max: 100_000 }), part: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 40 }), (rows) => {
        const counts = rows.map((r) => ({ denominator: r.denominator, numerator: Math.round(r.part * r.denominator) }));
        const shares = counts.map((c) => c.numerator / c.denominator);
        const pooled = pooledShare(counts).share!;
        return pooled >= Math.min(...shares) - 1e-12 && pooled <= Math.max(...shares) + 1e-12;
      }),
    );
  });
});
