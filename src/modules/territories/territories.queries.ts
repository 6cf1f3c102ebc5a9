// Reads territories, their communes and groups of communes.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { communeGroupMembers, communeGroups, communes, territories } from "../../db/schema/index.js";

export type TerritoryRow = { id: number; kind: string; code: string; name: string; demo: boolean };

/** A territory by its official code (instance-level table, no territory filter needed). */
export async function findTerritory(db: Executor, { code }: { code: string }): Promise<TerritoryRow | undefined> {
  const [row] = await db
    .select({ id: territories.id, kind: territories.kind, code: territories.code, name: territories.name, demo: territories.demo })
    .from(territories)
    .where(eq(territories.code, code));
  return row;
}

/** All territories with their number of communes and population (operators). */
export async function listTerritories(db: Executor) {
  return db
    .select({
      id: territories.id,
      kind: territories.kind,
      code: territories.code,
      name: territories.name,
      demo: territories.demo,
      communes: sql<number>`(select count(*)::int from communes c where c.territory_id = "territories"."id")`,
      population: sql<number>`(select coalesce(sum(c.population), 0)::int from communes c where c.territory_id = "territories"."id")`,
    })
    .from(territories)
    .orderBy(asc(territories.name));
}

export type CommuneRow = { id: number; insee: string; name: string; population: number | null; postcodes: string[]; hasContour: boolean; contourSource: string | null };

/** The communes of a territory, by name (whether each has an outline, not the outline itself). */
export async function listCommunes(db: Executor, { territoryId }: { territoryId: number }): Promise<CommuneRow[]> {
  return db
    .select({
      id: communes.id,
      insee: communes.insee,
      name: communes.name,
      population: communes.population,
      postcodes: communes.postcodes,
      hasContour: sql<boolean>`${communes.contour} is not null`,
      contourSource: communes.contourSource,
    })
    .from(communes)
    .where(eq(communes.territoryId, territoryId))
    .orderBy(asc(communes.name));
}

export type GroupRow = { id: number; name: string; description: string; communeIds: number[] };

/** The groups of communes of a territory with their members. */
export async function listCommuneGroups(db: Executor, { territoryId }: { territoryId: number }): Promise<GroupRow[]> {
  const groups = await db
    .select({ id: communeGroups.id, name: communeGroups.name, description: communeGroups.description })
    .from(communeGroups)
    .where(eq(communeGroups.territoryId, territoryId))
    .orderBy(asc(communeGroups.name));
  const members = await db
    .select({ groupId: communeGroupMembers.groupId, communeId: communeGroupMembers.communeId })
    .from(communeGroupMembers)
    .where(and(eq(communeGroupMembers.territoryId, territoryId)));
  return groups.map((g) => ({ ...g, communeIds: members.filter((m) => m.groupId === g.id).map((m) => m.communeId) }));
}
