// School ICT indicators per school, commune and territory, beside the national figures.
// Choices, stated once:
// - Computers are the ordinateur_* categories (teacher, head teacher and pupil computers alike).
//   Tablets are NOT computers: they get their own indicator, so that "computers per 100 pupils"
//   stays comparable with the national figure, which counts computers.
// - Equipment counts (computers, tablets, displays) use counted items only (en_service, en_reparation),
//   like the reference set. Age and end of life look at every item not retired (broken ones included:
//   they are still part of the installed base to renew).
// - "Past end of life" means the expected end of life is on or before the given date.
// - A school whose pupils or fibre status is unknown (null) is left out of the ratios that need it.
// - Commune and territory values are Σ numerators / Σ denominators, not means of school values.
import { COMPUTER_CATEGORIES, DEFAULT_LIFETIME_YEARS, DISPLAY_CATEGORIES, INTERACTIVE_DISPLAY_CATEGORIES, type LifetimeTable } from "./categories.js";
import { DAYS_PER_YEAR, isIsoDate } from "./dates.js";
import type { InventoryItem } from "./inventory.js";
import { countCountedItems, lifecycleTotals, type CountedCell, type LifecycleTotals } from "./summary.js";

/** Indicator codes with their French label and the factor applied to numerator / denominator. */
export const INDICATORS = {
  computersPer100Pupils: { label: "Ordinateurs pour 100 élèves", scale: 100 },
  tabletsPer100Pupils: { label: "Tablettes pour 100 élèves", scale: 100 },
  interactiveDisplaysPerClass: { label: "Affichages interactifs par classe", scale: 1 },
  interactiveDisplaysPer1000Pupils: { label: "Affichages interactifs pour 1 000 élèves", scale: 1000 },
  videoProjectorsPer1000Pupils: { label: "Vidéoprojecteurs (hors interactifs) pour 1 000 élèves", scale: 1000 },
  shareClassesWithDisplay: { label: "Part des classes équipées d'un affichage", scale: 1 },
  shareItemsPastEndOfLife: { label: "Part des équipements en fin de vie", scale: 1 },
  averageAgeYears: { label: "Âge moyen des équipements (années)", scale: 1 },
  shareSchoolsWithFibre: { label: "Part des écoles raccordées à la fibre", scale: 1 },
} as const;

export type IndicatorCode = keyof typeof INDICATORS;

const INDICATOR_CODES = Object.keys(INDICATORS) as IndicatorCode[];

export interface Ratio {
  numerator: number;
  denominator: number;
}

/** Numerators and denominators of every indicator; they add up across schools. */
export interface IndicatorCounts {
  schools: number;
  ratios: Record<IndicatorCode, Ratio>;
}

/** Values of the indicators: shares in 0–1, null when the denominator is 0. */
export type IndicatorValues = Record<IndicatorCode, number | null>;

export interface IndicatorSchool {
  schoolId: string;
  communeCode: string;
  pupils: number | null;
  /** Connected by fibre (input flag, e.g. from the connectivity module); null = unknown. */
  fibre: boolean | null;
  classes: readonly { id: string }[];
  items: readonly InventoryItem[];
}

/** National reference figures, public schools, 2018-2019 (REFERENCE.md §4); shares in 0–1. */
export const NATIONAL_REFERENCE_2018_2019 = {
  scope: "Écoles publiques, année scolaire 2018-2019",
  figures: [
    { label: "Ordinateurs pour 100 élèves", indicator: "computersPer100Pupils", maternelle: 6.3, elementaire: 14.4, ensemble: 11.9 },
    { label: "Classes mobiles pour 1 000 élèves", indicator: null, maternelle: 0.6, elementaire: 3.6, ensemble: 2.7 },
    { label: "Vidéoprojecteurs (hors TNI) pour 1 000 élèves", indicator: "videoProjectorsPer1000Pupils", maternelle: 6.4, elementaire: 14.9, ensemble: 12.3 },
    { label: "Tableaux numériques interactifs pour 1 000 élèves", indicator: "interactiveDisplaysPer1000Pupils", maternelle: 3.9, elementaire: 17.0, ensemble: 13.0 },
    { label: "Internet dans au moins la moitié des classes", indicator: null, maternelle: 0.587, elementaire: 0.829, ensemble: 0.755 },
    { label: "Débit d'au moins 2 Mb/s", indicator: null, maternelle: 0.338, elementaire: 0.375, ensemble: 0.364 },
  ],
} as const satisfies {
  scope: string;
  figures: readonly { label: string; indicator: IndicatorCode | null; maternelle: number; elementaire: number; ensemble: number }[];
};

function emptyCounts(): IndicatorCounts {
  const ratios = {} as Record<IndicatorCode, Ratio>;
  for (const code of INDICATOR_CODES) ratios[code] = { numerator: 0, denominator: 0 };
  return { schools: 0, ratios };
}

/** What the indicators read of a school besides its inventory summary. */
export type IndicatorSchoolFacts = Pick<IndicatorSchool, "pupils" | "fibre" | "classes">;

/** Numerators and denominators of one school from its inventory summary (what the database aggregates). */
export function indicatorCountsFromSummary(
  school: IndicatorSchoolFacts,
  cells: readonly CountedCell[],
  lifecycle: LifecycleTotals,
): IndicatorCounts {
  const counts = emptyCounts();
  const r = counts.ratios;
  counts.schools = 1;
  const inCategories = (categories: readonly string[]) =>
    cells.reduce((n, cell) => (categories.includes(cell.category) ? n + cell.count : n), 0);
  const pupils = school.pupils ?? 0;
  if (school.pupils !== null) {
    r.computersPer100Pupils = { numerator: inCategories(COMPUTER_CATEGORIES), denominator: pupils };
    r.tabletsPer100Pupils = { numerator: inCategories(["tablette"]), denominator: pupils };
    r.interactiveDisplaysPer1000Pupils = { numerator: inCategories(INTERACTIVE_DISPLAY_CATEGORIES), denominator: pupils };
    r.videoProjectorsPer1000Pupils = { numerator: inCategories(["videoprojecteur"]), denominator: pupils };
  }
  r.interactiveDisplaysPerClass = { numerator: inCategories(INTERACTIVE_DISPLAY_CATEGORIES), denominator: school.classes.length };
  const classIds = new Set(
    cells.filter((c) => c.classId !== null && c.count > 0 && DISPLAY_CATEGORIES.includes(c.category)).map((c) => c.classId),
  );
  r.shareClassesWithDisplay = {
    numerator: school.classes.filter((c) => classIds.has(c.id)).length,
    denominator: school.classes.length,
  };
  r.shareItemsPastEndOfLife = { numerator: lifecycle.pastEndOfLife, denominator: lifecycle.withEndOfLife };
  r.averageAgeYears = { numerator: lifecycle.ageDaysSum / DAYS_PER_YEAR, denominator: lifecycle.aged };
  if (school.fibre !== null) r.shareSchoolsWithFibre = { numerator: school.fibre ? 1 : 0, denominator: 1 };
  return counts;
}

/** Numerators and denominators of one school at a given date. */
export function schoolIndicatorCounts(
  school: IndicatorSchool,
  asOf: string,
  lifetimes: LifetimeTable = DEFAULT_LIFETIME_YEARS,
): IndicatorCounts {
  return indicatorCountsFromSummary(school, countCountedItems(school.items), lifecycleTotals(school.items, asOf, lifetimes));
}

/** Adds counts of several schools (or communes). */
export function sumIndicatorCounts(all: readonly IndicatorCounts[]): IndicatorCounts {
  const total = emptyCounts();
  for (const counts of all) {
    total.schools += counts.schools;
    for (const code of INDICATOR_CODES) {
      total.ratios[code].numerator += counts.ratios[code].numerator;
      total.ratios[code].denominator += counts.ratios[code].denominator;
    }
  }
  return total;
}

/** Indicator values from counts: scale × numerator / denominator, null when nothing to divide by. */
export function indicatorValues(counts: IndicatorCounts): IndicatorValues {
  const values = {} as IndicatorValues;
  for (const code of INDICATOR_CODES) {
    const { numerator, denominator } = counts.ratios[code];
    values[code] = denominator === 0 ? null : (INDICATORS[code].scale * numerator) / denominator;
  }
  return values;
}

export interface IndicatorReport {
  bySchool: { schoolId: string; communeCode: string; counts: IndicatorCounts; values: IndicatorValues }[];
  byCommune: { communeCode: string; counts: IndicatorCounts; values: IndicatorValues }[];
  territory: { counts: IndicatorCounts; values: IndicatorValues };
}

/** Indicators per school, per commune (sorted by INSEE code) and for the whole territory, at a date. */
export function computeIndicators(
  schools: readonly IndicatorSchool[],
  asOf: string,
  lifetimes: LifetimeTable = DEFAULT_LIFETIME_YEARS,
): IndicatorReport {
  if (!isIsoDate(asOf)) throw new RangeError(`date de calcul invalide : ${asOf}`);
  const bySchool = schools.map((school) => {
    const counts = schoolIndicatorCounts(school, asOf, lifetimes);
    return { schoolId: school.schoolId, communeCode: school.communeCode, counts, values: indicatorValues(counts) };
  });
  const communes = [...new Set(schools.map((s) => s.communeCode))].sort();
  const byCommune = communes.map((communeCode) => {
    const counts = sumIndicatorCounts(bySchool.filter((s) => s.communeCode === communeCode).map((s) => s.counts));
    return { communeCode, counts, values: indicatorValues(counts) };
  });
  const counts = sumIndicatorCounts(bySchool.map((s) => s.counts));
  return { bySchool, byCommune, territory: { counts, values: indicatorValues(counts) } };
}
