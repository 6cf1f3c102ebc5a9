// The allocation planner: where a budget goes between levers (equipment, mediator hours, training) and units
// (communes), between concentrating means and spreading them too thin. Pure.
//
// Model (DATA-AND-MODELS §3, shown on the planner page):
// - need N_i = population × needShare × F_i / F̄ (F = fragility index; a unit without index takes F̄);
// - lever ℓ bought in units x = euros / unit cost; benefit B_iℓ(x) = 0 below the threshold m_ℓ, else
//   u·N_i·(1 − e^(−x / (k_ℓ·N_i))) (diminishing returns, saturating at the uptake of the need);
// - coupling: training euros ≥ ρ × equipment euros in each unit (1:1 in the educational-territories programme);
//   mediator hours only where a place exists;
// - equity weight ω_i = (F_i / F̄)^α; the optimised strategy maximises Σ ω_i·B_iℓ under the budget, exactly, on
//   blocks of `step` euros (dynamic programming: per unit, the best split between levers for every amount;
//   then across units, the best amounts for the budget).

export const LEVER_KEYS = ["equipement", "mediation", "formation"] as const;
export type LeverKey = (typeof LEVER_KEYS)[number];

export type Lever = {
  enabled: boolean;
  /** Euros per unit of the lever (a device, an hour of mediation, an hour of training). */
  unitCost: number;
  /** Units below which the action counts for nothing (a class set, a permanence's minimum hours…). */
  threshold: number;
  /** Units per person in need for the benefit to reach 63 % of its saturation (k_ℓ). */
  pace: number;
};

export type PlannerParams = {
  budget: number;
  step: number;
  uptake: number;
  needShare: number;
  equityAlpha: number;
  /** ρ: training euros ≥ ρ × equipment euros per unit; null = no coupling. */
  coupling: number | null;
  levers: Record<LeverKey, Lever>;
  /** The index version whose scores give F_i (null = the current one). */
  indexVersionId?: number | null;
};

export type PlannerUnit = { code: string; name: string; population: number; fragility: number | null; hasPlace: boolean };

export const LEVER_LABELS: Record<LeverKey, { label: string; unit: string; units: string }> = {
  equipement: { label: "Équipement", unit: "poste", units: "postes" },
  mediation: { label: "Heures de médiation", unit: "heure", units: "heures" },
  formation: { label: "Formation", unit: "heure", units: "heures" },
};

/** Default parameters (editable on the page): a 500 € block, 60 % uptake, the TNE 1:1 coupling. */
export const DEFAULT_PARAMS: PlannerParams = {
  budget: 150_000,
  step: 500,
  uptake: 0.6,
  needShare: 0.15,
  equityAlpha: 1,
  coupling: 1,
  levers: {
    equipement: { enabled: true, unitCost: 400, threshold: 10, pace: 0.2 },
    mediation: { enabled: true, unitCost: 35, threshold: 240, pace: 10 },
    formation: { enabled: true, unitCost: 60, threshold: 30, pace: 1 },
  },
};

export type StrategyKey = "saupoudrage" | "concentration" | "optimise";
export const STRATEGY_LABELS: Record<StrategyKey, string> = {
  saupoudrage: "Répartir également",
  concentration: "Concentrer sur les plus fragiles",
  optimise: "Optimisé",
};

export type Allocation = Record<LeverKey, number>;

export type LogEntry = {
  code: string;
  name: string;
  lever: LeverKey;
  euros: number;
  units: number;
  /** Persons helped (unweighted). */
  benefit: number;
  /** Persons per 1,000 €. */
  perThousand: number;
  aboveThreshold: boolean;
  reason: string;
};

export type UnitResult = { code: string; name: string; need: number; weight: number; fragility: number | null; allocation: Allocation; euros: number; benefit: number; coverage: number; reached: boolean };

export type StrategyResult = {
  key: StrategyKey;
  spent: number;
  /** Σ ω_i B_i: the objective. */
  weightedBenefit: number;
  /** Σ B_i: persons helped. */
  benefit: number;
  reached: number;
  topQuintileShare: number;
  gini: number;
  /** (share of units, share of cumulated coverage), from (0, 0) to (1, 1). */
  lorenz: { x: number; y: number }[];
  hhi: number;
  units: UnitResult[];
  log: LogEntry[];
};

type Prepared = PlannerUnit & { need: number; weight: number; meanF: number };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Benefit (persons) of x units of a lever for a need N, with the threshold. */
export function leverBenefit(lever: Lever, need: number, uptake: number, units: number): number {
  if (!lever.enabled || units <= 0 || units + 1e-9 < lever.threshold || need <= 0) return 0;
  return uptake * need * (1 - Math.exp(-units / (lever.pace * need)));
}

/** Needs and equity weights of the units. */
export function prepareUnits(units: readonly PlannerUnit[], params: PlannerParams): Prepared[] {
  const known = units.map((u) => u.fragility).filter((f): f is number => f !== null && f > 0);
  const meanF = known.length > 0 ? known.reduce((s, f) => s + f, 0) / known.length : 1;
  return units.map((u) => {
    const ratio = (u.fragility !== null && u.fragility > 0 ? u.fragility : meanF) / meanF;
    return { ...u, meanF, need: Math.max(0, u.population) * params.needShare * ratio, weight: ratio ** params.equityAlpha };
  });
}

function usable(unit: Prepared, params: PlannerParams, key: LeverKey): boolean {
  return params.levers[key].enabled && (key !== "mediation" || unit.hasPlace);
}

/** Benefit (persons, unweighted) of an allocation in euros at a unit. */
export function unitBenefit(unit: Prepared, params: PlannerParams, allocation: Allocation): number {
  let total = 0;
  for (const key of LEVER_KEYS) {
    if (!usable(unit, params, key)) continue;
    total += leverBenefit(params.levers[key], unit.need, params.uptake, allocation[key] / params.levers[key].unitCost);
  }
  return total;
}

type UnitTable = { value: Float64Array; split: Int32Array[] };

/** Blocks a lever needs to reach its threshold. */
function thresholdSteps(lever: Lever, step: number): number {
  return Math.max(1, Math.ceil((lever.threshold * lever.unitCost) / step - 1e-9));
}

/**
 * For one unit, the best split between levers for exactly s = 0..maxSteps blocks (value = ω·benefit; −∞ when
 * no split of exactly s blocks is allowed). A lever gets nothing or at least its threshold; training gets at
 * least ρ × equipment.
 */
function unitTable(unit: Prepared, params: PlannerParams, maxSteps: number): UnitTable {
  const curve = (key: LeverKey) => {
    const out = new Float64Array(maxSteps + 1).fill(-Infinity);
    out[0] = 0;
    if (!usable(unit, params, key)) return out;
    const lever = params.levers[key];
    for (let s = thresholdSteps(lever, params.step); s <= maxSteps; s++) out[s] = unit.weight * leverBenefit(lever, unit.need, params.uptake, (s * params.step) / lever.unitCost);
    return out;
  };
  const e = curve("equipement");
  const t = curve("formation");
  const h = curve("mediation");
  const rho = params.coupling ?? 0;
  // Equipment and training together, training ≥ ρ × equipment.
  const et = new Float64Array(maxSteps + 1).fill(-Infinity);
  const etE = new Int32Array(maxSteps + 1);
  for (let s = 0; s <= maxSteps; s++) {
    for (let se = 0; se <= s; se++) {
      const st = s - se;
      if (st + 1e-9 < rho * se) break;
      const v = e[se]! + t[st]!;
      if (v > et[s]!) {
        et[s] = v;
        etE[s] = se;
      }
    }
  }
  const value = new Float64Array(maxSteps + 1).fill(-Infinity);
  const hSteps = new Int32Array(maxSteps + 1);
  for (let s = 0; s <= maxSteps; s++) {
    for (let sh = 0; sh <= s; sh++) {
      const v = h[sh]! + et[s - sh]!;
      if (v > value[s]!) {
        value[s] = v;
        hSteps[s] = sh;
      }
    }
  }
  return { value, split: [hSteps, etE] };
}

/** The number of blocks ≤ s that gives the unit its best value (fewest blocks on ties). */
function bestUpTo(table: UnitTable, s: number): number {
  let best = 0;
  for (let k = 1; k <= s; k++) if (table.value[k]! > table.value[best]! + 1e-12) best = k;
  return best;
}

function splitOf(table: UnitTable, steps: number, step: number): Allocation {
  const [hSteps, etE] = table.split as [Int32Array, Int32Array];
  const sh = hSteps[steps]!;
  const se = etE[steps - sh]!;
  return { mediation: sh * step, equipement: se * step, formation: (steps - sh - se) * step };
}

const zero = (): Allocation => ({ equipement: 0, mediation: 0, formation: 0 });

/** The optimised allocation: exact on blocks of `step` euros. */
function optimise(units: Prepared[], params: PlannerParams): Allocation[] {
  const S = Math.floor(params.budget / params.step);
  const tables = units.map((u) => unitTable(u, params, S));
  // best[s] = best value with s blocks over the units seen so far; choice[i][s] = blocks given to unit i.
  let best = new Float64Array(S + 1);
  const choice: Int32Array[] = [];
  for (const table of tables) {
    const next = new Float64Array(S + 1);
    const pick = new Int32Array(S + 1);
    const v = table.value;
    for (let s = 0; s <= S; s++) {
      let bestValue = best[s]!;
      let bestK = 0;
      for (let k = 1; k <= s; k++) {
        const candidate = best[s - k]! + v[k]!;
        if (candidate > bestValue + 1e-12) {
          bestValue = candidate;
          bestK = k;
        }
      }
      next[s] = bestValue;
      pick[s] = bestK;
    }
    best = next;
    choice.push(pick);
  }
  const allocations: Allocation[] = units.map(zero);
  let s = S;
  for (let i = units.length - 1; i >= 0; i--) {
    const k = choice[i]![s]!;
    if (k > 0) allocations[i] = splitOf(tables[i]!, k, params.step);
    s -= k;
  }
  return allocations;
}

/** Fixed proportions between levers: equipment 1, training ρ (or 1), mediator hours 1 where a place exists. */
function fixedSplit(unit: Prepared, params: PlannerParams, steps: number): Allocation {
  const shares: Allocation = { equipement: usable(unit, params, "equipement") ? 1 : 0, formation: usable(unit, params, "formation") ? Math.max(1, params.coupling ?? 1) : 0, mediation: usable(unit, params, "mediation") ? 1 : 0 };
  if (shares.equipement > 0 && shares.formation === 0 && (params.coupling ?? 0) > 0) shares.equipement = 0;
  const total = shares.equipement + shares.formation + shares.mediation;
  if (total === 0) return zero();
  const out = zero();
  let used = 0;
  for (const key of LEVER_KEYS) {
    out[key] = Math.floor((steps * shares[key]) / total) * params.step;
    used += out[key] / params.step;
  }
  // Leftover blocks go to training, which keeps the coupling.
  const rest = steps - used;
  if (rest > 0) out[shares.formation > 0 ? "formation" : shares.mediation > 0 ? "mediation" : "equipement"] += rest * params.step;
  return out;
}

/** By fragility, most fragile first (units without index last). */
function byFragility(units: readonly Prepared[]): number[] {
  return units.map((_, i) => i).sort((a, b) => (units[b]!.fragility ?? -1) - (units[a]!.fragility ?? -1) || units[a]!.code.localeCompare(units[b]!.code));
}

function allocateEvenly(units: Prepared[], params: PlannerParams): Allocation[] {
  const S = Math.floor(params.budget / params.step);
  const each = units.length > 0 ? Math.floor(S / units.length) : 0;
  return units.map((u) => fixedSplit(u, params, each));
}

/** The top fragility quintile (at least one unit) shares the budget equally, each split at its best. */
function concentrate(units: Prepared[], params: PlannerParams): Allocation[] {
  const S = Math.floor(params.budget / params.step);
  const top = byFragility(units).slice(0, Math.max(1, Math.ceil(units.length / 5)));
  const each = Math.floor(S / top.length);
  const out = units.map(zero);
  for (const i of top) {
    const table = unitTable(units[i]!, params, each);
    out[i] = splitOf(table, bestUpTo(table, each), params.step);
  }
  return out;
}

/** Gini of values (0 = equal, → 1 = all on one): Σ(2i − n − 1)·y_(i) / (n²·ȳ) over sorted values. */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / (n || 1);
  if (n === 0 || mean === 0) return 0;
  return sorted.reduce((s, v, i) => s + (2 * (i + 1) - n - 1) * v, 0) / (n * n * mean);
}

/** Lorenz curve of values: (i/n, S_i/S_n) from (0, 0). */
export function lorenz(values: readonly number[]): { x: number; y: number }[] {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  const points = [{ x: 0, y: 0 }];
  let cumulated = 0;
  sorted.forEach((v, i) => {
    cumulated += v;
    points.push({ x: (i + 1) / sorted.length, y: total > 0 ? cumulated / total : (i + 1) / sorted.length });
  });
  return points;
}

const euro = (n: number) => `${Math.round(n).toLocaleString("fr-FR")}\u00a0€`;

function reasonOf(strategy: StrategyKey, lever: Lever, key: LeverKey, units: number, rank: number): string {
  const label = LEVER_LABELS[key];
  if (units + 1e-9 < lever.threshold) return `sous le seuil de ${lever.threshold.toLocaleString("fr-FR")} ${label.units} : ne compte pas`;
  const threshold = `premier bloc = seuil de ${lever.threshold.toLocaleString("fr-FR")} ${label.units} (${euro(lever.threshold * lever.unitCost)}), puis rendement décroissant`;
  if (strategy === "saupoudrage") return `part égale ; ${threshold}`;
  if (strategy === "concentration") return `rang ${rank} des plus fragiles ; ${threshold}`;
  return `meilleur bénéfice par euro pondéré à ce niveau ; ${threshold}`;
}

function evaluate(key: StrategyKey, units: Prepared[], params: PlannerParams, allocations: Allocation[]): StrategyResult {
  const ranks = new Map(byFragility(units).map((i, r) => [i, r + 1]));
  const results: UnitResult[] = units.map((u, i) => {
    const allocation = allocations[i]!;
    const benefit = unitBenefit(u, params, allocation);
    const euros = LEVER_KEYS.reduce((s, k) => s + allocation[k], 0);
    const reached = LEVER_KEYS.some((k) => usable(u, params, k) && allocation[k] > 0 && allocation[k] / params.levers[k].unitCost + 1e-9 >= params.levers[k].threshold);
    return { code: u.code, name: u.name, need: u.need, weight: u.weight, fragility: u.fragility, allocation, euros, benefit, coverage: u.need > 0 ? benefit / u.need : 0, reached };
  });
  const spent = results.reduce((s, r) => s + r.euros, 0);
  const quintile = new Set(byFragility(units).slice(0, Math.max(1, Math.ceil(units.length / 5))));
  const topSpent = results.reduce((s, r, i) => s + (quintile.has(i) ? r.euros : 0), 0);
  const coverages = results.map((r) => r.coverage);
  const log: LogEntry[] = [];
  results.forEach((r, i) => {
    for (const k of LEVER_KEYS) {
      const euros = r.allocation[k];
      if (euros <= 0) continue;
      const lever = params.levers[k];
      const quantity = euros / lever.unitCost;
      const benefit = usable(units[i]!, params, k) ? leverBenefit(lever, r.need, params.uptake, quantity) : 0;
      log.push({ code: r.code, name: r.name, lever: k, euros, units: quantity, benefit, perThousand: (benefit / euros) * 1000, aboveThreshold: quantity + 1e-9 >= lever.threshold, reason: reasonOf(key, lever, k, quantity, ranks.get(i)!) });
    }
  });
  log.sort((a, b) => b.perThousand - a.perThousand || b.euros - a.euros || a.code.localeCompare(b.code));
  return {
    key,
    spent,
    weightedBenefit: results.reduce((s, r) => s + r.weight * r.benefit, 0),
    benefit: results.reduce((s, r) => s + r.benefit, 0),
    reached: results.filter((r) => r.reached).length,
    topQuintileShare: spent > 0 ? topSpent / spent : 0,
    gini: gini(coverages),
    lorenz: lorenz(coverages),
    hhi: spent > 0 ? results.reduce((s, r) => s + (r.euros / spent) ** 2, 0) : 0,
    units: results,
    log,
  };
}

/** Checks parameters; French messages, empty when fine. */
export function checkParams(params: PlannerParams): string[] {
  const errors: string[] = [];
  if (!(params.step > 0)) errors.push("Le pas doit être positif");
  if (!(params.budget >= 0) || params.budget > 100_000_000) errors.push("Le budget doit être compris entre 0 et 100 000 000 €");
  else if (params.step > 0 && params.budget / params.step > 20_000) errors.push("Trop de blocs : augmentez le pas (au plus 20 000 blocs)");
  if (!(params.uptake > 0 && params.uptake <= 1)) errors.push("Le taux de recours doit être compris entre 0 et 1");
  if (!(params.needShare > 0 && params.needShare <= 1)) errors.push("La part de la population à accompagner doit être comprise entre 0 et 1");
  if (!(params.equityAlpha >= 0 && params.equityAlpha <= 5)) errors.push("Le poids d'équité doit être compris entre 0 et 5");
  if (params.coupling !== null && !(params.coupling >= 0 && params.coupling <= 10)) errors.push("Le couplage doit être compris entre 0 et 10");
  for (const key of LEVER_KEYS) {
    const l = params.levers[key];
    if (!l.enabled) continue;
    if (!(l.unitCost > 0)) errors.push(`${LEVER_LABELS[key].label} : le coût unitaire doit être positif`);
    if (!(l.threshold >= 0)) errors.push(`${LEVER_LABELS[key].label} : le seuil doit être positif ou nul`);
    if (!(l.pace > 0)) errors.push(`${LEVER_LABELS[key].label} : le rythme doit être positif`);
  }
  if (!LEVER_KEYS.some((k) => params.levers[k].enabled)) errors.push("Activez au moins un levier");
  return errors;
}

/** The three strategies side by side on the same units and parameters. */
export function planAllocation(units: readonly PlannerUnit[], params: PlannerParams): Record<StrategyKey, StrategyResult> {
  const prepared = prepareUnits(units, params);
  return {
    saupoudrage: evaluate("saupoudrage", prepared, params, allocateEvenly(prepared, params)),
    concentration: evaluate("concentration", prepared, params, concentrate(prepared, params)),
    optimise: evaluate("optimise", prepared, params, optimise(prepared, params)),
  };
}

/** Benefit against equality for α ∈ {0, ½, 1, 2} (optimised strategy). */
export function equityFrontier(units: readonly PlannerUnit[], params: PlannerParams): { alpha: number; benefit: number; gini: number; reached: number }[] {
  return [0, 0.5, 1, 2].map((alpha) => {
    const p = { ...params, equityAlpha: alpha };
    const prepared = prepareUnits(units, p);
    const r = evaluate("optimise", prepared, p, optimise(prepared, p));
    return { alpha, benefit: round2(r.benefit), gini: r.gini, reached: r.reached };
  });
}
