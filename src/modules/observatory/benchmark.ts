// Sharing chosen territory-wide figures with the other territories of the instance, and finding the most similar
// ones among those that share. A shared figure is a row of `benchmark_figures` (readable by every territory's
// context, never by anonymous pages); stopping sharing deletes it.
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { benchmarkFigures, territories } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { COLUMNS, totalOf } from "./domain/observatory-table.js";
import type { SharedFigures } from "./domain/similarity.js";
import type { Observatory } from "./observatory.queries.js";

/** The figures a territory may share (territory totals of the observatory, the poverty rate of the intercommunality). */
export const SHAREABLE = ["population", "part_65_plus", "part_peu_diplomes", "taux_chomage", "taux_pauvrete", "part_menages_1_personne", "part_locaux_ftth", "part_locaux_30_mbits"] as const;
export type ShareableKey = (typeof SHAREABLE)[number];

export const shareableLabel = (key: string) => COLUMNS.find((c) => c.key === key)?.label ?? key;

/** The territory's own value of each shareable figure, from its observatory. */
export function territoryFigures(observatory: Observatory): Record<ShareableKey, number | null> {
  const out = {} as Record<ShareableKey, number | null>;
  for (const key of SHAREABLE) {
    if (key === "taux_pauvrete") out[key] = observatory.epciPoverty;
    else out[key] = totalOf(COLUMNS.find((c) => c.key === key)!, observatory.rows);
  }
  return out;
}

/** What the territory shares now, by key. */
export async function sharedByTerritory(db: Executor, { territoryId }: { territoryId: number }): Promise<Map<string, { value: number | null; updatedAt: Date }>> {
  const rows = await db.select({ indicator: benchmarkFigures.indicator, value: benchmarkFigures.value, updatedAt: benchmarkFigures.updatedAt }).from(benchmarkFigures).where(eq(benchmarkFigures.territoryId, territoryId));
  return new Map(rows.map((r) => [r.indicator, { value: r.value, updatedAt: r.updatedAt }]));
}

/** Shares exactly the chosen figures (with today's values) and stops sharing the others. */
export async function setSharedFigures(db: Executor, props: { territoryId: number; keys: ShareableKey[]; values: Record<ShareableKey, number | null>; actor: AuditActor }): Promise<void> {
  const { territoryId, keys, actor } = props;
  if (keys.length > 0) await db.delete(benchmarkFigures).where(and(eq(benchmarkFigures.territoryId, territoryId), notInArray(benchmarkFigures.indicator, keys)));
  else await db.delete(benchmarkFigures).where(eq(benchmarkFigures.territoryId, territoryId));
  for (const key of keys) {
    await db
      .insert(benchmarkFigures)
      .values({ territoryId, indicator: key, value: props.values[key], updatedAt: actor.at })
      .onConflictDoUpdate({ target: [benchmarkFigures.territoryId, benchmarkFigures.indicator], set: { value: props.values[key], updatedAt: actor.at } });
  }
  await recordAudit(db, { territoryId, actor, action: "benchmark.share", entityType: "territory", details: { shared: keys } });
}

/** Every other territory's shared figures (what the sharing policy lets this territory's context read). */
export async function sharedByOthers(db: Executor, { territoryId }: { territoryId: number }): Promise<SharedFigures[]> {
  const rows = await db
    .select({ territoryId: benchmarkFigures.territoryId, indicator: benchmarkFigures.indicator, value: benchmarkFigures.value, name: territories.name, kind: territories.kind })
    .from(benchmarkFigures)
    .innerJoin(territories, eq(territories.id, benchmarkFigures.territoryId))
    .where(inArray(benchmarkFigures.indicator, [...SHAREABLE]));
  const byTerritory = new Map<number, SharedFigures>();
  for (const r of rows) {
    if (r.territoryId === territoryId || r.value === null) continue;
    const t = byTerritory.get(r.territoryId) ?? { territoryId: r.territoryId, name: r.name, kind: r.kind, values: {} };
    t.values[r.indicator] = r.value;
    byTerritory.set(r.territoryId, t);
  }
  return [...byTerritory.values()];
}
