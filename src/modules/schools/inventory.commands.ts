// Writes the inventory from the web: one item added or edited, bulk moves and state changes, each change
// recorded in the item's history.
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { equipmentHistory, equipmentItems, schoolClasses, schools } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { EquipmentCategory, ItemState } from "./domain/categories.js";

/** What a history entry records (stored as JSON): the action and the before/after pairs that changed. */
export type HistoryChange = {
  action: "creation" | "modification" | "deplacement" | "etat";
  source?: "import" | "web" | "demo";
  fichier?: string;
  /** [before, after] state codes; before is null on creation. */
  etat?: [string | null, string];
  /** [before, after] locations "École — classe"; before is null on creation. */
  emplacement?: [string | null, string];
  /** [before, after] of the other details an edit changed, by their import column. */
  champs?: Partial<Record<DetailColumn, [DetailValue, DetailValue]>>;
};

/** An item's details as the single-item form gives them (its school is fixed by the page). */
export type ItemDetails = {
  inventoryNumber: string;
  category: EquipmentCategory;
  model: string;
  classId: number | null;
  acquisitionDate: string | null;
  costCents: number | null;
  fundingSource: string;
  warrantyEnd: string | null;
  state: ItemState;
};

/** Details other than state and location, with the import column naming them in a history entry. */
const DETAIL_COLUMNS = {
  inventoryNumber: "numero_inventaire",
  category: "categorie",
  model: "modele",
  acquisitionDate: "date_acquisition",
  costCents: "cout_ttc",
  fundingSource: "source_financement",
  warrantyEnd: "fin_garantie",
} as const satisfies Partial<Record<keyof ItemDetails, string>>;

export type DetailColumn = (typeof DETAIL_COLUMNS)[keyof typeof DETAIL_COLUMNS];
type DetailValue = string | number | null;

/** "École des Lilas — CM1", or "— toute l'école" for an item of the school as a whole. */
export function locationLabel(schoolName: string, className: string | null): string {
  return `${schoolName} — ${className ?? "toute l'école"}`;
}

async function currentItems(db: Executor, territoryId: number, itemIds: readonly number[]) {
  if (itemIds.length === 0) return [];
  return db
    .select({ id: equipmentItems.id, state: equipmentItems.state, schoolId: equipmentItems.schoolId, classId: equipmentItems.classId, schoolName: schools.name, className: schoolClasses.name })
    .from(equipmentItems)
    .innerJoin(schools, eq(schools.id, equipmentItems.schoolId))
    .leftJoin(schoolClasses, eq(schoolClasses.id, equipmentItems.classId))
    .where(and(eq(equipmentItems.territoryId, territoryId), inArray(equipmentItems.id, [...itemIds])));
}

/** The location label of a school of the territory and one of its classes (or none), or undefined if either is unknown. */
async function locationOf(db: Executor, { territoryId, schoolId, classId }: { territoryId: number; schoolId: number; classId: number | null }): Promise<string | undefined> {
  const [school] = await db
    .select({ name: schools.name })
    .from(schools)
    .where(and(eq(schools.territoryId, territoryId), eq(schools.id, schoolId)));
  if (!school) return undefined;
  if (classId === null) return locationLabel(school.name, null);
  const [cls] = await db
    .select({ name: schoolClasses.name })
    .from(schoolClasses)
    .where(and(eq(schoolClasses.territoryId, territoryId), eq(schoolClasses.id, classId), eq(schoolClasses.schoolId, schoolId)));
  return cls ? locationLabel(school.name, cls.name) : undefined;
}

/** Whether a write failed on a unique index: for items, only (territory, inventory number) can be. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: string }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export type ItemWriteResult = { ok: true; itemId: number; changed: boolean } | { ok: false; reason: "introuvable" | "numero-pris" };

/** Adds one item to a school; an inventory number already used in the territory is refused, not overwritten. */
export async function createItem(
  db: Executor,
  props: { territoryId: number; schoolId: number; details: ItemDetails; actor: AuditActor },
): Promise<ItemWriteResult> {
  const { territoryId, schoolId, details, actor } = props;
  const location = await locationOf(db, { territoryId, schoolId, classId: details.classId });
  if (location === undefined) return { ok: false, reason: "introuvable" };
  const [row] = await db
    .insert(equipmentItems)
    .values({ territoryId, schoolId, ...details, createdAt: actor.at, updatedAt: actor.at })
    .onConflictDoNothing({ target: [equipmentItems.territoryId, equipmentItems.inventoryNumber] })
    .returning({ id: equipmentItems.id });
  if (!row) return { ok: false, reason: "numero-pris" };
  await db.insert(equipmentHistory).values({
    territoryId,
    itemId: row.id,
    actorLabel: actor.label,
    at: actor.at,
    change: { action: "creation", source: "web", etat: [null, details.state], emplacement: [null, location] } satisfies HistoryChange,
  });
  await recordAudit(db, { territoryId, actor, action: "equipment.create", entityType: "equipment_item", entityId: row.id, details: { inventoryNumber: details.inventoryNumber, schoolId } });
  return { ok: true, itemId: row.id, changed: true };
}

/**
 * Replaces an item's details (its school stays; moving it elsewhere is the bulk move). An unchanged item gets no
 * history entry; an inventory number used by another item of the territory is refused.
 */
export async function updateItem(
  db: Executor,
  props: { territoryId: number; itemId: number; details: ItemDetails; actor: AuditActor },
): Promise<ItemWriteResult> {
  const { territoryId, itemId, details, actor } = props;
  const i = equipmentItems;
  const where = and(eq(i.territoryId, territoryId), eq(i.id, itemId));
  const [current] = await db
    .select({ schoolId: i.schoolId, classId: i.classId, state: i.state, inventoryNumber: i.inventoryNumber, category: i.category, model: i.model, acquisitionDate: i.acquisitionDate, costCents: i.costCents, fundingSource: i.fundingSource, warrantyEnd: i.warrantyEnd })
    .from(i)
    .where(where)
    .for("update");
  if (!current) return { ok: false, reason: "introuvable" };
  const [before, after] = [
    await locationOf(db, { territoryId, schoolId: current.schoolId, classId: current.classId }),
    await locationOf(db, { territoryId, schoolId: current.schoolId, classId: details.classId }),
  ];
  if (before === undefined || after === undefined) return { ok: false, reason: "introuvable" };
  const champs: NonNullable<HistoryChange["champs"]> = {};
  for (const [key, column] of Object.entries(DETAIL_COLUMNS) as [keyof typeof DETAIL_COLUMNS, DetailColumn][]) {
    if (current[key] !== details[key]) champs[column] = [current[key], details[key]];
  }
  const change: HistoryChange = {
    action: "modification",
    source: "web",
    ...(current.state !== details.state ? { etat: [current.state, details.state] as [string, string] } : {}),
    ...(before !== after ? { emplacement: [before, after] as [string, string] } : {}),
    ...(Object.keys(champs).length > 0 ? { champs } : {}),
  };
  if (!change.etat && !change.emplacement && !change.champs) return { ok: true, itemId, changed: false };
  try {
    // A savepoint: a number taken meanwhile by another item must not abort the caller's transaction.
    await db.transaction((sp) => sp.update(i).set({ ...details, updatedAt: actor.at }).where(where));
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "numero-pris" };
    throw error;
  }
  await db.insert(equipmentHistory).values({ territoryId, itemId, actorLabel: actor.label, at: actor.at, change });
  const changed = [...Object.keys(champs), ...(change.etat ? ["etat"] : []), ...(change.emplacement ? ["classe"] : [])];
  await recordAudit(db, { territoryId, actor, action: "equipment.update", entityType: "equipment_item", entityId: itemId, details: { changed } });
  return { ok: true, itemId, changed: true };
}

export type BulkResult = { ok: true; changed: number } | { ok: false; reason: "destination-inconnue" };

/** Moves items to a school, in one of its classes or as a whole (classId null); unchanged items get no entry. */
export async function moveItems(
  db: Executor,
  props: { territoryId: number; itemIds: readonly number[]; schoolId: number; classId: number | null; actor: AuditActor },
): Promise<BulkResult> {
  const { territoryId, schoolId, classId, actor } = props;
  const to = await locationOf(db, { territoryId, schoolId, classId });
  if (to === undefined) return { ok: false, reason: "destination-inconnue" };
  const moving = (await currentItems(db, territoryId, props.itemIds)).filter((i) => i.schoolId !== schoolId || i.classId !== classId);
  if (moving.length === 0) return { ok: true, changed: 0 };
  await db
    .update(equipmentItems)
    .set({ schoolId, classId, updatedAt: actor.at })
    .where(and(eq(equipmentItems.territoryId, territoryId), inArray(equipmentItems.id, moving.map((i) => i.id))));
  await db.insert(equipmentHistory).values(
    moving.map((i) => ({
      territoryId,
      itemId: i.id,
      actorLabel: actor.label,
      at: actor.at,
      change: { action: "deplacement", source: "web", emplacement: [locationLabel(i.schoolName, i.className), to] } satisfies HistoryChange,
    })),
  );
  await recordAudit(db, { territoryId, actor, action: "equipment.move", entityType: "equipment_item", details: { items: moving.map((i) => i.id), schoolId, classId } });
  return { ok: true, changed: moving.length };
}

/** Sets the state of items; unchanged items get no entry. */
export async function setItemsState(
  db: Executor,
  props: { territoryId: number; itemIds: readonly number[]; state: ItemState; actor: AuditActor },
): Promise<BulkResult> {
  const { territoryId, state, actor } = props;
  const changing = (await currentItems(db, territoryId, props.itemIds)).filter((i) => i.state !== state);
  if (changing.length === 0) return { ok: true, changed: 0 };
  await db
    .update(equipmentItems)
    .set({ state, updatedAt: actor.at })
    .where(and(eq(equipmentItems.territoryId, territoryId), inArray(equipmentItems.id, changing.map((i) => i.id))));
  await db.insert(equipmentHistory).values(
    changing.map((i) => ({
      territoryId,
      itemId: i.id,
      actorLabel: actor.label,
      at: actor.at,
      change: { action: "etat", source: "web", etat: [i.state, state] } satisfies HistoryChange,
    })),
  );
  await recordAudit(db, { territoryId, actor, action: "equipment.state", entityType: "equipment_item", details: { items: changing.map((i) => i.id), state } });
  return { ok: true, changed: changing.length };
}
