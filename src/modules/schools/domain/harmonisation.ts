// Sorting the harmonisation table: by school, commune, compliance, total gaps or the gap of one element.
// Pure, so that the GET parameters of the page (which work without JavaScript) map onto tested rules.
import type { SchoolCompliance } from "./socle.js";

export type SortDirection = "asc" | "desc";

/** A sort key: a fixed column, or `element:<code>` for the gap (manque) of one element. */
export type SortKey = "ecole" | "commune" | "conformite" | "manque" | `element:${string}`;

export interface SortableSchool {
  uai: string;
  name: string;
  communeName: string;
  compliance: SchoolCompliance;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** Reads a sort key from a query value, falling back to compliance; unknown element codes fall back too. */
export function parseSortKey(value: string, elementCodes: readonly string[]): SortKey {
  if (value === "ecole" || value === "commune" || value === "conformite" || value === "manque") return value;
  if (value.startsWith("element:") && elementCodes.includes(value.slice("element:".length))) return value as SortKey;
  return "conformite";
}

/** Total gap of a school over the elements. */
export function totalGap(compliance: SchoolCompliance): number {
  return compliance.elements.reduce((sum, e) => sum + e.manque, 0);
}

function compareBy(key: SortKey): (a: SortableSchool, b: SortableSchool) => number {
  if (key === "ecole") return (a, b) => collator.compare(a.name, b.name);
  if (key === "commune") return (a, b) => collator.compare(a.communeName, b.communeName);
  if (key === "conformite") return (a, b) => a.compliance.compliance - b.compliance.compliance;
  if (key === "manque") return (a, b) => totalGap(a.compliance) - totalGap(b.compliance);
  const code = key.slice("element:".length);
  const gap = (s: SortableSchool) => s.compliance.elements.find((e) => e.element === code)?.manque ?? 0;
  return (a, b) => gap(a) - gap(b);
}

/** A sorted copy; ties keep a stable order by commune, name then UAI whatever the direction. */
export function sortSchools<T extends SortableSchool>(rows: readonly T[], key: SortKey, direction: SortDirection): T[] {
  const primary = compareBy(key);
  const sign = direction === "asc" ? 1 : -1;
  const tie = (a: T, b: T) => collator.compare(a.communeName, b.communeName) || collator.compare(a.name, b.name) || a.uai.localeCompare(b.uai);
  return [...rows].sort((a, b) => sign * primary(a, b) || tie(a, b));
}
