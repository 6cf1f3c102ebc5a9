// Saving, updating and copying allocation scenarios.
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { allocationScenarios } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { PlannerParams } from "./domain/planner.js";

/** Saves a new scenario; undefined when the name is taken. */
export async function saveScenario(db: Executor, props: { territoryId: number; name: string; params: PlannerParams; actor: AuditActor; demo?: boolean }): Promise<number | undefined> {
  const { territoryId, actor } = props;
  const [row] = await db
    .insert(allocationScenarios)
    .values({ territoryId, name: props.name, params: props.params, demo: props.demo ?? false, createdBy: actor.userId, createdAt: actor.at, updatedAt: actor.at })
    .onConflictDoNothing()
    .returning({ id: allocationScenarios.id });
  if (!row) return undefined;
  await recordAudit(db, { territoryId, actor, action: "planner.scenario.save", entityType: "allocation_scenario", entityId: row.id, details: { name: props.name } });
  return row.id;
}

/** Changes a scenario's name and parameters; "absent" or "nom" (name taken) when it cannot. */
export async function updateScenario(db: Executor, props: { territoryId: number; scenarioId: number; name: string; params: PlannerParams; actor: AuditActor }): Promise<true | "absent" | "nom"> {
  const { territoryId, scenarioId, actor } = props;
  const [clash] = await db.select({ id: allocationScenarios.id }).from(allocationScenarios).where(and(eq(allocationScenarios.territoryId, territoryId), eq(allocationScenarios.name, props.name)));
  if (clash && clash.id !== scenarioId) return "nom";
  const rows = await db
    .update(allocationScenarios)
    .set({ name: props.name, params: props.params, updatedAt: actor.at })
    .where(and(eq(allocationScenarios.territoryId, territoryId), eq(allocationScenarios.id, scenarioId)))
    .returning({ id: allocationScenarios.id });
  if (rows.length === 0) return "absent";
  await recordAudit(db, { territoryId, actor, action: "planner.scenario.update", entityType: "allocation_scenario", entityId: scenarioId, details: { name: props.name } });
  return true;
}

/** Copies a scenario under the first free name "<name> (copie)", "(copie 2)"…; undefined when absent. */
export async function copyScenario(db: Executor, props: { territoryId: number; scenarioId: number; actor: AuditActor }): Promise<number | undefined> {
  const [source] = await db.select().from(allocationScenarios).where(and(eq(allocationScenarios.territoryId, props.territoryId), eq(allocationScenarios.id, props.scenarioId)));
  if (!source) return undefined;
  for (let n = 1; n < 100; n++) {
    const name = `${source.name} (copie${n > 1 ? ` ${n}` : ""})`.slice(0, 120);
    const id = await saveScenario(db, { territoryId: props.territoryId, name, params: source.params, actor: props.actor });
    if (id !== undefined) return id;
  }
  return undefined;
}
