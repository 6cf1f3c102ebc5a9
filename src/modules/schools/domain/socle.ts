// The reference set ("socle numérique") and a school's compliance with it, exactly as defined in
// issue 4: an item counts when in service or under repair; a per-class element is met in a class
// when that class holds the required items, and its `present` is the number of classes where it is
// met; a per-school element counts the items anywhere in the school (class items included);
// manque = max(0, requis − present); compliance = Σ min(present, requis) / Σ requis.
import { isEquipmentCategory, type EquipmentCategory } from "./categories.js";
import type { InventoryItem } from "./inventory.js";
import { countCountedItems, type CountedCell } from "./summary.js";

/** How many items an element requires. */
export type Requirement =
  /** Each class must hold `count` items; requis = number of classes. */
  | { kind: "per_class"; count: number }
  /** `count` items per started group of `groupSize` classes, counted anywhere in the school. */
  | { kind: "per_class_group"; count: number; groupSize: number }
  /** `count` items for the school, counted anywhere in the school. */
  | { kind: "per_school"; count: number };

export interface SocleElement {
  code: string;
  label: string;
  /** Categories whose items count for this element. */
  categories: readonly EquipmentCategory[];
  requirement: Requirement;
  /** Category bought to fill a gap when a plan is drawn (a planning choice, editable). */
  purchaseCategory: EquipmentCategory;
}

/** A versioned reference set; territories copy the default and edit it under a new version. */
export interface Socle {
  version: string;
  label: string;
  elements: readonly SocleElement[];
}

/** The default reference set: the 2021 "socle numérique" for elementary schools, made countable (issue 4). */
export const DEFAULT_SOCLE: Socle = {
  version: "snee-2021.1",
  label: "Socle numérique de base des écoles élémentaires (2021)",
  elements: [
    {
      code: "affichage",
      label: "Affichage collectif en classe",
      categories: ["ecran_interactif", "videoprojecteur_interactif", "videoprojecteur"],
      requirement: { kind: "per_class", count: 1 },
      purchaseCategory: "ecran_interactif",
    },
    {
      code: "poste_enseignant",
      label: "Ordinateur portable de l'enseignant",
      categories: ["ordinateur_portable_enseignant"],
      requirement: { kind: "per_class", count: 1 },
      purchaseCategory: "ordinateur_portable_enseignant",
    },
    {
      code: "mobiles",
      label: "Équipements mobiles partagés",
      categories: ["tablette", "ordinateur_eleve"],
      requirement: { kind: "per_class_group", count: 12, groupSize: 4 },
      purchaseCategory: "tablette",
    },
    {
      code: "direction",
      label: "Ordinateur de direction",
      categories: ["ordinateur_direction"],
      requirement: { kind: "per_school", count: 1 },
      purchaseCategory: "ordinateur_direction",
    },
    {
      code: "impression",
      label: "Imprimante en réseau",
      categories: ["imprimante_reseau"],
      requirement: { kind: "per_school", count: 1 },
      purchaseCategory: "imprimante_reseau",
    },
    {
      code: "wifi",
      label: "Point d'accès Wi-Fi",
      categories: ["point_acces_wifi"],
      requirement: { kind: "per_school", count: 1 },
      purchaseCategory: "point_acces_wifi",
    },
  ],
};

/** What computeCompliance needs of a school: its classes. */
export interface SchoolForCompliance {
  classes: readonly { id: string }[];
}

export interface ElementCompliance {
  element: string;
  requis: number;
  present: number;
  manque: number;
}

export interface SchoolCompliance {
  elements: ElementCompliance[];
  /** Σ requis over the elements. */
  requis: number;
  /** Σ min(present, requis) over the elements. */
  met: number;
  /** met / requis; 1 when nothing is required (nothing is missing). */
  compliance: number;
}

/** Counted items of the given categories among cells (optionally of one class only). */
function countCells(cells: readonly CountedCell[], categories: readonly EquipmentCategory[], classId?: string): number {
  let n = 0;
  for (const cell of cells) {
    if ((classId === undefined || cell.classId === classId) && categories.includes(cell.category)) n += cell.count;
  }
  return n;
}

/** requis and present of one element for one school (cells = that school's counted items). */
function measureElement(
  element: SocleElement,
  classes: readonly { id: string }[],
  cells: readonly CountedCell[],
): ElementCompliance {
  const rule = element.requirement;
  let requis: number;
  let present: number;
  if (rule.kind === "per_class") {
    requis = classes.length;
    present = classes.filter((cls) => countCells(cells, element.categories, cls.id) >= rule.count).length;
  } else {
    requis = rule.kind === "per_school" ? rule.count : rule.count * Math.ceil(classes.length / rule.groupSize);
    present = countCells(cells, element.categories);
  }
  return { element: element.code, requis, present, manque: Math.max(0, requis - present) };
}

/** Compliance of one school from its counted items per class and category (what the database aggregates). */
export function complianceFromCounts(
  school: SchoolForCompliance,
  cells: readonly CountedCell[],
  socle: Socle = DEFAULT_SOCLE,
): SchoolCompliance {
  const elements = socle.elements.map((element) => measureElement(element, school.classes, cells));
  const requis = elements.reduce((sum, e) => sum + e.requis, 0);
  const met = elements.reduce((sum, e) => sum + Math.min(e.present, e.requis), 0);
  return { elements, requis, met, compliance: requis === 0 ? 1 : met / requis };
}

/** Compliance of one school with a reference set; `items` are that school's items, any state. */
export function computeCompliance(
  school: SchoolForCompliance,
  items: readonly InventoryItem[],
  socle: Socle = DEFAULT_SOCLE,
): SchoolCompliance {
  return complianceFromCounts(school, countCountedItems(items), socle);
}

/** Sums over several schools, per element and overall. */
export interface ComplianceTotals {
  schools: number;
  requis: number;
  met: number;
  /** Σ min(present, requis) / Σ requis over the schools (not a mean of school rates); 1 if nothing required. */
  compliance: number;
  elements: { element: string; requis: number; met: number; manque: number }[];
}

/** Aggregates school results: Σ min(present, requis) / Σ requis, so big schools weigh more. */
export function aggregateCompliance(results: readonly SchoolCompliance[]): ComplianceTotals {
  const byElement = new Map<string, { element: string; requis: number; met: number; manque: number }>();
  let requis = 0;
  let met = 0;
  for (const result of results) {
    requis += result.requis;
    met += result.met;
    for (const e of result.elements) {
      const sum = byElement.get(e.element) ?? { element: e.element, requis: 0, met: 0, manque: 0 };
      sum.requis += e.requis;
      sum.met += Math.min(e.present, e.requis);
      sum.manque += e.manque;
      byElement.set(e.element, sum);
    }
  }
  return {
    schools: results.length,
    requis,
    met,
    compliance: requis === 0 ? 1 : met / requis,
    elements: [...byElement.values()],
  };
}

/** A school's result tagged with its commune (INSEE code). */
export interface CommuneCompliance {
  communeCode: string;
  compliance: SchoolCompliance;
}

/** Compliance per commune, sorted by INSEE code. */
export function complianceByCommune(
  rows: readonly CommuneCompliance[],
): (ComplianceTotals & { communeCode: string })[] {
  const groups = new Map<string, SchoolCompliance[]>();
  for (const row of rows) groups.set(row.communeCode, [...(groups.get(row.communeCode) ?? []), row.compliance]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([communeCode, results]) => ({ communeCode, ...aggregateCompliance(results) }));
}

/** A named group of communes, e.g. a former intercommunality. */
export interface CommuneGroup {
  code: string;
  label: string;
  communeCodes: readonly string[];
}

/** Compliance per group of communes, in the groups' order; schools of communes in no group are left out. */
export function complianceByGroup(
  rows: readonly CommuneCompliance[],
  groups: readonly CommuneGroup[],
): (ComplianceTotals & { code: string; label: string })[] {
  return groups.map((group) => {
    const members = new Set(group.communeCodes);
    const results = rows.filter((row) => members.has(row.communeCode)).map((row) => row.compliance);
    return { code: group.code, label: group.label, ...aggregateCompliance(results) };
  });
}

/** Problems (in French) that make an edited reference set unusable; empty when it is sound. */
export function checkSocle(socle: Socle): string[] {
  const problems: string[] = [];
  if (socle.version.trim() === "") problems.push("le socle doit porter un numéro de version");
  if (socle.elements.length === 0) problems.push("le socle doit compter au moins un élément");
  const seen = new Set<string>();
  for (const element of socle.elements) {
    const name = `élément « ${element.code} »`;
    if (!/^[a-z0-9_]+$/.test(element.code)) problems.push(`${name} : code en minuscules, chiffres et _ attendu`);
    if (seen.has(element.code)) problems.push(`${name} : code en double`);
    seen.add(element.code);
    if (element.categories.length === 0) problems.push(`${name} : aucune catégorie comptée`);
    for (const category of element.categories) {
      if (!isEquipmentCategory(category)) problems.push(`${name} : catégorie inconnue « ${category} »`);
    }
    if (!element.categories.includes(element.purchaseCategory)) {
      problems.push(`${name} : la catégorie achetée doit faire partie des catégories comptées`);
    }
    const rule = element.requirement;
    if (!Number.isInteger(rule.count) || rule.count < 1) problems.push(`${name} : nombre requis entier ≥ 1 attendu`);
    if (rule.kind === "per_class_group" && (!Number.isInteger(rule.groupSize) || rule.groupSize < 1)) {
      problems.push(`${name} : taille de groupe de classes entière ≥ 1 attendue`);
    }
  }
  return problems;
}
