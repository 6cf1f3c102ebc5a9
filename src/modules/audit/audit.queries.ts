// Reads the audit log of one territory, or the instance's own (events with no territory).
import { and, desc, eq, isNull, lt } from "drizzle-orm";
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

/**
 * Latest audit events of a territory, newest first, paginated by id; `territoryId: null` lists the instance's own
 * (sign-ins with OpenID Connect, operator roles), read outside any tenant by the operators' page.
 */
export async function listAuditEvents(
  db: Executor,
  { territoryId, before, limit = 50 }: { territoryId: number | null; before?: number; limit?: number },
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
    .where(and(territoryId === null ? isNull(auditEvents.territoryId) : eq(auditEvents.territoryId, territoryId), before ? lt(auditEvents.id, before) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
