// The transparent fragility index. Each criterion is oriented so that higher = more fragile, scored 1–10 by its
// percentile rank within a named reference set (ties take their mean rank; s = 1 + 9·(r − 1)/(n − 1)), and the
// scores are combined with weights summing to 1. A commune missing a criterion gets the others' weights
// renormalised and is flagged. Pure: indicator values in, scores and their breakdown out.

/** Weight per criterion key (Σ = 1). */
export type IndexWeights = Record<string, number>;

export type Criterion = { key: string; label: string; description: string };

/** Criteria the index may use (all oriented: higher = more fragile). */
export const CRITERIA: readonly Criterion[] = [
  { key: "non_couverture_thd", label: "Locaux sans accès filaire à 30 Mbit/s", description: "1 − locaux éligibles à 30 Mbit/s ou plus en filaire ÷ locaux (Arcep, Ma connexion internet)" },
  { key: "part_65_plus", label: "Part des 65 ans et plus", description: "P_POP65P ÷ P_POP (Insee, recensement)" },
  { key: "part_peu_diplomes", label: "Part des non-scolarisés de 15 ans ou plus sans diplôme ou peu diplômés", description: "(DIPLMIN + BEPC + CAPBEP) ÷ NSCOL15P (Insee, recensement)" },
  { key: "taux_pauvrete", label: "Taux de pauvreté", description: "TP60 (Insee, Filosofi), ou celui de l'intercommunalité là où il est secret" },
  { key: "part_menages_1_personne", label: "Part des ménages d'une personne", description: "C_MENPSEUL ÷ C_MEN (Insee, recensement)" },
  { key: "taux_chomage", label: "Taux de chômage des 15-64 ans", description: "P_CHOM1564 ÷ P_ACT1564 (Insee, recensement)" },
  { key: "part_familles_monoparentales", label: "Part des familles monoparentales", description: "C_FAMMONO ÷ C_FAM (Insee, recensement)" },
  { key: "non_couverture_ftth", label: "Locaux non éligibles à la fibre", description: "1 − locaux éligibles FttH ÷ locaux (Arcep)" },
];

/** The default: the five criteria of the national index that open data gives, 0.2 each. */
export const DEFAULT_WEIGHTS: IndexWeights = { non_couverture_thd: 0.2, part_65_plus: 0.2, part_peu_diplomes: 0.2, taux_pauvrete: 0.2, part_menages_1_personne: 0.2 };

export const criterionLabel = (key: string) => CRITERIA.find((c) => c.key === key)?.label ?? key;

export type IndexUnit = { code: string; values: Record<string, number | null | undefined> };

export type Contribution = { key: string; value: number; rank: number; of: number; score: number; weight: number; contribution: number };

export type UnitScore = {
  code: string;
  /** The index, 1–10, or null when no weighted criterion is known. */
  index: number | null;
  /** Weighted criteria, the largest contribution first (weights renormalised over the known criteria). */
  contributions: Contribution[];
  /** Weighted criteria with no value for this unit (their weight went to the others). */
  missing: string[];
};

/** Checks weights: known criteria, each in [0, 1], Σ = 1 (to 1e-6). Returns French messages, empty when fine. */
export function checkWeights(weights: IndexWeights): string[] {
  const errors: string[] = [];
  const entries = Object.entries(weights).filter(([, w]) => w !== 0);
  if (entries.length === 0) errors.push("Donnez un poids à au moins un critère");
  for (const [key, w] of entries) {
    if (!CRITERIA.some((c) => c.key === key)) errors.push(`Critère inconnu : ${key}`);
    if (!Number.isFinite(w) || w < 0 || w > 1) errors.push(`${criterionLabel(key)} : le poids doit être compris entre 0 et 1`);
  }
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  if (entries.length > 0 && Math.abs(sum - 1) > 1e-6) errors.push(`La somme des poids doit faire 1 (elle fait ${sum.toLocaleString("fr-FR", { maximumFractionDigits: 4 })})`);
  return errors;
}

/**
 * The (mean) rank of `value` among the sorted reference values, 1 = lowest: r = #below + (#equal + 1) / 2.
 * A value absent from the reference set falls where it would be inserted.
 */
export function meanRank(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  const equal = lo - below;
  return equal === 0 ? below + 0.5 : below + (equal + 1) / 2;
}

/** Score 1–10 from a rank among n: 1 + 9·(r − 1)/(n − 1), clamped; 5.5 (the middle) when n = 1. */
export function scoreOfRank(rank: number, n: number): number {
  if (n <= 1) return 5.5;
  return Math.min(10, Math.max(1, 1 + (9 * (rank - 1)) / (n - 1)));
}

/**
 * Mean ranks of every unit's value for one criterion (NaN when missing). When the units are their own reference
 * set, one sort gives every rank (ties share their mean rank); otherwise each value is placed in the sorted
 * reference values.
 */
function ranksOf(units: readonly IndexUnit[], key: string, reference: readonly IndexUnit[] | null): { ranks: Float64Array; n: number } {
  const ranks = new Float64Array(units.length).fill(Number.NaN);
  const known = (u: IndexUnit) => {
    const v = u.values[key];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  };
  if (reference === null) {
    const order: number[] = [];
    const values = new Float64Array(units.length);
    units.forEach((u, i) => {
      const v = known(u);
      if (v !== null) {
        values[i] = v;
        order.push(i);
      }
    });
    order.sort((a, b) => values[a]! - values[b]!);
    for (let start = 0; start < order.length; ) {
      let end = start;
      while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
      const mean = (start + end) / 2 + 1;
      for (let k = start; k <= end; k++) ranks[order[k]!] = mean;
      start = end + 1;
    }
    return { ranks, n: order.length };
  }
  const sorted = reference.map(known).filter((v): v is number => v !== null).sort((a, b) => a - b);
  units.forEach((u, i) => {
    const v = known(u);
    if (v !== null && sorted.length > 0) ranks[i] = meanRank(sorted, v);
  });
  return { ranks, n: sorted.length };
}

/** Scores every unit; the reference set defaults to the units themselves. */
export function computeIndex(units: readonly IndexUnit[], weights: IndexWeights, reference?: readonly IndexUnit[]): UnitScore[] {
  const keys = Object.keys(weights).filter((k) => weights[k]! > 0);
  const byKey = keys.map((key) => ({ key, weight: weights[key]!, ...ranksOf(units, key, reference && reference !== units ? reference : null) }));
  return units.map((unit, i) => {
    const contributions: Contribution[] = [];
    const missing: string[] = [];
    let total = 0;
    for (const k of byKey) {
      const rank = k.ranks[i]!;
      if (Number.isNaN(rank)) {
        missing.push(k.key);
        continue;
      }
      total += k.weight;
      const score = scoreOfRank(rank, k.n);
      contributions.push({ key: k.key, value: unit.values[k.key] as number, rank, of: k.n, score, weight: k.weight, contribution: 0 });
    }
    if (total <= 0) return { code: unit.code, index: null, contributions: [], missing };
    let index = 0;
    for (const c of contributions) {
      c.weight /= total;
      c.contribution = c.weight * c.score;
      index += c.contribution;
    }
    contributions.sort((a, b) => b.contribution - a.contribution);
    return { code: unit.code, index, contributions, missing };
  });
}

/** Rank of each unit by index, 1 = most fragile (ties share the best rank); units without an index are left out. */
export function fragilityRanks(scores: readonly UnitScore[]): Map<string, number> {
  const sorted = scores.filter((s) => s.index !== null).sort((a, b) => b.index! - a.index!);
  const ranks = new Map<string, number>();
  sorted.forEach((s, i) => {
    const previous = sorted[i - 1];
    ranks.set(s.code, previous && Math.abs(previous.index! - s.index!) < 1e-9 ? ranks.get(previous.code)! : i + 1);
  });
  return ranks;
}

export type RankChange = { code: string; indexA: number | null; indexB: number | null; rankA: number | null; rankB: number | null; change: number };

/** Two versions side by side: every unit with its rank in each, the largest rank changes first. */
export function compareVersions(a: readonly UnitScore[], b: readonly UnitScore[]): RankChange[] {
  const ranksA = fragilityRanks(a);
  const ranksB = fragilityRanks(b);
  const indexB = new Map(b.map((s) => [s.code, s.index]));
  return a
    .map((s) => {
      const rankA = ranksA.get(s.code) ?? null;
      const rankB = ranksB.get(s.code) ?? null;
      return { code: s.code, indexA: s.index, indexB: indexB.get(s.code) ?? null, rankA, rankB, change: rankA !== null && rankB !== null ? rankA - rankB : 0 };
    })
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || (x.rankA ?? Infinity) - (y.rankA ?? Infinity));
}
