// Reads of indicators: every commune's values (census imports, connectivity), with the poverty-rate fallback,
// and the catalogue of what was imported.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { communeIndicators } from "../../db/schema/index.js";
import { listFigures } from "../connectivity/connectivity.queries.js";
import { latest, seriesByCommune } from "../connectivity/domain/series.js";
import { share } from "../connectivity/domain/shares.js";
import { listCommunes, type CommuneRow } from "../territories/territories.queries.js";

export type CommuneValues = {
  commune: CommuneRow;
  /** Criterion key → value (oriented: higher = more fragile). */
  values: Record<string, number | null>;
  /** Criteria whose value is the intercommunality's, the commune's being secret. */
  fallbacks: string[];
  /** Counts behind the connectivity shares (for Σ/Σ totals). */
  ftth: { numerator: number; denominator: number; quarter: string } | null;
  thd30: { numerator: number; denominator: number; quarter: string } | null;
};

/** Criteria where a missing commune value takes the intercommunality's (documented on the catalogue page). */
export const FALLBACK_TO_EPCI = new Set(["taux_pauvrete"]);

/** Every commune of the territory with its indicator values. */
export async function loadCommuneValues(db: Executor, { territoryId, territoryCode }: { territoryId: number; territoryCode: string }): Promise<CommuneValues[]> {
  const [communes, stored, figures] = await Promise.all([
    listCommunes(db, { territoryId }),
    db.select({ code: communeIndicators.code, indicator: communeIndicators.indicator, value: communeIndicators.value }).from(communeIndicators).where(eq(communeIndicators.territoryId, territoryId)),
    listFigures(db, { territoryId }),
  ]);
  const byCode = new Map<string, Map<string, number | null>>();
  for (const row of stored) {
    const values = byCode.get(row.code) ?? new Map<string, number | null>();
    byCode.set(row.code, values);
    values.set(row.indicator, row.value);
  }
  const epci = byCode.get(territoryCode);
  const series = seriesByCommune(figures);
  return communes.map((commune) => {
    const own = byCode.get(commune.insee);
    const values: Record<string, number | null> = {};
    const fallbacks: string[] = [];
    for (const [indicator, value] of own ?? []) values[indicator] = value;
    for (const key of FALLBACK_TO_EPCI) {
      const fallback = epci?.get(key);
      if ((values[key] === null || values[key] === undefined) && fallback !== null && fallback !== undefined) {
        values[key] = fallback;
        fallbacks.push(key);
      }
    }
    const s = series.get(commune.insee);
    const f = latest(s?.ftth);
    const t = latest(s?.thd30);
    const ftthShare = f ? share(f.numerator, f.denominator) : null;
    const thdShare = t ? share(t.numerator, t.denominator) : null;
    values.non_couverture_ftth = ftthShare === null ? null : Math.max(0, 1 - ftthShare);
    values.non_couverture_thd = thdShare === null ? null : Math.max(0, 1 - thdShare);
    return { commune, values, fallbacks, ftth: f, thd30: t };
  });
}

export type CatalogueRow = { indicator: string; source: string; vintage: string; communes: number; missing: number; epci: number | null };

/** What was imported, indicator by indicator: file, vintage, communes with a value and with a secret value. */
export async function indicatorCatalogue(db: Executor, { territoryId, territoryCode }: { territoryId: number; territoryCode: string }): Promise<CatalogueRow[]> {
  return db
    .select({
      indicator: communeIndicators.indicator,
      source: sql<string>`max(${communeIndicators.source})`,
      vintage: sql<string>`max(${communeIndicators.vintage})`,
      communes: sql<number>`(count(*) filter (where ${communeIndicators.value} is not null and ${communeIndicators.code} <> ${territoryCode}))::int`,
      missing: sql<number>`(count(*) filter (where ${communeIndicators.value} is null and ${communeIndicators.code} <> ${territoryCode}))::int`,
      epci: sql<number | null>`max(${communeIndicators.value}) filter (where ${communeIndicators.code} = ${territoryCode})`,
    })
    .from(communeIndicators)
    .where(and(eq(communeIndicators.territoryId, territoryId)))
    .groupBy(communeIndicators.indicator)
    .orderBy(asc(communeIndicators.indicator));
}
