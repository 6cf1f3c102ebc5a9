// Writes motifs (create, edit, deactivate or reactivate) and the territory's accompaniment settings, each audited.
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { inclusionSettings, motifs } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { SettingsInput } from "./domain/mediator-form.js";
import type { MotifInput } from "./domain/motif-form.js";

/** Creates a motif (no `motifId`) or updates one; undefined when the motif is not the territory's. */
export async function saveMotif(db: Executor, props: { territoryId: number; motifId?: number; input: MotifInput; actor: AuditActor }): Promise<number | undefined> {
  const { territoryId, motifId, input, actor } = props;
  const [row] =
    motifId === undefined
      ? await db.insert(motifs).values({ territoryId, ...input }).returning({ id: motifs.id })
      : await db.update(motifs).set(input).where(and(eq(motifs.territoryId, territoryId), eq(motifs.id, motifId))).returning({ id: motifs.id });
  if (!row) return undefined;
  const action = motifId === undefined ? "motif.create" : "motif.update";
  await recordAudit(db, { territoryId, actor, action, entityType: "motif", entityId: row.id, details: { ...input } });
  return row.id;
}

/** Deactivates a motif (no longer offered; past appointments keep it) or reactivates it; false when not found. */
export async function setMotifActive(db: Executor, props: { territoryId: number; motifId: number; active: boolean; actor: AuditActor }): Promise<boolean> {
  const { territoryId, motifId, active, actor } = props;
  const rows = await db.update(motifs).set({ active }).where(and(eq(motifs.territoryId, territoryId), eq(motifs.id, motifId))).returning({ id: motifs.id });
  if (rows.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: active ? "motif.activate" : "motif.deactivate", entityType: "motif", entityId: motifId });
  return true;
}

/** Saves the territory's retention, reminder and SMS settings. */
export async function saveInclusionSettings(db: Executor, props: { territoryId: number; input: SettingsInput; actor: AuditActor }): Promise<void> {
  const { territoryId, input, actor } = props;
  await db.insert(inclusionSettings).values({ territoryId, ...input }).onConflictDoUpdate({ target: inclusionSettings.territoryId, set: input });
  await recordAudit(db, { territoryId, actor, action: "inclusion_settings.update", entityType: "inclusion_settings", entityId: territoryId, details: { ...input } });
}
