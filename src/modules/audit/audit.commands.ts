// Writes audit events: who did what, when, on which record.
import type { Executor } from "../../db/client.js";
import { auditEvents } from "../../db/schema/index.js";

export type AuditActor = { userId: number | null; label: string; ip?: string | null };

export type AuditEvent = {
  territoryId: number | null;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
};

/** Records one audit event in the caller's transaction. */
export async function recordAudit(db: Executor, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values({
    territoryId: event.territoryId,
    actorUserId: event.actor.userId,
    actorLabel: event.actor.label,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId == null ? null : String(event.entityId),
    details: event.details ?? {},
    ip: event.actor.ip ?? null,
  });
}

/** The actor used for commands run by an operator on the command line. */
export const cliActor: AuditActor = { userId: null, label: "opérateur (ligne de commande)" };
