// Membership of the network: territories join and leave (operator's command line or a facilitator), with their
// profile from the official geography; delegates named by their territory; partners named by a facilitator.
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { networkDelegates, networkMembers, networkPartners } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { findTerritoryByCode } from "../territories/geography.js";

/** The population and main département of a territory from the official geography (never typed). */
export function geographicProfile(code: string): { population: number | null; departement: string | null } {
  const geo = findTerritoryByCode(code);
  if (!geo) return { population: null, departement: null };
  const known = geo.communes.filter((c) => c.population !== null);
  const population = known.length > 0 ? known.reduce((sum, c) => sum + c.population!, 0) : null;
  const byDepartement = new Map<string, number>();
  for (const c of geo.communes) byDepartement.set(c.departement, (byDepartement.get(c.departement) ?? 0) + (c.population ?? 1));
  const departement = [...byDepartement.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { population, departement };
}

/** Adds a territory to the network (again: refreshes its profile). */
export async function joinNetwork(db: Executor, props: { territory: { id: number; code: string }; actor: AuditActor }): Promise<void> {
  const profile = geographicProfile(props.territory.code);
  await db
    .insert(networkMembers)
    .values({ territoryId: props.territory.id, joinedAt: props.actor.at, ...profile })
    .onConflictDoUpdate({ target: networkMembers.territoryId, set: profile });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "network.join", entityType: "territory", entityId: props.territory.id });
}

/** Removes a territory from the network; its sheets stay its own (shared ones are no longer read by others). */
export async function leaveNetwork(db: Executor, props: { territoryId: number; actor: AuditActor }): Promise<boolean> {
  const removed = await db.delete(networkMembers).where(eq(networkMembers.territoryId, props.territoryId)).returning({ id: networkMembers.territoryId });
  if (removed.length > 0) await recordAudit(db, { territoryId: null, actor: props.actor, action: "network.leave", entityType: "territory", entityId: props.territoryId });
  return removed.length > 0;
}

/** Names or removes a delegate of the territory (in the territory's context). */
export async function setDelegate(db: Executor, props: { territoryId: number; userId: number; delegate: boolean; actor: AuditActor }): Promise<void> {
  if (props.delegate) await db.insert(networkDelegates).values({ territoryId: props.territoryId, userId: props.userId, createdAt: props.actor.at }).onConflictDoNothing();
  else await db.delete(networkDelegates).where(and(eq(networkDelegates.territoryId, props.territoryId), eq(networkDelegates.userId, props.userId)));
  await recordAudit(db, { territoryId: props.territoryId, actor: props.actor, action: props.delegate ? "network.delegate.add" : "network.delegate.remove", entityType: "user", entityId: props.userId });
}

/** Names a partner (a facilitator's or the operator's act). */
export async function addPartner(db: Executor, props: { userId: number; institution: string; actor: AuditActor }): Promise<void> {
  await db.insert(networkPartners).values({ userId: props.userId, institution: props.institution, createdAt: props.actor.at }).onConflictDoUpdate({ target: networkPartners.userId, set: { institution: props.institution } });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "network.partner.add", entityType: "user", entityId: props.userId, details: { institution: props.institution } });
}
