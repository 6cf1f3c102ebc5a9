// The costed multi-year equipment plan of a territory (3 to 6 calendar years, the communes' budget
// years). What it buys, per school:
// - gaps of the reference set, filled with each element's purchase category. Broken items are
//   counted as present when measuring gaps, because they are replaced anyway (no double purchase).
//   Gaps go to year 1 by default; `gapSchedule: "spread"` spreads the schools with gaps evenly over
//   the years, least compliant first (all of a school's gaps in the same year: one project per school).
// - broken items (`en_panne`): replaced in year 1.
// - renewals: items in service or under repair are replaced in the year their end of life falls;
//   already past it: year 1. Items with no date cannot be scheduled and are listed apart.
// - anything bought in the plan is renewed again if its lifetime ends within the plan.
// Retired items (`reforme`) are ignored. Money is in integer euro cents, incl. tax.
// Co-funding: a project is what one commune buys in one year under one programme. Rules are tried in
// the order given and a line goes to the first rule that covers its category and year (programmes are
// not stacked on the same expense); co-funding = min(floor(rate × eligible amount), cap). Rates and
// caps are data entered by the territory: none is hard-coded here.
import { isEquipmentCategory, DEFAULT_LIFETIME_YEARS, type EquipmentCategory, type LifetimeTable } from "./categories.js";
import { yearOf } from "./dates.js";
import { endOfLifeDate, isCountedItem, type InventoryItem } from "./inventory.js";
import { computeCompliance, DEFAULT_SOCLE, type Socle, type SocleElement } from "./socle.js";

export const MIN_PLAN_YEARS = 3;
export const MAX_PLAN_YEARS = 6;

export interface PlanSchool {
  schoolId: string;
  communeCode: string;
  classes: readonly { id: string }[];
  items: readonly InventoryItem[];
}

/** Unit price incl. tax per category, in cents (the territory's catalogue). */
export type UnitPriceCatalogue = Partial<Record<EquipmentCategory, number>>;

/** A co-funding programme, e.g. "Socle numérique 2021" or "Territoires numériques éducatifs". */
export interface CofundingRule {
  programme: string;
  /** Share of the eligible amount funded, between 0 and 1. */
  rate: number;
  /** Maximum co-funding per project in cents; null = no cap. */
  capCents: number | null;
  eligibleCategories: readonly EquipmentCategory[];
  years: readonly number[];
}

export interface PlanSettings {
  startYear: number;
  years: number;
  prices: UnitPriceCatalogue;
  cofunding?: readonly CofundingRule[];
  socle?: Socle;
  lifetimes?: LifetimeTable;
  gapSchedule?: "first_year" | "spread";
}

export type PlanReason = "manque" | "panne" | "renouvellement";

export interface PlanLine {
  year: number;
  schoolId: string;
  communeCode: string;
  category: EquipmentCategory;
  reason: PlanReason;
  /** Reference-set element a gap purchase fills; null for replacements. */
  element: string | null;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  /** Programme co-funding this line, if any. */
  programme: string | null;
}

export interface PlanProject {
  year: number;
  communeCode: string;
  programme: string;
  eligibleCents: number;
  cofundingCents: number;
}

export interface MoneyTotals {
  grossCents: number;
  cofundingCents: number;
  netCents: number;
}

export interface Plan {
  startYear: number;
  years: number[];
  lines: PlanLine[];
  projects: PlanProject[];
  byCommuneYear: (MoneyTotals & { communeCode: string; year: number })[];
  byYear: (MoneyTotals & { year: number })[];
  total: MoneyTotals;
  /** Categories bought but missing from the price catalogue (priced 0). */
  unpricedCategories: EquipmentCategory[];
  /** Items that could not be scheduled for renewal: no acquisition date nor end of life. */
  undatedItemIds: string[];
}

/** Problems (in French) with plan settings; empty when a plan can be built. */
export function checkPlanSettings(settings: PlanSettings): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(settings.startYear)) problems.push("l'année de départ doit être un nombre entier");
  if (!Number.isInteger(settings.years) || settings.years < MIN_PLAN_YEARS || settings.years > MAX_PLAN_YEARS) {
    problems.push(`la durée du plan doit être de ${MIN_PLAN_YEARS} à ${MAX_PLAN_YEARS} ans`);
  }
  for (const [category, price] of Object.entries(settings.prices)) {
    if (!Number.isInteger(price) || (price as number) < 0) problems.push(`prix de « ${category} » : montant en centimes ≥ 0 attendu`);
  }
  for (const rule of settings.cofunding ?? []) {
    const name = `programme « ${rule.programme} »`;
    if (rule.programme.trim() === "") problems.push("un programme de cofinancement doit avoir un nom");
    if (!(rule.rate >= 0 && rule.rate <= 1)) problems.push(`${name} : taux entre 0 et 1 attendu`);
    if (rule.capCents !== null && !(Number.isInteger(rule.capCents) && rule.capCents >= 0)) {
      problems.push(`${name} : plafond en centimes ≥ 0 attendu`);
    }
    if (rule.eligibleCategories.some((c) => !isEquipmentCategory(c))) problems.push(`${name} : catégorie inconnue`);
  }
  return problems;
}

interface Purchase {
  year: number;
  category: EquipmentCategory;
  reason: PlanReason;
  element: string | null;
}

/** Items to buy so that every element of the reference set is met, per element. */
function gapPurchases(school: PlanSchool, items: readonly InventoryItem[], element: SocleElement): number {
  const rule = element.requirement;
  if (rule.kind !== "per_class") {
    const result = computeCompliance(school, items, { version: "", label: "", elements: [element] });
    return result.elements[0]?.manque ?? 0;
  }
  // A class short of items needs the missing ones, not just one.
  return school.classes.reduce((sum, cls) => {
    const held = items.filter(
      (i) => i.classId === cls.id && element.categories.includes(i.category) && isCountedItem(i),
    ).length;
    return sum + Math.max(0, rule.count - held);
  }, 0);
}

/** Year each school's gaps are bought in: year 1, or spread least compliant first. */
function gapYears(schools: readonly PlanSchool[], settings: PlanSettings, socle: Socle): Map<string, number> {
  const withGaps = schools
    .map((school) => ({ school, result: computeCompliance(school, asIfRepaired(school.items), socle) }))
    .filter(({ result }) => result.met < result.requis)
    .sort((a, b) => a.result.compliance - b.result.compliance || a.school.schoolId.localeCompare(b.school.schoolId));
  const years = new Map<string, number>();
  withGaps.forEach(({ school }, rank) => {
    const offset = settings.gapSchedule === "spread" ? Math.floor((rank * settings.years) / withGaps.length) : 0;
    years.set(school.schoolId, settings.startYear + offset);
  });
  return years;
}

/** Broken items count as present when measuring gaps: they are replaced by the plan. */
function asIfRepaired(items: readonly InventoryItem[]): InventoryItem[] {
  return items.map((item) => (item.state === "en_panne" ? { ...item, state: "en_service" } : item));
}

/** Every purchase of one school over the plan, including renewals of what the plan itself buys. */
function schoolPurchases(
  school: PlanSchool,
  settings: PlanSettings,
  gapYear: number | undefined,
  undated: string[],
): Purchase[] {
  const socle = settings.socle ?? DEFAULT_SOCLE;
  const lifetimes = settings.lifetimes ?? DEFAULT_LIFETIME_YEARS;
  const first = settings.startYear;
  const last = first + settings.years - 1;
  const initial: Purchase[] = [];
  if (gapYear !== undefined) {
    const repaired = asIfRepaired(school.items);
    for (const element of socle.elements) {
      const quantity = gapPurchases(school, repaired, element);
      for (let n = 0; n < quantity; n += 1) {
        initial.push({ year: gapYear, category: element.purchaseCategory, reason: "manque", element: element.code });
      }
    }
  }
  for (const item of school.items) {
    if (item.state === "en_panne") {
      initial.push({ year: first, category: item.category, reason: "panne", element: null });
    } else if (isCountedItem(item)) {
      const eol = endOfLifeDate(item, lifetimes);
      if (eol === null) undated.push(item.id);
      else if (yearOf(eol) <= last) {
        initial.push({ year: Math.max(first, yearOf(eol)), category: item.category, reason: "renouvellement", element: null });
      }
    }
  }
  const all = [...initial];
  for (let i = 0; i < all.length; i += 1) {
    const bought = all[i] as Purchase;
    const next = bought.year + Math.max(1, lifetimes[bought.category]);
    if (next <= last) all.push({ year: next, category: bought.category, reason: "renouvellement", element: null });
  }
  return all;
}

/** Builds the costed plan for a set of schools (throws a RangeError listing the problems of bad settings). */
export function buildPlan(schools: readonly PlanSchool[], settings: PlanSettings): Plan {
  const problems = checkPlanSettings(settings);
  if (problems.length > 0) throw new RangeError(problems.join(" ; "));
  const socle = settings.socle ?? DEFAULT_SOCLE;
  const years = Array.from({ length: settings.years }, (_, i) => settings.startYear + i);
  const gapYearBySchool = gapYears(schools, settings, socle);
  const undatedItemIds: string[] = [];
  const unpriced = new Set<EquipmentCategory>();
  const lineByKey = new Map<string, PlanLine>();
  for (const school of schools) {
    for (const p of schoolPurchases(school, settings, gapYearBySchool.get(school.schoolId), undatedItemIds)) {
      const key = JSON.stringify([p.year, school.schoolId, p.category, p.reason, p.element]);
      const price = settings.prices[p.category];
      if (price === undefined) unpriced.add(p.category);
      const line = lineByKey.get(key) ?? {
        year: p.year,
        schoolId: school.schoolId,
        communeCode: school.communeCode,
        category: p.category,
        reason: p.reason,
        element: p.element,
        quantity: 0,
        unitPriceCents: price ?? 0,
        amountCents: 0,
        programme: null,
      };
      line.quantity += 1;
      line.amountCents = line.quantity * line.unitPriceCents;
      lineByKey.set(key, line);
    }
  }
  const lines = [...lineByKey.values()].sort(
    (a, b) => a.year - b.year || a.communeCode.localeCompare(b.communeCode) || a.schoolId.localeCompare(b.schoolId),
  );
  const projects = applyCofunding(lines, settings.cofunding ?? []);
  return { startYear: settings.startYear, years, lines, projects, ...totals(lines, projects, years),
    unpricedCategories: [...unpriced], undatedItemIds };
}

/** Assigns lines to programmes and computes one co-funding per commune, year and programme. */
function applyCofunding(lines: PlanLine[], rules: readonly CofundingRule[]): PlanProject[] {
  const projects = new Map<string, { project: PlanProject; rule: CofundingRule }>();
  for (const line of lines) {
    const ruleIndex = rules.findIndex((r) => r.years.includes(line.year) && r.eligibleCategories.includes(line.category));
    const rule = rules[ruleIndex];
    if (!rule) continue;
    line.programme = rule.programme;
    const key = JSON.stringify([line.communeCode, line.year, ruleIndex]);
    const entry = projects.get(key) ?? {
      rule,
      project: { year: line.year, communeCode: line.communeCode, programme: rule.programme, eligibleCents: 0, cofundingCents: 0 },
    };
    entry.project.eligibleCents += line.amountCents;
    projects.set(key, entry);
  }
  return [...projects.values()].map(({ project, rule }) => {
    // toFixed first: 0.29 × 100 is 28.999… in floating point.
    const funded = Math.floor(Number((rule.rate * project.eligibleCents).toFixed(6)));
    return { ...project, cofundingCents: Math.min(funded, rule.capCents ?? Number.POSITIVE_INFINITY) };
  });
}

/** Gross, co-funding and net per commune and year, per year, and overall. */
function totals(lines: readonly PlanLine[], projects: readonly PlanProject[], years: readonly number[]) {
  const cells = new Map<string, MoneyTotals & { communeCode: string; year: number }>();
  const cell = (communeCode: string, year: number) => {
    const key = JSON.stringify([communeCode, year]);
    const existing = cells.get(key) ?? { communeCode, year, grossCents: 0, cofundingCents: 0, netCents: 0 };
    cells.set(key, existing);
    return existing;
  };
  for (const line of lines) cell(line.communeCode, line.year).grossCents += line.amountCents;
  for (const project of projects) cell(project.communeCode, project.year).cofundingCents += project.cofundingCents;
  const byCommuneYear = [...cells.values()]
    .map((c) => ({ ...c, netCents: c.grossCents - c.cofundingCents }))
    .sort((a, b) => a.communeCode.localeCompare(b.communeCode) || a.year - b.year);
  const byYear = years.map((year) => sumMoney(byCommuneYear.filter((c) => c.year === year), { year }));
  return { byCommuneYear, byYear, total: sumMoney(byYear, {}) };
}

function sumMoney<T extends object>(rows: readonly MoneyTotals[], extra: T): T & MoneyTotals {
  const grossCents = rows.reduce((s, r) => s + r.grossCents, 0);
  const cofundingCents = rows.reduce((s, r) => s + r.cofundingCents, 0);
  return { ...extra, grossCents, cofundingCents, netCents: grossCents - cofundingCents };
}

/** Year-by-year comparison of two scenarios (net cost difference = b − a). */
export function comparePlans(a: Plan, b: Plan): { year: number; netA: number; netB: number; netDelta: number; grossA: number; grossB: number }[] {
  const years = [...new Set([...a.years, ...b.years])].sort((x, y) => x - y);
  const at = (plan: Plan, year: number) => plan.byYear.find((y) => y.year === year) ?? { grossCents: 0, netCents: 0 };
  return years.map((year) => {
    const [ya, yb] = [at(a, year), at(b, year)];
    return { year, grossA: ya.grossCents, grossB: yb.grossCents, netA: ya.netCents, netB: yb.netCents, netDelta: yb.netCents - ya.netCents };
  });
}
