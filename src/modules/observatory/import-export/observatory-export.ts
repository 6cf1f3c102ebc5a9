// The observatory export: one row per commune, first columns code_insee;commune;population;part_locaux_ftth;
// indice_fragilite, then the others (CSV or XLSX). Shares are ratios (0.9784), truncated — never rounded up — to
// six decimals, so a share below 1 never reads 1.
import type { Cell } from "../../schools/import-export/spreadsheet.js";
import { COLUMNS, valueOf, type ObservatoryRow } from "../domain/observatory-table.js";

export const OBSERVATORY_EXPORT_HEADER = ["code_insee", "commune", ...COLUMNS.map((c) => c.header)];

function cell(value: number | null, format: string): Cell {
  if (value === null) return null;
  if (format === "share") return Math.floor(value * 1e6) / 1e6;
  if (format === "count") return Math.round(value);
  return Math.round(value * 1000) / 1000;
}

/** The export rows, communes by name. */
export function observatoryExportRows(rows: readonly ObservatoryRow[]): Cell[][] {
  return [...rows]
    .sort((a, b) => a.name.localeCompare(b.name, "fr") || a.insee.localeCompare(b.insee))
    .map((r) => [r.insee, r.name, ...COLUMNS.map((c) => cell(valueOf(c, r.measures[c.key]), c.format))]);
}
