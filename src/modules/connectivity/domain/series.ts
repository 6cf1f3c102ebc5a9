// Quarterly series per commune from the stored figures. FttH: for each quarter, the first source that has it in
// the order technologies → best technology → observatory (the "Ma connexion internet" files count eligible
// premises over the same premises base). Wired ≥ 30 Mbit/s: the wired-speeds file only.
import type { ConnectivitySource } from "../../../db/schema/connectivity.js";
import { pooledShare } from "./shares.js";
import type { SeriesPoint } from "./projection.js";

export type FigureRow = { communeInsee: string; quarter: string; source: ConnectivitySource; premises: number; ftth: number | null; thd30: number | null };

const FTTH_PRIORITY: ConnectivitySource[] = ["mci_techno", "mci_meilleure_techno", "observatoire_ftth"];

export type CommuneSeries = { ftth: SeriesPoint[]; thd30: SeriesPoint[] };

/** Series per commune INSEE code, quarters in order. */
export function seriesByCommune(rows: readonly FigureRow[]): Map<string, CommuneSeries> {
  const ftth = new Map<string, Map<string, { rank: number; point: SeriesPoint }>>();
  const thd = new Map<string, Map<string, SeriesPoint>>();
  for (const r of rows) {
    if (r.ftth !== null) {
      const rank = FTTH_PRIORITY.indexOf(r.source);
      const byQuarter = ftth.get(r.communeInsee) ?? new Map();
      ftth.set(r.communeInsee, byQuarter);
      const known = byQuarter.get(r.quarter);
      if (rank >= 0 && (!known || rank < known.rank)) byQuarter.set(r.quarter, { rank, point: { quarter: r.quarter, numerator: r.ftth, denominator: r.premises } });
    }
    if (r.thd30 !== null && r.source === "mci_filaire") {
      const byQuarter = thd.get(r.communeInsee) ?? new Map();
      thd.set(r.communeInsee, byQuarter);
      byQuarter.set(r.quarter, { quarter: r.quarter, numerator: r.thd30, denominator: r.premises });
    }
  }
  const sort = (points: SeriesPoint[]) => points.sort((a, b) => (a.quarter < b.quarter ? -1 : 1));
  const out = new Map<string, CommuneSeries>();
  for (const code of new Set([...ftth.keys(), ...thd.keys()])) {
    out.set(code, {
      ftth: sort([...(ftth.get(code)?.values() ?? [])].map((v) => v.point)),
      thd30: sort([...(thd.get(code)?.values() ?? [])]),
    });
  }
  return out;
}

/** The pooled series (Σ eligible / Σ premises per quarter) of a set of communes, with how many communes count. */
export function pooledSeries(series: Iterable<readonly SeriesPoint[]>): (SeriesPoint & { communes: number })[] {
  const byQuarter = new Map<string, SeriesPoint[]>();
  for (const points of series) for (const p of points) byQuarter.set(p.quarter, [...(byQuarter.get(p.quarter) ?? []), p]);
  return [...byQuarter.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([quarter, points]) => {
      const pooled = pooledShare(points);
      return { quarter, numerator: pooled.numerator, denominator: pooled.denominator, communes: pooled.count };
    });
}

/** The last point of a series, or null. */
export function latest(points: readonly SeriesPoint[] | undefined): SeriesPoint | null {
  return points && points.length > 0 ? points[points.length - 1]! : null;
}
