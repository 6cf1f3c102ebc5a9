// A school's inventory reduced to what compliance and indicators read: counted items per class and
// category, and lifecycle totals. The database can produce the same summary with one GROUP BY, so a
// territory of 200,000 items is measured without loading every item (see school-summaries.queries.ts);
// computeCompliance and schoolIndicatorCounts build it from items, which keeps one definition of the rules.
import { DEFAULT_LIFETIME_YEARS, type EquipmentCategory, type LifetimeTable } from "./categories.js";
import { isIsoDate, toDayNumber } from "./dates.js";
import { endOfLifeDate, isCountedItem, type InventoryItem } from "./inventory.js";

/** Number of counted items (en_service, en_reparation) of one category held by one class, or by the school (classId null). */
export interface CountedCell {
  classId: string | null;
  category: EquipmentCategory;
  count: number;
}

/** Lifecycle totals over the installed (not retired) items of a school, at a date. */
export interface LifecycleTotals {
  /** Installed items whose end of life is known (own date, or acquisition + lifetime). */
  withEndOfLife: number;
  /** Of those, items whose end of life is on or before the date. */
  pastEndOfLife: number;
  /** Installed items acquired on or before the date. */
  aged: number;
  /** Sum of their ages, in days. */
  ageDaysSum: number;
}

/** Counted items per class and category (cells with a zero count are omitted). */
export function countCountedItems(items: readonly InventoryItem[]): CountedCell[] {
  const cells = new Map<string, CountedCell>();
  for (const item of items) {
    if (!isCountedItem(item)) continue;
    const key = `${item.classId ?? ""}\u0000${item.category}`;
    const cell = cells.get(key) ?? { classId: item.classId, category: item.category, count: 0 };
    cell.count += 1;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

/** Lifecycle totals of items at a date (retired items left out: they are no longer part of the installed base). */
export function lifecycleTotals(
  items: readonly InventoryItem[],
  asOf: string,
  lifetimes: LifetimeTable = DEFAULT_LIFETIME_YEARS,
): LifecycleTotals {
  const totals: LifecycleTotals = { withEndOfLife: 0, pastEndOfLife: 0, aged: 0, ageDaysSum: 0 };
  const today = toDayNumber(asOf);
  for (const item of items) {
    if (item.state === "reforme") continue;
    const eol = endOfLifeDate(item, lifetimes);
    if (eol !== null) {
      totals.withEndOfLife += 1;
      if (toDayNumber(eol) <= today) totals.pastEndOfLife += 1;
    }
    const acquired = item.acquisitionDate;
    if (typeof acquired === "string" && isIsoDate(acquired) && acquired <= asOf) {
      totals.aged += 1;
      totals.ageDaysSum += today - toDayNumber(acquired);
    }
  }
  return totals;
}

/** Adds lifecycle totals (for communes or a territory). */
export function addLifecycleTotals(a: LifecycleTotals, b: LifecycleTotals): LifecycleTotals {
  return {
    withEndOfLife: a.withEndOfLife + b.withEndOfLife,
    pastEndOfLife: a.pastEndOfLife + b.pastEndOfLife,
    aged: a.aged + b.aged,
    ageDaysSum: a.ageDaysSum + b.ageDaysSum,
  };
}
