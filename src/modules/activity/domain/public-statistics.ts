// What a public share link of the statistics may show (decision 0051): published places only, and no count of
// fewer than MIN_PUBLIC_COUNT people for a commune of residence or a place, so that nobody can be recognised
// ("the one person of this hamlet helped with their taxes in March"). Small and unpublished cells are merged into one
// unnamed "others" cell, which keeps totals right without revealing any of them. Pure.
import type { Count, Figures, Group, StatisticsReport } from "./statistics.js";

/** Fewest people a cell of a public page may count. */
export const MIN_PUBLIC_COUNT = 5;
/** The key of the merged cell. */
export const OTHERS_KEY = "autres";

function mergeCounts(counts: readonly Count[]): Count[] {
  const shown = counts.filter((c) => c.count >= MIN_PUBLIC_COUNT);
  const merged = counts.filter((c) => c.count < MIN_PUBLIC_COUNT).reduce((sum, c) => sum + c.count, 0);
  return merged > 0 ? [...shown, { key: OTHERS_KEY, count: merged }] : shown;
}

// One group's figures as the sum of several (what the place table shows; vocabulary breakdowns are left empty).
function sumGroups(groups: readonly Group[]): Figures {
  const status = { ...groups[0]!.figures.appointmentsByStatus };
  for (const key of Object.keys(status) as (keyof typeof status)[]) status[key] = groups.reduce((sum, g) => sum + g.figures.appointmentsByStatus[key], 0);
  const total = (pick: (f: Figures) => number) => groups.reduce((sum, g) => sum + pick(g.figures), 0);
  const outcome = status.honore + status.absent;
  return {
    appointments: total((f) => f.appointments),
    appointmentsByStatus: status,
    noShowRate: outcome > 0 ? status.absent / outcome : null,
    records: total((f) => f.records),
    individual: total((f) => f.individual),
    workshops: total((f) => f.workshops),
    workshopParticipants: total((f) => f.workshopParticipants),
    accompaniments: total((f) => f.accompaniments),
    thematiques: [],
    sousThematiques: [],
    durations: [],
    autonomy: [],
    communes: [],
    firstVisit: { yes: 0, no: 0, unknown: 0, share: null },
  };
}

/** The report as a public page may show it: see the module's comment. */
export function publicReport(report: StatisticsReport, { publishedPlaceIds }: { publishedPlaceIds: ReadonlySet<number> }): StatisticsReport {
  const shownPlace = (g: Group) => publishedPlaceIds.has(Number(g.key)) && g.figures.accompaniments >= MIN_PUBLIC_COUNT;
  const others = report.byPlace.filter((g) => !shownPlace(g));
  return {
    figures: { ...report.figures, communes: mergeCounts(report.figures.communes) },
    months: report.months,
    byPlace: [...report.byPlace.filter(shownPlace), ...(others.length > 0 ? [{ key: OTHERS_KEY, figures: sumGroups(others) }] : [])],
    byMediator: [],
    byCommune: [],
  };
}
