// Builds a scenario's plan with the pure rules of ../domain/plan.ts, adding two things scenarios allow:
// - a co-funding rule whose years are left empty applies to every year of the plan;
// - 2-year plans (issue 4's browser flow builds one) while the domain's minimum is 3 years. A 2-year plan
//   with gaps bought in year 1 is the first two years of the 3-year plan, exactly: what a year buys
//   depends only on earlier years (gaps and broken items in year 1, renewals in the year their end of
//   life falls, renewals of purchases after them) and co-funding is computed per year. Spreading gaps
//   over 2 years needs the domain's minimum lowered (MIN_PLAN_YEARS = 2); until then it is refused.
import { buildPlan, MAX_PLAN_YEARS, MIN_PLAN_YEARS, type CofundingRule, type MoneyTotals, type Plan, type PlanSchool, type PlanSettings } from "../domain/plan.js";

export const SCENARIO_MIN_YEARS = Math.min(2, MIN_PLAN_YEARS);
export const SCENARIO_MAX_YEARS = MAX_PLAN_YEARS;

/** The rules with their empty year lists replaced by every year of the plan. */
export function effectiveRules(rules: readonly CofundingRule[], startYear: number, years: number): CofundingRule[] {
  const all = Array.from({ length: years }, (_, i) => startYear + i);
  return rules.map((rule) => (rule.years.length === 0 ? { ...rule, years: all } : rule));
}

/** Why these settings cannot make a scenario plan (French), or null. */
export function scenarioPlanProblem(settings: Pick<PlanSettings, "years" | "gapSchedule">): string | null {
  if (settings.years < MIN_PLAN_YEARS && settings.gapSchedule === "spread") {
    return `l'étalement des manques demande un plan d'au moins ${MIN_PLAN_YEARS} ans ; pour ${settings.years} ans, les manques sont achetés la première année`;
  }
  return null;
}

/** The costed plan of a scenario (throws a RangeError with French problems on unsound settings). */
export function buildScenarioPlan(schools: readonly PlanSchool[], settings: PlanSettings): Plan {
  const problem = scenarioPlanProblem(settings);
  if (problem) throw new RangeError(problem);
  if (settings.years < SCENARIO_MIN_YEARS || settings.years > SCENARIO_MAX_YEARS) {
    throw new RangeError(`la durée du plan doit être de ${SCENARIO_MIN_YEARS} à ${SCENARIO_MAX_YEARS} ans`);
  }
  const built = Math.max(settings.years, MIN_PLAN_YEARS);
  const cofunding = effectiveRules(settings.cofunding ?? [], settings.startYear, built);
  const plan = buildPlan(schools, { ...settings, years: built, cofunding });
  return built === settings.years ? plan : firstYears(plan, settings.years);
}

function sum<T extends object>(rows: readonly MoneyTotals[], extra: T): T & MoneyTotals {
  const grossCents = rows.reduce((s, r) => s + r.grossCents, 0);
  const cofundingCents = rows.reduce((s, r) => s + r.cofundingCents, 0);
  return { ...extra, grossCents, cofundingCents, netCents: grossCents - cofundingCents };
}

/** The plan restricted to its first `years` years, totals recomputed. */
function firstYears(plan: Plan, years: number): Plan {
  const last = plan.startYear + years - 1;
  const lines = plan.lines.filter((l) => l.year <= last);
  const byYear = plan.byYear.filter((y) => y.year <= last);
  const bought = new Set(lines.map((l) => l.category));
  return {
    ...plan,
    years: plan.years.filter((y) => y <= last),
    lines,
    projects: plan.projects.filter((p) => p.year <= last),
    byCommuneYear: plan.byCommuneYear.filter((c) => c.year <= last),
    byYear,
    total: sum(byYear, {}),
    unpricedCategories: plan.unpricedCategories.filter((c) => bought.has(c)),
  };
}
