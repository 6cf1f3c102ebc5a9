// Reads of the connectivity module: stored figures and the target, and the assembled view of the territory.
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { connectivityFigures, connectivityTargets } from "../../db/schema/index.js";
import { listCommuneGroups, listCommunes, type CommuneRow } from "../territories/territories.queries.js";
import { projectSeries, rankMissing, type Projection, type SeriesPoint, type Target } from "./domain/projection.js";
import { latest, pooledSeries, seriesByCommune, type CommuneSeries, type FigureRow } from "./domain/series.js";

/** Every stored figure of the territory. */
export async function listFigures(db: Executor, { territoryId }: { territoryId: number }): Promise<FigureRow[]> {
  return db
    .select({ communeInsee: connectivityFigures.communeInsee, quarter: connectivityFigures.quarter, source: connectivityFigures.source, premises: connectivityFigures.premises, ftth: connectivityFigures.ftth, thd30: connectivityFigures.thd30 })
    .from(connectivityFigures)
    .where(eq(connectivityFigures.territoryId, territoryId))
    .orderBy(asc(connectivityFigures.communeInsee), asc(connectivityFigures.quarter));
}

/** The default target when the territory has set none: every premises eligible to FttH at the end of 2030. */
export const DEFAULT_TARGET: Target = { share: 1, date: "2030-12-31" };

/** The territory's target, and whether it is the default. */
export async function getTarget(db: Executor, { territoryId }: { territoryId: number }): Promise<Target & { isDefault: boolean }> {
  const [row] = await db.select({ share: connectivityTargets.share, date: connectivityTargets.targetDate }).from(connectivityTargets).where(eq(connectivityTargets.territoryId, territoryId));
  return row ? { ...row, isDefault: false } : { ...DEFAULT_TARGET, isDefault: true };
}

export type CommuneConnectivity = {
  commune: CommuneRow;
  series: CommuneSeries;
  ftth: SeriesPoint | null;
  thd30: SeriesPoint | null;
  projection: Projection | null;
};

export type ConnectivityView = {
  target: Target & { isDefault: boolean };
  communes: CommuneConnectivity[];
  territory: { ftth: (SeriesPoint & { communes: number })[]; thd30: (SeriesPoint & { communes: number })[]; projection: Projection | null };
  groups: { id: number; name: string; ftth: SeriesPoint | null; thd30: SeriesPoint | null; communes: number }[];
  missing: (CommuneConnectivity & { projection: Projection })[];
};

/** Everything the connectivity pages show: per commune, per group and for the territory (Σ/Σ). */
export async function loadConnectivity(db: Executor, { territoryId }: { territoryId: number }): Promise<ConnectivityView> {
  const [figures, target, communes, groups] = await Promise.all([listFigures(db, { territoryId }), getTarget(db, { territoryId }), listCommunes(db, { territoryId }), listCommuneGroups(db, { territoryId })]);
  const series = seriesByCommune(figures);
  const rows: CommuneConnectivity[] = communes.map((commune) => {
    const s = series.get(commune.insee) ?? { ftth: [], thd30: [] };
    return { commune, series: s, ftth: latest(s.ftth), thd30: latest(s.thd30), projection: projectSeries(s.ftth, target) };
  });
  const ftth = pooledSeries(rows.map((r) => r.series.ftth));
  const thd30 = pooledSeries(rows.map((r) => r.series.thd30));
  const latestOf = (members: CommuneConnectivity[], key: "ftth" | "thd30") => latest(pooledSeries(members.map((m) => m.series[key])));
  const byId = new Map(rows.map((r) => [r.commune.id, r]));
  return {
    target,
    communes: rows,
    territory: { ftth, thd30, projection: projectSeries(ftth, target) },
    groups: groups.map((g) => {
      const members = g.communeIds.map((id) => byId.get(id)).filter((m): m is CommuneConnectivity => m !== undefined);
      return { id: g.id, name: g.name, ftth: latestOf(members, "ftth"), thd30: latestOf(members, "thd30"), communes: members.length };
    }),
    missing: rankMissing(rows),
  };
}

/** Whether the territory has any connectivity figure (for empty states). */
export async function hasFigures(db: Executor, { territoryId }: { territoryId: number }): Promise<boolean> {
  const [row] = await db.select({ id: connectivityFigures.id }).from(connectivityFigures).where(and(eq(connectivityFigures.territoryId, territoryId))).limit(1);
  return row !== undefined;
}
