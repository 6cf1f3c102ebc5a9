// Writes the inventory from the web: bulk moves and state changes, each change recorded in the item's history.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { equipmentHistory, equipmentItems, schoolClasses, schools } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { ItemState } from "./domain/categories.js";

/** What a history entry records (stored as JSON): the action and the before/after pairs that changed. */
export type HistoryChange = {
  action: "creation" | "modification" | "deplacement" | "etat";
  source?: "import" | "web" | "demo";
  fichier?: string;
  /** [before, after] state codes; before is null on creation. */
  etat?: [string | null, string];
  /** [before, after] locations "École — classe"; before is null on creation. */
  emplacement?: [string | null, string];
};

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

export type BulkResult = { ok: true; changed: number } | { ok: false; reason: "destination-inconnue" };

/** Moves items to a school, in one of its classes or as a whole (classId null); unchanged items get no entry. */
export async function moveItems(
  db: Executor,
  props: { territoryId: number; itemIds: readonly number[]; schoolId: number; classId: number | null; actor: AuditActor },
): Promise<BulkResult> {
  const { territoryId, schoolId, classId, actor } = props;
  const [target] = await db
    .select({ name: schools.name })
    .from(schools)
    .where(and(eq(schools.territoryId, territoryId), eq(schools.id, schoolId)));
  if (!target) return { ok: false, reason: "destination-inconnue" };
  let className: string | null = null;
  if (classId !== null) {
    const [cls] = await db
      .select({ name: schoolClasses.name })
      .from(schoolClasses)
      .where(and(eq(schoolClasses.territoryId, territoryId), eq(schoolClasses.id, classId), eq(schoolClasses.schoolId, schoolId)));
    if (!cls) return { ok: false, reason: "destination-inconnue" };
    className = cls.name;
  }
  const moving = (await currentItems(db, territoryId, props.itemIds)).filter((i) => i.schoolId !== schoolId || i.classId !== classId);
  if (moving.length === 0) return { ok: true, changed: 0 };
  await db
    .update(equipmentItems)
    .set({ schoolId, classId, updatedAt: sql`now()` })
    .where(and(eq(equipmentItems.territoryId, territoryId), inArray(equipmentItems.id, moving.map((i) => i.id))));
  const to = locationLabel(target.name, className);
  await db.insert(equipmentHistory).values(
    moving.map((i) => ({
      territoryId,
      itemId: i.id,
      actorLabel: actor.label,
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
    .set({ state, updatedAt: sql`now()` })
    .where(and(eq(equipmentItems.territoryId, territoryId), inArray(equipmentItems.id, changing.map((i) => i.id))));
  await db.insert(equipmentHistory).values(
    changing.map((i) => ({
      territoryId,
      itemId: i.id,
      actorLabel: actor.label,
      change: { action: "etat", source: "web", etat: [i.state, state] } satisfies HistoryChange,
    })),
  );
  await recordAudit(db, { territoryId, actor, action: "equipment.state", entityType: "equipment_item", details: { items: changing.map((i) => i.id), state } });
  return { ok: true, changed: changing.length };
}
