// Fragility index versions and the scores of the territory's communes under one of them.
import { and, asc, desc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { indexVersions } from "../../db/schema/index.js";
import { computeIndex, DEFAULT_WEIGHTS, fragilityRanks, type IndexWeights, type UnitScore } from "./domain/fragility-index.js";
import { loadCommuneValues, type CommuneValues } from "./indicators.queries.js";

export type IndexVersion = { id: number | null; name: string; weights: IndexWeights; referenceSet: string; note: string; isCurrent: boolean; createdAt: Date | null };

/** The built-in version used until the territory saves one. */
export const DEFAULT_VERSION: IndexVersion = { id: null, name: "Indice par défaut (5 critères à 0,2)", weights: DEFAULT_WEIGHTS, referenceSet: "territoire", note: "", isCurrent: true, createdAt: null };

/** The territory's saved versions, the current one first, then the newest. */
export async function listIndexVersions(db: Executor, { territoryId }: { territoryId: number }): Promise<IndexVersion[]> {
  return db
    .select({ id: indexVersions.id, name: indexVersions.name, weights: indexVersions.weights, referenceSet: indexVersions.referenceSet, note: indexVersions.note, isCurrent: indexVersions.isCurrent, createdAt: indexVersions.createdAt })
    .from(indexVersions)
    .where(eq(indexVersions.territoryId, territoryId))
    .orderBy(desc(indexVersions.isCurrent), desc(indexVersions.id));
}

/** A version by id (null = the current one, or the default when none is saved). */
export async function getIndexVersion(db: Executor, { territoryId, versionId }: { territoryId: number; versionId: number | null }): Promise<IndexVersion | undefined> {
  if (versionId === null) {
    const [current] = await db
      .select({ id: indexVersions.id, name: indexVersions.name, weights: indexVersions.weights, referenceSet: indexVersions.referenceSet, note: indexVersions.note, isCurrent: indexVersions.isCurrent, createdAt: indexVersions.createdAt })
      .from(indexVersions)
      .where(and(eq(indexVersions.territoryId, territoryId), eq(indexVersions.isCurrent, true)))
      .orderBy(asc(indexVersions.id))
      .limit(1);
    return current ?? DEFAULT_VERSION;
  }
  const [row] = await db
    .select({ id: indexVersions.id, name: indexVersions.name, weights: indexVersions.weights, referenceSet: indexVersions.referenceSet, note: indexVersions.note, isCurrent: indexVersions.isCurrent, createdAt: indexVersions.createdAt })
    .from(indexVersions)
    .where(and(eq(indexVersions.territoryId, territoryId), eq(indexVersions.id, versionId)));
  return row;
}

export type ScoredCommune = CommuneValues & { score: UnitScore; rank: number | null };

/** The communes scored under a version (reference set: the territory's communes), most fragile first. */
export function scoreCommunes(communes: readonly CommuneValues[], version: IndexVersion): ScoredCommune[] {
  const scores = computeIndex(communes.map((c) => ({ code: c.commune.insee, values: c.values })), version.weights);
  const ranks = fragilityRanks(scores);
  return communes
    .map((c, i) => ({ ...c, score: scores[i]!, rank: ranks.get(c.commune.insee) ?? null }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.commune.name.localeCompare(b.commune.name, "fr"));
}

/** The territory's communes with their values and index under a version. */
export async function loadIndex(db: Executor, props: { territoryId: number; territoryCode: string; versionId: number | null }): Promise<{ version: IndexVersion; communes: ScoredCommune[] } | undefined> {
  const version = await getIndexVersion(db, props);
  if (!version) return undefined;
  const values = await loadCommuneValues(db, props);
  return { version, communes: scoreCommunes(values, version) };
}
