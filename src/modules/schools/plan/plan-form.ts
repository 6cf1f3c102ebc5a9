// The plan's forms as typed (strings) and their validation: unit prices in euros, co-funding programmes
// (name, rate in %, cap in euros, eligible categories, years), scenario parameters. Pure: no db, no clock.
import type { FieldErrors } from "../../../ui/form.js";
import { CATEGORY_LABELS, EQUIPMENT_CATEGORIES, isEquipmentCategory, type EquipmentCategory } from "../domain/categories.js";
import type { CofundingRule, UnitPriceCatalogue } from "../domain/plan.js";
import { centsToInput, parseEurosToCents, parsePercentToRate, rateToInput } from "./money.js";
import { scenarioPlanProblem, SCENARIO_MAX_YEARS, SCENARIO_MIN_YEARS } from "./plan-build.js";

/** Programmes offered by name when a territory has none yet; their rates are left for the coordinator. */
export const EXAMPLE_PROGRAMMES = ["Socle numérique 2021", "Territoires numériques éducatifs"] as const;

export type PriceValues = Record<EquipmentCategory, string>;
export type RuleValues = { programme: string; taux: string; plafond: string; categories: string[]; annees: string };
export type ScenarioValues = { name: string; startYear: string; years: string; gapSchedule: string };
export type ScenarioInput = { name: string; startYear: number; years: number; gapSchedule: "first_year" | "spread" };

type Body = Record<string, unknown>;
type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const strList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v !== "" ? [v] : []);

/** The form field of a category's price. */
export const priceField = (category: EquipmentCategory) => `prix_${category}`;
/** The form field of a rule's attribute, rules numbered from 0. */
export const ruleField = (index: number, name: keyof RuleValues) => `regle${index}_${name}`;

/** The catalogue as form values (euros). */
export function priceValuesOf(prices: UnitPriceCatalogue): PriceValues {
  return Object.fromEntries(EQUIPMENT_CATEGORIES.map((c) => [c, centsToInput(prices[c])])) as PriceValues;
}

/** The price fields of a form body. */
export function readPriceValues(body: Body): PriceValues {
  return Object.fromEntries(EQUIPMENT_CATEGORIES.map((c) => [c, str(body[priceField(c)])])) as PriceValues;
}

/** Validates the prices; an empty field leaves the category out of the catalogue. */
export function parsePrices(values: PriceValues): Parsed<UnitPriceCatalogue> {
  const data: UnitPriceCatalogue = {};
  const errors: FieldErrors = {};
  for (const category of EQUIPMENT_CATEGORIES) {
    const cents = parseEurosToCents(values[category]);
    if (cents === null) continue;
    if (Number.isNaN(cents)) errors[priceField(category)] = `Prix de « ${CATEGORY_LABELS[category]} » : saisissez un montant en euros, par exemple 1 250 ou 89,90`;
    else data[category] = cents;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}

/** Rules as form values; with no rule yet, the example programmes with empty rates. */
export function ruleValuesOf(rules: readonly CofundingRule[], { examples = true } = {}): RuleValues[] {
  if (rules.length === 0 && examples) return EXAMPLE_PROGRAMMES.map((programme) => ({ programme, taux: "", plafond: "", categories: [], annees: "" }));
  return rules.map((r) => ({
    programme: r.programme,
    taux: rateToInput(r.rate),
    plafond: centsToInput(r.capCents),
    categories: [...r.eligibleCategories],
    annees: r.years.join(", "),
  }));
}

/** An empty rule row, for adding a programme. */
export const emptyRule = (): RuleValues => ({ programme: "", taux: "", plafond: "", categories: [], annees: "" });

/** The rule rows of a form body (`regles` holds how many rows the form had). */
export function readRuleValues(body: Body): RuleValues[] {
  const count = Math.min(Math.max(Number(str(body.regles)) || 0, 0), 20);
  return Array.from({ length: count }, (_, i) => ({
    programme: str(body[ruleField(i, "programme")]),
    taux: str(body[ruleField(i, "taux")]),
    plafond: str(body[ruleField(i, "plafond")]),
    categories: strList(body[ruleField(i, "categories")]),
    annees: str(body[ruleField(i, "annees")]),
  }));
}

function isBlank(rule: RuleValues): boolean {
  return rule.programme === "" && rule.taux === "" && rule.plafond === "" && rule.categories.length === 0 && rule.annees === "";
}

function parseYears(value: string): number[] | null {
  if (value === "") return [];
  const parts = value.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((p) => /^(19|20|21)\d{2}$/.test(p))) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** Validates the rules in their order (the first rule covering a line funds it); blank rows are dropped. */
export function parseRules(values: readonly RuleValues[]): Parsed<CofundingRule[]> {
  const data: CofundingRule[] = [];
  const errors: FieldErrors = {};
  values.forEach((rule, i) => {
    if (isBlank(rule)) return;
    const errorsBefore = Object.keys(errors).length;
    const name = rule.programme || `n° ${i + 1}`;
    if (rule.programme === "") errors[ruleField(i, "programme")] = `Programme n° ${i + 1} : saisissez son nom`;
    const rate = parsePercentToRate(rule.taux);
    if (rate === null) errors[ruleField(i, "taux")] = `Saisissez le taux de « ${name} » (entre 0 et 100 %), ou effacez le nom du programme pour ne pas l'utiliser`;
    else if (Number.isNaN(rate) || rate > 1) errors[ruleField(i, "taux")] = `Taux de « ${name} » : saisissez un pourcentage entre 0 et 100, par exemple 66 ou 66,5`;
    const cap = parseEurosToCents(rule.plafond);
    if (cap !== null && Number.isNaN(cap)) errors[ruleField(i, "plafond")] = `Plafond de « ${name} » : saisissez un montant en euros, ou laissez vide s'il n'y en a pas`;
    const categories = rule.categories.filter(isEquipmentCategory);
    if (categories.length === 0) errors[ruleField(i, "categories")] = `Cochez au moins une catégorie d'équipement financée par « ${name} »`;
    const years = parseYears(rule.annees);
    if (years === null) errors[ruleField(i, "annees")] = `Années de « ${name} » : saisissez des années séparées par des virgules, par exemple 2026, 2027, ou laissez vide pour toutes`;
    if (Object.keys(errors).length === errorsBefore && rate !== null && years) {
      data.push({ programme: rule.programme, rate, capCents: cap, eligibleCategories: categories, years });
    }
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}

/** The scenario fields of a form body. */
export function readScenarioValues(body: Body): ScenarioValues {
  return { name: str(body.name), startYear: str(body.startYear), years: str(body.years), gapSchedule: str(body.gapSchedule) };
}

/** Validates a scenario's name, start year, length (2 to 6 years) and gap schedule. */
export function parseScenario(values: ScenarioValues): Parsed<ScenarioInput> {
  const errors: FieldErrors = {};
  if (values.name === "") errors.name = "Donnez un nom au scénario, par exemple « Plan 2027-2029 »";
  else if (values.name.length > 120) errors.name = "Le nom du scénario doit faire 120 caractères au maximum";
  const startYear = Number(values.startYear);
  if (!/^\d{4}$/.test(values.startYear) || startYear < 2000 || startYear > 2100) errors.startYear = "Saisissez l'année de départ sur 4 chiffres, par exemple 2027";
  const years = Number(values.years);
  if (!/^\d$/.test(values.years) || years < SCENARIO_MIN_YEARS || years > SCENARIO_MAX_YEARS) {
    errors.years = `Choisissez une durée de ${SCENARIO_MIN_YEARS} à ${SCENARIO_MAX_YEARS} ans`;
  }
  const gapSchedule = values.gapSchedule === "spread" ? "spread" : values.gapSchedule === "first_year" ? "first_year" : null;
  if (!gapSchedule) errors.gapSchedule = "Choisissez quand combler les manques du socle";
  else if (!errors.years) {
    const problem = scenarioPlanProblem({ years, gapSchedule });
    if (problem) errors.gapSchedule = `${problem.charAt(0).toUpperCase()}${problem.slice(1)}`;
  }
  if (Object.keys(errors).length > 0 || !gapSchedule) return { ok: false, errors };
  return { ok: true, data: { name: values.name, startYear, years, gapSchedule } };
}
