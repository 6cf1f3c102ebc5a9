// Reads the audit log of one territory.
import { and, desc, eq, lt } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { auditEvents } from "../../db/schema/index.js";

export type AuditRow = {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
};

/** Latest audit events of a territory, newest first, paginated by id. */
export async function listAuditEvents(
  db: Executor,
  { territoryId, before, limit = 50 }: { territoryId: number; before?: number; limit?: number },
): Promise<AuditRow[]> {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.territoryId, territoryId), before ? lt(auditEvents.id, before) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
