// Writes the plan: the territory's unit prices and co-funding rules, and its scenarios (create, edit, copy,
// delete). A scenario keeps its own copy of prices and rules so that two scenarios can differ and be compared.
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.js";
import { planScenarios, schoolSettings } from "../../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../../audit/audit.commands.js";
import type { CofundingRule, UnitPriceCatalogue } from "../domain/plan.js";
import type { ScenarioInput } from "./plan-form.js";
import { getCatalogue } from "./plan.queries.js";

/** Replaces the territory's unit-price catalogue (cents incl. tax per category). */
export async function saveUnitPrices(db: Executor, { territoryId, prices, actor }: { territoryId: number; prices: UnitPriceCatalogue; actor: AuditActor }): Promise<void> {
  await db
    .insert(schoolSettings)
    .values({ territoryId, unitPrices: prices })
    .onConflictDoUpdate({ target: schoolSettings.territoryId, set: { unitPrices: sql`excluded.unit_prices` } });
  await recordAudit(db, { territoryId, actor, action: "plan.prices.save", entityType: "school_settings", entityId: territoryId, details: { ...prices } });
}

/** Replaces the territory's co-funding rules, in the order given. */
export async function saveCofundingRules(db: Executor, { territoryId, rules, actor }: { territoryId: number; rules: CofundingRule[]; actor: AuditActor }): Promise<void> {
  await db
    .insert(schoolSettings)
    .values({ territoryId, cofunding: rules })
    .onConflictDoUpdate({ target: schoolSettings.territoryId, set: { cofunding: sql`excluded.cofunding` } });
  await recordAudit(db, { territoryId, actor, action: "plan.cofunding.save", entityType: "school_settings", entityId: territoryId, details: { programmes: rules.map((r) => r.programme) } });
}

/** Creates a scenario with a copy of the territory's current prices and rules; returns its id. */
export async function createScenario(db: Executor, { territoryId, input, actor }: { territoryId: number; input: ScenarioInput; actor: AuditActor }): Promise<number> {
  const catalogue = await getCatalogue(db, { territoryId });
  const [row] = await db
    .insert(planScenarios)
    .values({ territoryId, ...input, unitPrices: catalogue.unitPrices, cofunding: catalogue.cofunding })
    .returning({ id: planScenarios.id });
  await recordAudit(db, { territoryId, actor, action: "plan.scenario.create", entityType: "plan_scenario", entityId: row!.id, details: { ...input } });
  return row!.id;
}

/** Changes a scenario's parameters, prices and rules; false when it is not the territory's. */
export async function updateScenario(
  db: Executor,
  props: { territoryId: number; scenarioId: number; input: ScenarioInput; unitPrices: UnitPriceCatalogue; cofunding: CofundingRule[]; actor: AuditActor },
): Promise<boolean> {
  const { territoryId, scenarioId, input, unitPrices, cofunding, actor } = props;
  const updated = await db
    .update(planScenarios)
    .set({ ...input, unitPrices, cofunding })
    .where(and(eq(planScenarios.territoryId, territoryId), eq(planScenarios.id, scenarioId)))
    .returning({ id: planScenarios.id });
  if (updated.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "plan.scenario.update", entityType: "plan_scenario", entityId: scenarioId, details: { ...input } });
  return true;
}

/** Copies a scenario under the name "Copie de …"; returns the new id, or undefined when not found. */
export async function copyScenario(db: Executor, { territoryId, scenarioId, actor }: { territoryId: number; scenarioId: number; actor: AuditActor }): Promise<number | undefined> {
  const [source] = await db
    .select()
    .from(planScenarios)
    .where(and(eq(planScenarios.territoryId, territoryId), eq(planScenarios.id, scenarioId)));
  if (!source) return undefined;
  const [row] = await db
    .insert(planScenarios)
    .values({
      territoryId,
      name: `Copie de ${source.name}`.slice(0, 120),
      startYear: source.startYear,
      years: source.years,
      gapSchedule: source.gapSchedule,
      unitPrices: source.unitPrices,
      cofunding: source.cofunding,
    })
    .returning({ id: planScenarios.id });
  await recordAudit(db, { territoryId, actor, action: "plan.scenario.copy", entityType: "plan_scenario", entityId: row!.id, details: { from: scenarioId } });
  return row!.id;
}

/** Deletes a scenario; false when it is not the territory's. */
export async function deleteScenario(db: Executor, { territoryId, scenarioId, actor }: { territoryId: number; scenarioId: number; actor: AuditActor }): Promise<boolean> {
  const deleted = await db
    .delete(planScenarios)
    .where(and(eq(planScenarios.territoryId, territoryId), eq(planScenarios.id, scenarioId)))
    .returning({ name: planScenarios.name });
  if (deleted.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "plan.scenario.delete", entityType: "plan_scenario", entityId: scenarioId, details: { name: deleted[0]!.name } });
  return true;
}
