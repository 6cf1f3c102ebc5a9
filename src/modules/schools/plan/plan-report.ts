// A built plan arranged for people: named lines, totals per commune and year, amounts per reason and year.
// The page and the budget export read the same report, so their figures cannot differ. Pure.
import { CATEGORY_LABELS } from "../domain/categories.js";
import type { MoneyTotals, Plan, PlanLine, PlanReason } from "../domain/plan.js";
import type { PlanNames } from "./plan.queries.js";

/** French labels of the reasons a line is bought for. */
export const REASON_LABELS: Readonly<Record<PlanReason, string>> = {
  manque: "Manque du socle numérique",
  renouvellement: "Renouvellement en fin de vie",
  panne: "Remplacement d'un équipement en panne",
};

/** Order the reasons are shown in. */
export const REASONS: readonly PlanReason[] = ["manque", "renouvellement", "panne"];

/** French labels of the gap schedules. */
export const GAP_SCHEDULE_LABELS: Readonly<Record<"first_year" | "spread", string>> = {
  first_year: "Tous les manques la première année",
  spread: "Manques étalés sur la durée du plan, écoles les moins équipées d'abord",
};

export type NamedLine = PlanLine & { schoolName: string; uai: string; communeName: string; categoryLabel: string; reasonLabel: string };

export type CommuneTotals = { code: string; name: string; perYear: MoneyTotals[]; total: MoneyTotals };

export type PlanReport = {
  plan: Plan;
  years: number[];
  communes: CommuneTotals[];
  reasons: { reason: PlanReason; label: string; perYear: number[]; totalCents: number }[];
  lines: NamedLine[];
  projects: (Plan["projects"][number] & { communeName: string })[];
};

const zero = (): MoneyTotals => ({ grossCents: 0, cofundingCents: 0, netCents: 0 });

function add(into: MoneyTotals, more: MoneyTotals): void {
  into.grossCents += more.grossCents;
  into.cofundingCents += more.cofundingCents;
  into.netCents += more.netCents;
}

/** Arranges a plan for the page and the export. */
export function planReport(plan: Plan, names: PlanNames): PlanReport {
  const communeName = (code: string) => names.communes.get(code) ?? code;
  const communes = new Map<string, CommuneTotals>();
  for (const cell of plan.byCommuneYear) {
    const entry = communes.get(cell.communeCode) ?? { code: cell.communeCode, name: communeName(cell.communeCode), perYear: plan.years.map(zero), total: zero() };
    const index = plan.years.indexOf(cell.year);
    if (index >= 0) add(entry.perYear[index]!, cell);
    add(entry.total, cell);
    communes.set(cell.communeCode, entry);
  }
  const reasons = REASONS.map((reason) => {
    const perYear = plan.years.map((year) => plan.lines.filter((l) => l.reason === reason && l.year === year).reduce((s, l) => s + l.amountCents, 0));
    return { reason, label: REASON_LABELS[reason], perYear, totalCents: perYear.reduce((a, b) => a + b, 0) };
  });
  const lines = plan.lines.map((line) => {
    const school = names.schools.get(line.schoolId);
    return {
      ...line,
      schoolName: school?.name ?? line.schoolId,
      uai: school?.uai ?? "",
      communeName: communeName(line.communeCode),
      categoryLabel: CATEGORY_LABELS[line.category],
      reasonLabel: REASON_LABELS[line.reason],
    };
  });
  return {
    plan,
    years: plan.years,
    communes: [...communes.values()].sort((a, b) => a.name.localeCompare(b.name, "fr")),
    reasons,
    lines,
    projects: plan.projects.map((p) => ({ ...p, communeName: communeName(p.communeCode) })),
  };
}
