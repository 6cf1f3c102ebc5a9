// The harmonisation export: one row per school and reference-set element, with at least
// `uai;ecole;commune;element;requis;present;manque` (issue 4). Rows are produced lazily so that a
// command can stream them through a CSV or XLSX writer.
import type { SchoolCompliance } from "../domain/socle.js";

export const HARMONISATION_COLUMNS = ["uai", "ecole", "commune", "element", "requis", "present", "manque"] as const;

export type HarmonisationRow = Record<(typeof HARMONISATION_COLUMNS)[number], string | number>;

export interface HarmonisationSchool {
  uai: string;
  ecole: string;
  commune: string;
  compliance: SchoolCompliance;
}

/** Yields one export row per school and element, in the order given. */
export function* harmonisationRows(schools: Iterable<HarmonisationSchool>): Generator<HarmonisationRow> {
  for (const school of schools) {
    for (const e of school.compliance.elements) {
      yield { uai: school.uai, ecole: school.ecole, commune: school.commune, element: e.element, requis: e.requis, present: e.present, manque: e.manque };
    }
  }
}
