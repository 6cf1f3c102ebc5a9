// Similar territories (DATA-AND-MODELS §5): on the features two territories both share, robust z-scores over every
// territory that shares each feature, z = (x − median) / IQR; distance d = √(Σ wⱼ·(z_a − z_b)² / Σ wⱼ) over the
// common features (a Gower-style mean, so that a missing feature does not shrink the distance); similarity
// 1 / (1 + d). Candidates of the same kind whose population is within ×½–×2 when both share it. Pure.

export type SharedFigures = { territoryId: number; name: string; kind: string; values: Record<string, number> };

export type Similar = { territoryId: number; name: string; distance: number; similarity: number; features: number; contributions: { key: string; share: number; a: number; b: number }[] };

/** Median and interquartile range (linear interpolation), IQR 1 when the values do not spread. */
export function robustScale(values: readonly number[]): { median: number; iqr: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const pos = (sorted.length - 1) * p;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  const iqr = sorted.length > 1 ? q(0.75) - q(0.25) : 0;
  return { median: sorted.length > 0 ? q(0.5) : 0, iqr: iqr > 0 ? iqr : 1 };
}

/** Population enters the distance as its logarithm (a scale of sizes). */
export const LOG_FEATURES = new Set(["population"]);

/** The most similar territories to `self`, at most `limit`, with each feature's share of the distance. */
export function mostSimilar(self: SharedFigures, others: readonly SharedFigures[], weights: Record<string, number> = {}, limit = 10): Similar[] {
  const all = [self, ...others];
  const value = (t: SharedFigures, key: string) => (LOG_FEATURES.has(key) ? Math.log(Math.max(1, t.values[key]!)) : t.values[key]!);
  const scales = new Map<string, { median: number; iqr: number }>();
  for (const key of Object.keys(self.values)) scales.set(key, robustScale(all.filter((t) => key in t.values).map((t) => value(t, key))));
  const selfPop = self.values.population;
  return others
    .filter((o) => o.kind === self.kind)
    .filter((o) => selfPop === undefined || o.values.population === undefined || (o.values.population >= selfPop / 2 && o.values.population <= selfPop * 2))
    .map((o) => {
      const common = Object.keys(self.values).filter((k) => k in o.values);
      const terms = common.map((key) => {
        const s = scales.get(key)!;
        const w = weights[key] ?? 1;
        const dz = (value(self, key) - value(o, key)) / s.iqr;
        return { key, term: w * dz * dz, w, a: self.values[key]!, b: o.values[key]! };
      });
      const wsum = terms.reduce((s, t) => s + t.w, 0);
      const sum = terms.reduce((s, t) => s + t.term, 0);
      const distance = wsum > 0 ? Math.sqrt(sum / wsum) : Infinity;
      return {
        territoryId: o.territoryId,
        name: o.name,
        distance,
        similarity: Number.isFinite(distance) ? 1 / (1 + distance) : 0,
        features: common.length,
        contributions: terms.map((t) => ({ key: t.key, share: sum > 0 ? t.term / sum : 0, a: t.a, b: t.b })).sort((x, y) => y.share - x.share),
      };
    })
    .filter((s) => s.features > 0)
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name, "fr"))
    .slice(0, limit);
}
