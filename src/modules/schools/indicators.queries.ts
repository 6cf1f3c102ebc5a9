// School ICT indicators of a territory at a date: per school, per commune and for the territory, from the
// inventory summarised by the database (domain/indicators.ts defines every ratio).
import type { Executor } from "../../db/client.js";
import { listCommunes } from "../territories/territories.queries.js";
import { indicatorCountsFromSummary, indicatorValues, sumIndicatorCounts, type IndicatorCounts, type IndicatorValues } from "./domain/indicators.js";
import { loadSchoolSummaries } from "./school-summaries.queries.js";
import type { SchoolScope } from "./schools.policy.js";
import { getLifetimes } from "./settings.queries.js";

export type IndicatorLine = { counts: IndicatorCounts; values: IndicatorValues };

export type TerritoryIndicators = {
  asOf: string;
  bySchool: (IndicatorLine & { id: number; uai: string; name: string; kind: string; communeInsee: string; communeName: string })[];
  byCommune: (IndicatorLine & { communeInsee: string; communeName: string })[];
  territory: IndicatorLine;
};

/** Indicators of the schools a scope sees, at a date (YYYY-MM-DD). */
export async function loadIndicators(db: Executor, { territoryId, scope, asOf }: { territoryId: number; scope: SchoolScope; asOf: string }): Promise<TerritoryIndicators> {
  const lifetimes = await getLifetimes(db, { territoryId });
  const summaries = await loadSchoolSummaries(db, { territoryId, scope, asOf, lifetimes });
  const communes = await listCommunes(db, { territoryId });
  const nameOf = new Map(communes.map((c) => [c.insee, c.name]));
  const bySchool = summaries.map((s) => {
    const counts = indicatorCountsFromSummary(s, s.cells, s.lifecycle);
    return {
      id: s.id,
      uai: s.uai,
      name: s.name,
      kind: s.kind,
      communeInsee: s.communeInsee,
      communeName: nameOf.get(s.communeInsee) ?? s.communeInsee,
      counts,
      values: indicatorValues(counts),
    };
  });
  const inseeCodes = [...new Set(bySchool.map((s) => s.communeInsee))];
  const byCommune = inseeCodes
    .map((communeInsee) => {
      const counts = sumIndicatorCounts(bySchool.filter((s) => s.communeInsee === communeInsee).map((s) => s.counts));
      return { communeInsee, communeName: nameOf.get(communeInsee) ?? communeInsee, counts, values: indicatorValues(counts) };
    })
    .sort((a, b) => a.communeName.localeCompare(b.communeName, "fr"));
  const counts = sumIndicatorCounts(bySchool.map((s) => s.counts));
  return { asOf, bySchool, byCommune, territory: { counts, values: indicatorValues(counts) } };
}
