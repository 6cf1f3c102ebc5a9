import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EQUIPMENT_CATEGORIES, ITEM_STATES } from "./categories.js";
import { addYears, endOfLifeCutoff, fromDayNumber, toDayNumber } from "./dates.js";
import type { InventoryItem } from "./inventory.js";
import { complianceFromCounts, computeCompliance } from "./socle.js";
import { addLifecycleTotals, countCountedItems, lifecycleTotals } from "./summary.js";

const items: InventoryItem[] = [
  { id: "1", category: "tablette", state: "en_service", classId: null, acquisitionDate: "2020-01-01" }, // EoL 2024-01-01
  { id: "2", category: "tablette", state: "en_reparation", classId: null, acquisitionDate: "2024-01-01" },
  { id: "3", category: "tablette", state: "en_panne", classId: null, acquisitionDate: "2023-01-01" },
  { id: "4", category: "ecran_interactif", state: "en_service", classId: "c1", endOfLife: "2030-01-01" },
  { id: "5", category: "ecran_interactif", state: "reforme", classId: "c1", acquisitionDate: "2001-01-01" },
  { id: "6", category: "autre", state: "en_service", classId: "c2", acquisitionDate: "2026-01-01" }, // after the date
];

describe("inventory summary", () => {
  it("counts counted items per class and category, broken and retired ones left out", () => {
    expect(countCountedItems(items)).toEqual([
      { classId: null, category: "tablette", count: 2 },
      { classId: "c1", category: "ecran_interactif", count: 1 },
      { classId: "c2", category: "autre", count: 1 },
    ]);
  });

  it("totals ends of life and ages of installed items at a date", () => {
    // Installed: 1, 2, 3, 4, 6. Ends of life: 2024-01-01, 2028-01-01, 2027-01-01, 2030-01-01, 2031-01-01.
    // Aged on 2025-01-01: 1 (1827 days), 2 (366 days), 3 (731 days); 4 has no date, 6 is later.
    expect(lifecycleTotals(items, "2025-01-01")).toEqual({ withEndOfLife: 5, pastEndOfLife: 1, aged: 3, ageDaysSum: 1827 + 366 + 731 });
  });

  it("adds totals field by field", () => {
    const a = { withEndOfLife: 1, pastEndOfLife: 2, aged: 3, ageDaysSum: 4 };
    expect(addLifecycleTotals(a, a)).toEqual({ withEndOfLife: 2, pastEndOfLife: 4, aged: 6, ageDaysSum: 8 });
  });

  it("gives the same compliance whether the counts of a class and category come in one cell or several", () => {
    const arbItems = fc.array(
      fc.record({
        id: fc.uuid(),
        category: fc.constantFrom(...EQUIPMENT_CATEGORIES),
        state: fc.constantFrom(...ITEM_STATES),
        classId: fc.option(fc.constantFrom("c1", "c2", "c3", "autre-ecole"), { nil: null }),
      }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(arbItems, (list) => {
        const school = { classes: [{ id: "c1" }, { id: "c2" }, { id: "c3" }] };
        const split = countCountedItems(list).flatMap((cell) =>
          cell.count > 1 ? [{ ...cell, count: 1 }, { ...cell, count: cell.count - 1 }] : [cell],
        );
        expect(complianceFromCounts(school, split)).toEqual(computeCompliance(school, list));
      }),
    );
  });
});

describe("end-of-life cutoff", () => {
  it.each([
    ["2021-02-28", 1, "2020-02-29"],
    ["2024-02-29", 1, "2023-02-28"],
    ["2024-02-29", 4, "2020-02-29"],
    ["2027-03-02", 5, "2022-03-02"],
  ])("on %s with %i years, items acquired on or before the cutoff are past their end of life", (asOf, years, cutoff) => {
    expect(endOfLifeCutoff(asOf, years)).toBe(cutoff);
  });

  it("agrees with acquisition + lifetime for any date", () => {
    const day = fc.integer({ min: toDayNumber("2000-01-01"), max: toDayNumber("2040-12-31") });
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 12 }), (acquired, today, years) => {
        const [acq, asOf] = [fromDayNumber(acquired), fromDayNumber(today)];
        expect(addYears(acq, years) <= asOf).toBe(acq <= endOfLifeCutoff(asOf, years));
      }),
    );
  });
});
