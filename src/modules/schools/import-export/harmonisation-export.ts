// The harmonisation export as spreadsheet rows: the columns `uai;ecole;commune;element;requis;present;manque`
// first, then the commune's INSEE code and its groups (extra columns, for pivot tables).
import { HARMONISATION_COLUMNS, harmonisationRows, type HarmonisationSchool } from "./harmonisation.js";
import type { Cell } from "./spreadsheet.js";

export const HARMONISATION_EXPORT_COLUMNS = [...HARMONISATION_COLUMNS, "code_commune", "groupes"] as const;

export type HarmonisationExportSchool = HarmonisationSchool & { codeCommune: string; groupes: string };

/** One row of cells per school and element, in the order of HARMONISATION_EXPORT_COLUMNS. */
export function* harmonisationExportRows(schools: Iterable<HarmonisationExportSchool>): Generator<Cell[]> {
  for (const school of schools) {
    for (const row of harmonisationRows([school])) {
      yield [...HARMONISATION_COLUMNS.map((column) => row[column]), school.codeCommune, school.groupes];
    }
  }
}
