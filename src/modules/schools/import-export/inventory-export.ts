// The inventory export: the columns of the equipment import first (so that an export can be edited and
// imported again), then what helps reading it (school, commune, expected end of life).
import { EQUIPMENT_COLUMNS } from "./equipment.js";
import type { Cell } from "./spreadsheet.js";

export const INVENTORY_EXPORT_COLUMNS = [...EQUIPMENT_COLUMNS, "ecole", "commune", "fin_de_vie"] as const;

/** What an exported item needs. */
export type ExportItem = {
  uai: string;
  className: string | null;
  category: string;
  inventoryNumber: string;
  model: string;
  acquisitionDate: string | null;
  costCents: number | null;
  fundingSource: string;
  warrantyEnd: string | null;
  state: string;
  schoolName: string;
  communeName: string | null;
  communeInsee: string;
  endOfLife: string | null;
};

/** "1234,56" from cents, as the import reads it back. */
export function centsToEuroText(cents: number | null): string {
  if (cents === null) return "";
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

/** One item as export cells, in the order of INVENTORY_EXPORT_COLUMNS. */
export function itemCells(item: ExportItem): Cell[] {
  return [
    item.uai,
    item.className ?? "",
    item.category,
    item.inventoryNumber,
    item.model,
    item.acquisitionDate ?? "",
    centsToEuroText(item.costCents),
    item.fundingSource,
    item.warrantyEnd ?? "",
    item.state,
    item.schoolName,
    item.communeName ?? item.communeInsee,
    item.endOfLife ?? "",
  ];
}
