// Coverage shares: a commune's share is its eligible premises over its premises; a group's or a territory's is
// Σ eligible / Σ premises over its communes (never a mean of shares). Shown as percentages that never round a
// share below 100 % up to 100 %.

export type Counts = { numerator: number; denominator: number };

/** numerator / denominator, or null without a positive denominator. */
export function share(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (numerator === null || numerator === undefined || denominator === null || denominator === undefined) return null;
  return denominator > 0 ? numerator / denominator : null;
}

/** Σ numerators / Σ denominators over the rows that have both (null when none has a positive denominator). */
export function pooledShare(rows: Iterable<Partial<Counts> | null | undefined>): { share: number | null; numerator: number; denominator: number; count: number } {
  let numerator = 0;
  let denominator = 0;
  let count = 0;
  for (const row of rows) {
    if (!row || row.numerator === undefined || row.denominator === undefined || row.numerator === null || row.denominator === null) continue;
    numerator += row.numerator;
    denominator += row.denominator;
    count++;
  }
  return { share: denominator > 0 ? numerator / denominator : null, numerator, denominator, count };
}

/**
 * A share as a French percentage with `decimals` decimals ("99,9 %"), rounded to nearest except that a share
 * below 1 never shows as 100 % (99.96 % shows "99,9 %") and a share below a whole threshold never reaches it.
 */
export function formatShare(value: number | null, decimals = 1): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const factor = 10 ** decimals;
  let shown = Math.round(value * 100 * factor) / factor;
  if (value < 1 && shown >= 100) shown = (100 * factor - 1) / factor;
  return `${shown.toLocaleString("fr-FR", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}\u00a0%`;
}
