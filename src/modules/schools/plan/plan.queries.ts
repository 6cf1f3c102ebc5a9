// Reads what the plan needs: the territory's catalogue and co-funding rules, its scenarios, and every school
// with its classes and items reduced to what the pure plan rules read.
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { Executor } from "../../../db/client.js";
import { communes, equipmentItems, planScenarios, schoolClasses, schools, schoolSettings, socleVersions } from "../../../db/schema/index.js";
import { DEFAULT_LIFETIME_YEARS, EQUIPMENT_CATEGORIES, isEquipmentCategory, isItemState, type LifetimeTable } from "../domain/categories.js";
import type { InventoryItem } from "../domain/inventory.js";
import type { CofundingRule, PlanSchool, UnitPriceCatalogue } from "../domain/plan.js";
import { DEFAULT_SOCLE, type Socle } from "../domain/socle.js";

export type Catalogue = { unitPrices: UnitPriceCatalogue; cofunding: CofundingRule[] };

/** The territory's unit prices and co-funding rules (empty until a coordinator saves them). */
export async function getCatalogue(db: Executor, { territoryId }: { territoryId: number }): Promise<Catalogue> {
  const [row] = await db
    .select({ unitPrices: schoolSettings.unitPrices, cofunding: schoolSettings.cofunding })
    .from(schoolSettings)
    .where(eq(schoolSettings.territoryId, territoryId));
  return { unitPrices: row?.unitPrices ?? {}, cofunding: row?.cofunding ?? [] };
}

export type ScenarioRow = typeof planScenarios.$inferSelect;

/** The territory's scenarios, newest first. */
export async function listScenarios(db: Executor, { territoryId }: { territoryId: number }): Promise<ScenarioRow[]> {
  return db.select().from(planScenarios).where(eq(planScenarios.territoryId, territoryId)).orderBy(desc(planScenarios.id));
}

/** One scenario of the territory, or undefined. */
export async function getScenario(db: Executor, { territoryId, scenarioId }: { territoryId: number; scenarioId: number }): Promise<ScenarioRow | undefined> {
  const [row] = await db
    .select()
    .from(planScenarios)
    .where(and(eq(planScenarios.territoryId, territoryId), eq(planScenarios.id, scenarioId)));
  return row;
}

export type PlanNames = {
  schools: Map<string, { name: string; uai: string }>;
  communes: Map<string, string>;
};

export type PlanInputs = { schools: PlanSchool[]; names: PlanNames; lifetimes: LifetimeTable; socle: Socle };

/** Lifetimes: the territory's own whole years over the defaults; reference set: its latest version, else the default. */
async function planRules(db: Executor, territoryId: number): Promise<{ lifetimes: LifetimeTable; socle: Socle }> {
  const [settings] = await db.select({ lifetimes: schoolSettings.lifetimes }).from(schoolSettings).where(eq(schoolSettings.territoryId, territoryId));
  const lifetimes = { ...DEFAULT_LIFETIME_YEARS };
  for (const category of EQUIPMENT_CATEGORIES) {
    const years = settings?.lifetimes[category];
    if (typeof years === "number" && Number.isInteger(years) && years > 0) lifetimes[category] = years;
  }
  const [version] = await db
    .select({ socle: socleVersions.socle })
    .from(socleVersions)
    .where(eq(socleVersions.territoryId, territoryId))
    .orderBy(desc(socleVersions.id))
    .limit(1);
  return { lifetimes, socle: version?.socle ?? DEFAULT_SOCLE };
}

/** Every school of the territory with its classes and non-retired items, the names to show, and the rules in force. */
export async function loadPlanInputs(db: Executor, { territoryId }: { territoryId: number }): Promise<PlanInputs> {
  const schoolRows = await db
    .select({ id: schools.id, uai: schools.uai, name: schools.name, communeInsee: schools.communeInsee, communeName: communes.name })
    .from(schools)
    .leftJoin(communes, and(eq(communes.territoryId, schools.territoryId), eq(communes.insee, schools.communeInsee)))
    .where(eq(schools.territoryId, territoryId))
    .orderBy(asc(schools.id));
  const classRows = await db
    .select({ id: schoolClasses.id, schoolId: schoolClasses.schoolId })
    .from(schoolClasses)
    .where(eq(schoolClasses.territoryId, territoryId));
  const itemRows = await db
    .select({
      id: equipmentItems.id,
      schoolId: equipmentItems.schoolId,
      classId: equipmentItems.classId,
      category: equipmentItems.category,
      state: equipmentItems.state,
      acquisitionDate: equipmentItems.acquisitionDate,
      endOfLife: equipmentItems.endOfLife,
    })
    .from(equipmentItems)
    .where(and(eq(equipmentItems.territoryId, territoryId), ne(equipmentItems.state, "reforme")));
  const bySchool = new Map<number, PlanSchool & { classes: { id: string }[]; items: InventoryItem[] }>();
  const names: PlanNames = { schools: new Map(), communes: new Map() };
  for (const s of schoolRows) {
    bySchool.set(s.id, { schoolId: String(s.id), communeCode: s.communeInsee, classes: [], items: [] });
    names.schools.set(String(s.id), { name: s.name, uai: s.uai });
    names.communes.set(s.communeInsee, s.communeName ?? s.communeInsee);
  }
  for (const c of classRows) bySchool.get(c.schoolId)?.classes.push({ id: String(c.id) });
  for (const i of itemRows) {
    // Codes outside the lists cannot be priced nor counted; the inventory pages show them for correction.
    if (!isEquipmentCategory(i.category) || !isItemState(i.state)) continue;
    bySchool.get(i.schoolId)?.items.push({
      id: String(i.id),
      category: i.category,
      state: i.state,
      classId: i.classId === null ? null : String(i.classId),
      acquisitionDate: i.acquisitionDate,
      endOfLife: i.endOfLife,
    });
  }
  return { schools: [...bySchool.values()], names, ...(await planRules(db, territoryId)) };
}
