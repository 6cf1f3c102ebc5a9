// The shape of an inventory item as the pure rules need it, and its end of life.
import { addYears, isIsoDate } from "./dates.js";
import { DEFAULT_LIFETIME_YEARS, isCountedState, type EquipmentCategory, type ItemState, type LifetimeTable } from "./categories.js";

/** An item of a school's inventory, reduced to what the rules read. Dates are "YYYY-MM-DD". */
export interface InventoryItem {
  id: string;
  category: EquipmentCategory;
  state: ItemState;
  /** Class holding the item; null when it belongs to the school as a whole. */
  classId: string | null;
  acquisitionDate?: string | null;
  /** End of life set on the item itself; overrides acquisition date + lifetime of its category. */
  endOfLife?: string | null;
}

/** Whether an item counts towards the reference set and indicators (state en_service or en_reparation). */
export function isCountedItem(item: Pick<InventoryItem, "state">): boolean {
  return isCountedState(item.state);
}

/** Expected end of life of an item: its own date, else acquisition + category lifetime, else null. */
export function endOfLifeDate(
  item: Pick<InventoryItem, "category" | "acquisitionDate" | "endOfLife">,
  lifetimes: LifetimeTable = DEFAULT_LIFETIME_YEARS,
): string | null {
  if (item.endOfLife && isIsoDate(item.endOfLife)) return item.endOfLife;
  if (item.acquisitionDate && isIsoDate(item.acquisitionDate)) {
    return addYears(item.acquisitionDate, lifetimes[item.category]);
  }
  return null;
}
