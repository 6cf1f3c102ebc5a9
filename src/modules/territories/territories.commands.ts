// Creates territories from the official geography and manages their groups of communes.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { communeGroupMembers, communeGroups, communes, territories } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { GeoTerritory } from "./geography.js";

export type CreatedTerritory = { id: number; code: string; name: string; created: boolean; communes: number };

/**
 * Creates a territory with its communes, or brings an existing one up to date: running it again is harmless
 * (same code → same territory; communes upserted by INSEE code).
 */
export async function createTerritory(
  db: Executor,
  { geo, actor, demo = false }: { geo: GeoTerritory; actor: AuditActor; demo?: boolean },
): Promise<CreatedTerritory> {
  const [existing] = await db.select({ id: territories.id }).from(territories).where(eq(territories.code, geo.code));
  const id =
    existing?.id ??
    (await db.insert(territories).values({ kind: geo.kind, code: geo.code, name: geo.name, demo }).returning({ id: territories.id }))[0]!.id;
  // The rest of the caller's transaction works in the new territory: its communes and audit event are its own rows
  // (the web app's role writes them under row-level security; the owner is not subject to it).
  if (!existing) await db.execute(sql`select maillage_enter_created_territory(${id})`);
  if (geo.communes.length > 0) {
    await db
      .insert(communes)
      .values(geo.communes.map((c) => ({ territoryId: id, insee: c.insee, name: c.name, population: c.population, postcodes: c.postcodes, departement: c.departement })))
      .onConflictDoUpdate({
        target: [communes.territoryId, communes.insee],
        set: { name: sql`excluded.name`, population: sql`excluded.population`, postcodes: sql`excluded.postcodes` },
      });
  }
  if (!existing) {
    await recordAudit(db, { territoryId: id, actor, action: "territory.create", entityType: "territory", entityId: id, details: { code: geo.code, communes: geo.communes.length } });
  }
  return { id, code: geo.code, name: geo.name, created: !existing, communes: geo.communes.length };
}

/** Creates or replaces a group of communes (by name) in a territory. */
export async function saveCommuneGroup(
  db: Executor,
  { territoryId, name, description = "", communeIds, actor }: { territoryId: number; name: string; description?: string; communeIds: number[]; actor: AuditActor },
): Promise<number> {
  const [group] = await db
    .insert(communeGroups)
    .values({ territoryId, name, description })
    .onConflictDoUpdate({ target: [communeGroups.territoryId, communeGroups.name], set: { description } })
    .returning({ id: communeGroups.id });
  const groupId = group!.id;
  await db.delete(communeGroupMembers).where(and(eq(communeGroupMembers.territoryId, territoryId), eq(communeGroupMembers.groupId, groupId)));
  if (communeIds.length > 0) {
    const owned = await db
      .select({ id: communes.id })
      .from(communes)
      .where(and(eq(communes.territoryId, territoryId), inArray(communes.id, communeIds)));
    if (owned.length > 0) {
      await db.insert(communeGroupMembers).values(owned.map((c) => ({ territoryId, groupId, communeId: c.id })));
    }
  }
  await recordAudit(db, { territoryId, actor, action: "commune-group.save", entityType: "commune_group", entityId: groupId, details: { name, communes: communeIds.length } });
  return groupId;
}

/** Deletes a group of communes of a territory. */
export async function deleteCommuneGroup(db: Executor, { territoryId, groupId, actor }: { territoryId: number; groupId: number; actor: AuditActor }): Promise<boolean> {
  const deleted = await db
    .delete(communeGroups)
    .where(and(eq(communeGroups.territoryId, territoryId), eq(communeGroups.id, groupId)))
    .returning({ id: communeGroups.id });
  if (deleted.length > 0) await recordAudit(db, { territoryId, actor, action: "commune-group.delete", entityType: "commune_group", entityId: groupId });
  return deleted.length > 0;
}
