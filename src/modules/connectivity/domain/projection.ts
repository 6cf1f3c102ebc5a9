// Projection of a commune's (or a territory's) FttH share from its own quarterly series, and the communes that
// will miss the territory's target.
//
// Method (documented on the connectivity page): the trend is the least-squares slope of the share over the last
// eight quarters observed (two years), in share points per year, counted as zero when it is negative (a
// denominator revised upwards is not a fibre network going backwards). The projection starts from the last
// observed share and follows that slope, capped at 100 % (a share already above 100 % stays as observed).
// With a single quarter there is no trend: the share stays where it is.

export type SeriesPoint = { quarter: string; numerator: number; denominator: number };
export type Target = { share: number; date: string };

export type Projection = {
  lastQuarter: string;
  lastShare: number;
  premises: number;
  /** Share points per year (≥ 0), null with fewer than two quarters. */
  slopePerYear: number | null;
  /** The share expected on the target date. */
  projectedAtTarget: number;
  /** The day the target share is reached on the trend (the last quarter when already reached), or null. */
  reachesOn: string | null;
  willMiss: boolean;
  /** Premises still not eligible on the target date on the trend (0 when the target is met). */
  shortfallPremises: number;
};

export const TREND_QUARTERS = 8;
const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;
const MIN_SLOPE_PER_YEAR = 1e-9;
const MAX_HORIZON_YEARS = 1000;

/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar arithmetic, no clock). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** YYYY-MM-DD of a day number. */
export function dateOfDay(day: number): string {
  return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}

/** Least-squares slope of y over x, or null with fewer than two distinct x. */
export function leastSquaresSlope(points: readonly { x: number; y: number }[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

/** The projection of one series towards a target, or null when the series has no quarter with premises. */
export function projectSeries(series: readonly SeriesPoint[], target: Target): Projection | null {
  const points = series.filter((p) => p.denominator > 0).sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0));
  const last = points.at(-1);
  if (!last) return null;
  const lastShare = last.numerator / last.denominator;
  const window = points.slice(-TREND_QUARTERS).map((p) => ({ x: dayNumber(p.quarter) / YEAR_DAYS, y: p.numerator / p.denominator }));
  const fitted = leastSquaresSlope(window);
  // A slope within rounding of zero (a flat series such as 9, 10, 9 fits to about 1e-17) is no progress at all.
  const slopePerYear = fitted === null ? null : fitted > MIN_SLOPE_PER_YEAR ? fitted : 0;
  const lastDay = dayNumber(last.quarter);
  const yearsToTarget = Math.max(0, (dayNumber(target.date) - lastDay) / YEAR_DAYS);
  const projectedAtTarget = lastShare >= 1 ? lastShare : Math.min(1, lastShare + (slopePerYear ?? 0) * yearsToTarget);
  let reachesOn: string | null = null;
  if (lastShare >= target.share) reachesOn = last.quarter;
  else if (slopePerYear && slopePerYear > 0 && target.share <= 1) {
    const years = (target.share - lastShare) / slopePerYear;
    // Beyond a millennium the trend says nothing (and the date would not exist): no date rather than a wrong one.
    reachesOn = years <= MAX_HORIZON_YEARS ? dateOfDay(lastDay + years * YEAR_DAYS) : null;
  }
  const willMiss = projectedAtTarget < target.share;
  const shortfallPremises = willMiss ? Math.ceil((target.share - projectedAtTarget) * last.denominator) : 0;
  return { lastQuarter: last.quarter, lastShare, premises: last.denominator, slopePerYear, projectedAtTarget, reachesOn, willMiss, shortfallPremises };
}

/** The communes that will miss the target, the largest shortfall in premises first (then the lowest projected share). */
export function rankMissing<T extends { projection: Projection | null }>(rows: readonly T[]): (T & { projection: Projection })[] {
  return rows
    .filter((r): r is T & { projection: Projection } => r.projection !== null && r.projection.willMiss)
    .sort((a, b) => b.projection.shortfallPremises - a.projection.shortfallPremises || a.projection.projectedAtTarget - b.projection.projectedAtTarget);
}
