// Writes audit events: who did what, when, on which record.
import type { Executor } from "../../db/client.js";
import { auditEvents } from "../../db/schema/index.js";

/** Who acts, and when by the app's clock: every record of the action (audit, history, updated_at) uses `at`. */
export type AuditActor = { userId: number | null; label: string; ip?: string | null; at: Date };

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
    at: event.actor.at,
  });
}

/** The actor used for commands run by an operator on the command line. */
export function cliActor(at: Date): AuditActor {
  return { userId: null, label: "opérateur (ligne de commande)", at };
}
