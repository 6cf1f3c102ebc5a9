// The planner's units (communes with population, fragility index and whether a place exists) and scenarios.
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { allocationScenarios, places } from "../../db/schema/index.js";
import type { PlannerParams, PlannerUnit } from "./domain/planner.js";
import { loadIndex } from "./index.queries.js";

/** The territory's communes as planner units, fragility from an index version (null = the current one). */
export async function loadPlannerUnits(db: Executor, props: { territoryId: number; territoryCode: string; versionId: number | null }): Promise<PlannerUnit[] | undefined> {
  const index = await loadIndex(db, props);
  if (!index) return undefined;
  const withPlace = new Set(
    (await db.selectDistinct({ insee: places.codeInsee }).from(places).where(and(eq(places.territoryId, props.territoryId), eq(places.published, true)))).map((p) => p.insee),
  );
  return index.communes.map((c) => ({ code: c.commune.insee, name: c.commune.name, population: c.commune.population ?? 0, fragility: c.score.index, hasPlace: withPlace.has(c.commune.insee) }));
}

export type ScenarioRow = { id: number; name: string; params: PlannerParams; demo: boolean; createdAt: Date; updatedAt: Date };

const columns = { id: allocationScenarios.id, name: allocationScenarios.name, params: allocationScenarios.params, demo: allocationScenarios.demo, createdAt: allocationScenarios.createdAt, updatedAt: allocationScenarios.updatedAt };

/** The territory's saved scenarios, by name. */
export async function listScenarios(db: Executor, { territoryId }: { territoryId: number }): Promise<ScenarioRow[]> {
  return db.select(columns).from(allocationScenarios).where(eq(allocationScenarios.territoryId, territoryId)).orderBy(asc(allocationScenarios.name));
}

/** One scenario of the territory, or undefined. */
export async function getScenario(db: Executor, { territoryId, scenarioId }: { territoryId: number; scenarioId: number }): Promise<ScenarioRow | undefined> {
  const [row] = await db.select(columns).from(allocationScenarios).where(and(eq(allocationScenarios.territoryId, territoryId), eq(allocationScenarios.id, scenarioId)));
  return row;
}
