// A scenario as a workbook (parameters, the three strategies, allocations per commune, ranked log) and as the
// CLI's JSON and CSV.
import ExcelJS from "exceljs";
import { safeCell, type Cell } from "../../schools/import-export/spreadsheet.js";
import { LEVER_KEYS, LEVER_LABELS, STRATEGY_LABELS, type PlannerParams, type StrategyKey, type StrategyResult } from "../domain/planner.js";

type Plan = Record<StrategyKey, StrategyResult>;
const STRATEGIES: StrategyKey[] = ["saupoudrage", "concentration", "optimise"];
const r3 = (n: number) => Math.round(n * 1000) / 1000;

export const ALLOCATION_HEADER = ["strategie", "code_insee", "commune", "indice_fragilite", "besoin", "equipement_eur", "mediation_eur", "formation_eur", "total_eur", "personnes_aidees", "couverture"];

/** One row per strategy and commune funded. */
export function allocationRows(plan: Plan): Cell[][] {
  return STRATEGIES.flatMap((k) =>
    plan[k].units
      .filter((u) => u.euros > 0)
      .map((u) => [k, u.code, u.name, u.fragility === null ? null : r3(u.fragility), r3(u.need), u.allocation.equipement, u.allocation.mediation, u.allocation.formation, u.euros, r3(u.benefit), r3(u.coverage)]),
  );
}

/** The summary of each strategy (for JSON and the workbook). */
export function strategySummary(result: StrategyResult) {
  return { strategie: result.key, libelle: STRATEGY_LABELS[result.key], budget_reparti: result.spent, personnes_aidees: r3(result.benefit), benefice_pondere: r3(result.weightedBenefit), communes_atteintes: result.reached, part_quintile_fragile: r3(result.topQuintileShare), gini: r3(result.gini), hhi: r3(result.hhi) };
}

/** The workbook of a scenario. */
export async function plannerWorkbook(name: string, params: PlannerParams, plan: Plan): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const add = (title: string, header: string[], rows: Cell[][]) => {
    const sheet = workbook.addWorksheet(title);
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row.map(safeCell));
  };
  add("Paramètres", ["parametre", "valeur"], [
    ["scenario", name],
    ["budget_eur", params.budget],
    ["pas_eur", params.step],
    ["taux_recours", params.uptake],
    ["part_a_accompagner", params.needShare],
    ["poids_equite_alpha", params.equityAlpha],
    ["couplage_formation_equipement", params.coupling],
    ...LEVER_KEYS.flatMap((k): Cell[][] => [
      [`${k}_actif`, params.levers[k].enabled ? "oui" : "non"],
      [`${k}_cout_unitaire_eur`, params.levers[k].unitCost],
      [`${k}_seuil`, params.levers[k].threshold],
      [`${k}_rythme`, params.levers[k].pace],
    ]),
  ]);
  const summaries = STRATEGIES.map((k) => strategySummary(plan[k]));
  add("Stratégies", Object.keys(summaries[0]!), summaries.map((s) => Object.values(s) as Cell[]));
  add("Répartition", ALLOCATION_HEADER, allocationRows(plan));
  add("Journal", ["strategie", "rang", "code_insee", "commune", "levier", "montant_eur", "personnes_aidees", "personnes_pour_1000_eur", "raison"], STRATEGIES.flatMap((k) => plan[k].log.map((e, i) => [k, i + 1, e.code, e.name, LEVER_LABELS[e.lever].label, e.euros, r3(e.benefit), r3(e.perThousand), e.reason])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
