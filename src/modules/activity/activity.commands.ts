// Writes for accompaniments and statistics: record an accompaniment, share statistics, audit exports.
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { activities, appointments, shareLinks } from "../../db/schema/index.js";
import { hashToken, newToken } from "../../lib/crypto.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { ValidActivity } from "./domain/activity-rules.js";

export type RecordResult = { ok: true; id: number } | { ok: false; reason: "appointment-unknown" | "already-recorded"; activityId?: number };

/**
 * Stores one accompaniment record (anonymous: no name field exists) and audits it. A record made from an
 * appointment links to it, once: a second record for the same appointment (double click, two tabs) is refused.
 */
export async function recordActivity(
  db: Executor,
  { territoryId, activity, appointmentId, actor, demo = false }: { territoryId: number; activity: ValidActivity; appointmentId: string | null; actor: AuditActor; demo?: boolean },
): Promise<RecordResult> {
  if (appointmentId) {
    const [appointment] = await db
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.territoryId, territoryId), eq(appointments.id, appointmentId)))
      .for("update");
    if (!appointment) return { ok: false, reason: "appointment-unknown" };
    const [existing] = await db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.territoryId, territoryId), eq(activities.appointmentId, appointmentId)));
    if (existing) return { ok: false, reason: "already-recorded", activityId: existing.id };
  }
  const [row] = await db
    .insert(activities)
    .values({ territoryId, appointmentId, demo, ...activity })
    .returning({ id: activities.id });
  await recordAudit(db, {
    territoryId,
    actor,
    action: "activity.record",
    entityType: "activity",
    entityId: row!.id,
    details: { kind: activity.kind, day: activity.day, ...(appointmentId ? { appointmentId } : {}) },
  });
  return { ok: true, id: row!.id };
}

/** Corrects a stored record (its link to an appointment stays) and audits what changed; false when it is unknown. */
export async function updateActivity(db: Executor, { territoryId, activityId, activity, actor }: { territoryId: number; activityId: number; activity: ValidActivity; actor: AuditActor }): Promise<boolean> {
  const updated = await db
    .update(activities)
    .set(activity)
    .where(and(eq(activities.territoryId, territoryId), eq(activities.id, activityId)))
    .returning({ id: activities.id });
  if (updated.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "activity.update", entityType: "activity", entityId: activityId, details: { kind: activity.kind, day: activity.day } });
  return true;
}

/** Audits that a person read an appointment to prefill a record (the appointment belongs to a citizen). */
export async function auditAppointmentRead(db: Executor, { territoryId, appointmentId, actor }: { territoryId: number; appointmentId: string; actor: AuditActor }): Promise<void> {
  await recordAudit(db, { territoryId, actor, action: "appointment.read", entityType: "appointment", entityId: appointmentId, details: { purpose: "compte rendu d'activité" } });
}

/** Audits a statistics export (figures or anonymous records) with its format and filters. */
export async function auditExport(
  db: Executor,
  { territoryId, actor, content, format, filters }: { territoryId: number; actor: AuditActor; content: "chiffres" | "accompagnements"; format: "csv" | "xlsx"; filters: Record<string, string> },
): Promise<void> {
  await recordAudit(db, { territoryId, actor, action: "statistics.export", entityType: "statistics", details: { content, format, filters } });
}

/** Creates a public link to the statistics with the given filters; returns the token, shown once and stored hashed. */
export async function createShareLink(
  db: Executor,
  { territoryId, label, filters, actor }: { territoryId: number; label: string; filters: Record<string, string>; actor: AuditActor },
): Promise<{ id: number; token: string }> {
  const token = newToken();
  const [row] = await db
    .insert(shareLinks)
    .values({ territoryId, tokenHash: hashToken(token), kind: "statistiques", filters, label, createdBy: actor.userId })
    .returning({ id: shareLinks.id });
  await recordAudit(db, { territoryId, actor, action: "statistics.share.create", entityType: "share_link", entityId: row!.id, details: { label, filters } });
  return { id: row!.id, token };
}

/** Revokes a share link: its address stops working at once. Returns false when there was no live link. */
export async function revokeShareLink(db: Executor, { territoryId, linkId, actor, now }: { territoryId: number; linkId: number; actor: AuditActor; now: Date }): Promise<boolean> {
  const revoked = await db
    .update(shareLinks)
    .set({ revokedAt: now })
    .where(and(eq(shareLinks.territoryId, territoryId), eq(shareLinks.id, linkId), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  if (revoked.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "statistics.share.revoke", entityType: "share_link", entityId: linkId });
  return true;
}
