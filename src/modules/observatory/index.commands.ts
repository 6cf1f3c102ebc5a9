// Saving fragility index versions and choosing the current one.
import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { indexVersions } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { IndexWeights } from "./domain/fragility-index.js";

/** Saves a named version (weights checked by the caller) and makes it the current one; undefined if the name is taken. */
export async function saveIndexVersion(
  db: Executor,
  props: { territoryId: number; name: string; weights: IndexWeights; note: string; actor: AuditActor; demo?: boolean },
): Promise<number | undefined> {
  const { territoryId } = props;
  const [row] = await db
    .insert(indexVersions)
    .values({ territoryId, name: props.name, weights: props.weights, note: props.note, isCurrent: true, demo: props.demo ?? false, createdBy: props.actor.userId, createdAt: props.actor.at })
    .onConflictDoNothing()
    .returning({ id: indexVersions.id });
  if (!row) return undefined;
  await db.update(indexVersions).set({ isCurrent: false }).where(and(eq(indexVersions.territoryId, territoryId), ne(indexVersions.id, row.id)));
  await recordAudit(db, { territoryId, actor: props.actor, action: "index.version.save", entityType: "index_version", entityId: row.id, details: { name: props.name, weights: props.weights } });
  return row.id;
}

/** Makes a saved version the current one; false when it is not the territory's. */
export async function setCurrentIndexVersion(db: Executor, { territoryId, versionId, actor }: { territoryId: number; versionId: number; actor: AuditActor }): Promise<boolean> {
  const [row] = await db.select({ id: indexVersions.id }).from(indexVersions).where(and(eq(indexVersions.territoryId, territoryId), eq(indexVersions.id, versionId)));
  if (!row) return false;
  await db.update(indexVersions).set({ isCurrent: false }).where(eq(indexVersions.territoryId, territoryId));
  await db.update(indexVersions).set({ isCurrent: true }).where(and(eq(indexVersions.territoryId, territoryId), eq(indexVersions.id, versionId)));
  await recordAudit(db, { territoryId, actor, action: "index.version.current", entityType: "index_version", entityId: versionId, details: {} });
  return true;
}
