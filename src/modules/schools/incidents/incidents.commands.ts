// Writes incidents: a report (the item goes en_panne), taking it in charge (en_reparation), resolving it
// (en_service or reforme). Each step, in one transaction, changes the item's state, writes its history,
// records an audit event and queues the e-mails.
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.js";
import { equipmentHistory, equipmentItems, incidents, schools, users, type IncidentStatus } from "../../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../../audit/audit.commands.js";
import { queueMail } from "../../mail/mail.commands.js";
import { canMoveTo, itemStateFor, type Outcome, type PhotoType } from "./incident-rules.js";
import { incidentItemText, newIncidentMail, reportedMail, resolvedMail, startedMail, type IncidentForMessage } from "./incidents.mails.js";
import type { IncidentScope } from "./incidents.policy.js";
import { coordinatorEmails, schoolScopeSql } from "./incidents.queries.js";

/** Builds the absolute URL of an incident's page (for e-mails). */
export type IncidentUrl = (incidentId: number) => string;

/** Sets an item's state and writes the history entry naming the incident (no entry when unchanged). */
async function moveItem(db: Executor, props: { territoryId: number; itemId: number; state: string; incidentId: number; status: IncidentStatus; actor: AuditActor; now: Date }): Promise<void> {
  const [item] = await db
    .select({ state: equipmentItems.state })
    .from(equipmentItems)
    .where(and(eq(equipmentItems.territoryId, props.territoryId), eq(equipmentItems.id, props.itemId)));
  if (!item || item.state === props.state) return;
  await db
    .update(equipmentItems)
    .set({ state: props.state, updatedAt: props.now })
    .where(and(eq(equipmentItems.territoryId, props.territoryId), eq(equipmentItems.id, props.itemId)));
  await db.insert(equipmentHistory).values({
    territoryId: props.territoryId,
    itemId: props.itemId,
    actorLabel: props.actor.label,
    at: props.now,
    change: { action: "etat", source: "web", etat: [item.state, props.state], incident: props.incidentId, statut: props.status },
  });
}

export type ReportResult = { ok: true; incidentId: number } | { ok: false; reason: "equipement-inconnu" } | { ok: false; reason: "deja-ouvert"; incidentId: number };

/** What a report is about: one item of the inventory, or an item of a school that the reporter cannot name. */
export type ReportTarget = { itemId: number } | { schoolId: number; itemUnknown: true };

type ReportedThing = { schoolId: number; schoolName: string; itemId: number | null; item: string };

/** The reported item (locked), or the school when the item is not named; undefined when out of the person's reach. */
async function reportedThing(db: Executor, territoryId: number, scope: IncidentScope, target: ReportTarget): Promise<ReportedThing | undefined> {
  if ("itemUnknown" in target) {
    const [school] = await db
      .select({ id: schools.id, name: schools.name })
      .from(schools)
      .where(and(eq(schools.territoryId, territoryId), eq(schools.id, target.schoolId), schoolScopeSql(territoryId, scope, sql`${schools.id}`)));
    return school ? { schoolId: school.id, schoolName: school.name, itemId: null, item: incidentItemText(null, true) } : undefined;
  }
  const [item] = await db
    .select({ schoolId: equipmentItems.schoolId, category: equipmentItems.category, inventoryNumber: equipmentItems.inventoryNumber, state: equipmentItems.state, schoolName: schools.name })
    .from(equipmentItems)
    .innerJoin(schools, eq(schools.id, equipmentItems.schoolId))
    .where(and(eq(equipmentItems.territoryId, territoryId), eq(equipmentItems.id, target.itemId), schoolScopeSql(territoryId, scope, sql`${equipmentItems.schoolId}`)))
    .for("update", { of: equipmentItems });
  if (!item || item.state === "reforme") return undefined;
  return { schoolId: item.schoolId, schoolName: item.schoolName, itemId: target.itemId, item: incidentItemText(item, false) };
}

/**
 * Records a broken item reported by a person of its school; tells the reporter and the coordinators. A named item
 * goes en_panne and may have one open incident at a time; an unnamed one ("je ne sais pas lequel") is described
 * in words and left for the coordinators to find.
 */
export async function reportIncident(
  db: Executor,
  props: { territoryId: number; scope: IncidentScope; target: ReportTarget; description: string; photo: { bytes: Buffer; type: PhotoType } | null; reporter: { userId: number; email: string }; actor: AuditActor; url: IncidentUrl; now: Date },
): Promise<ReportResult> {
  const { territoryId, actor } = props;
  const thing = await reportedThing(db, territoryId, props.scope, props.target);
  if (!thing) return { ok: false, reason: "equipement-inconnu" };
  const { itemId } = thing;
  if (itemId !== null) {
    const [open] = await db
      .select({ id: incidents.id })
      .from(incidents)
      .where(and(eq(incidents.territoryId, territoryId), eq(incidents.itemId, itemId), sql`${incidents.status} <> 'resolu'`));
    if (open) return { ok: false, reason: "deja-ouvert", incidentId: open.id };
  }
  const [row] = await db
    .insert(incidents)
    .values({
      territoryId,
      createdAt: props.now,
      updatedAt: props.now,
      schoolId: thing.schoolId,
      itemId,
      itemUnspecified: itemId === null,
      description: props.description,
      photo: props.photo?.bytes ?? null,
      photoType: props.photo?.type ?? null,
      reportedBy: props.reporter.userId,
    })
    .returning({ id: incidents.id });
  const incidentId = row!.id;
  if (itemId !== null) await moveItem(db, { territoryId, itemId, state: itemStateFor("nouveau"), incidentId, status: "nouveau", actor, now: props.now });
  await recordAudit(db, { territoryId, actor, action: "incident.report", entityType: "incident", entityId: incidentId, details: { itemId, photo: props.photo !== null } });
  const message: IncidentForMessage = { id: incidentId, schoolName: thing.schoolName, item: thing.item, description: props.description, url: props.url(incidentId) };
  await queueMail(db, { territoryId, now: props.now, to: props.reporter.email, ...reportedMail(message) });
  for (const to of await coordinatorEmails(db, { territoryId })) {
    if (to !== props.reporter.email) await queueMail(db, { territoryId, now: props.now, to, ...newIncidentMail(message, props.reporter.email) });
  }
  return { ok: true, incidentId };
}

export type StepResult = { ok: true } | { ok: false; reason: "introuvable" | "transition" };

/** Moves an incident to "en_cours" or "resolu", the item's state following; tells the reporter. */
export async function advanceIncident(
  db: Executor,
  props: { territoryId: number; incidentId: number; to: "en_cours" | "resolu"; outcome?: Outcome; resolution?: string; actor: AuditActor; url: IncidentUrl; now: Date },
): Promise<StepResult> {
  const { territoryId, incidentId, to, actor } = props;
  const [incident] = await db
    .select({ status: incidents.status, itemId: incidents.itemId, itemUnspecified: incidents.itemUnspecified, description: incidents.description, schoolName: schools.name, reporterEmail: users.email })
    .from(incidents)
    .innerJoin(schools, eq(schools.id, incidents.schoolId))
    .leftJoin(users, eq(users.id, incidents.reportedBy))
    .where(and(eq(incidents.territoryId, territoryId), eq(incidents.id, incidentId)))
    .for("update", { of: incidents });
  if (!incident) return { ok: false, reason: "introuvable" };
  if (!canMoveTo(incident.status, to)) return { ok: false, reason: "transition" };
  const outcome = props.outcome ?? "en_service";
  const resolution = to === "resolu" ? (props.resolution ?? "") : undefined;
  await db
    .update(incidents)
    .set({ status: to, updatedAt: props.now, ...(resolution !== undefined ? { resolution } : {}) })
    .where(and(eq(incidents.territoryId, territoryId), eq(incidents.id, incidentId)));
  let item: { category: string; inventoryNumber: string } | undefined;
  if (incident.itemId !== null) {
    await moveItem(db, { territoryId, itemId: incident.itemId, state: itemStateFor(to, outcome), incidentId, status: to, actor, now: props.now });
    [item] = await db
      .select({ category: equipmentItems.category, inventoryNumber: equipmentItems.inventoryNumber })
      .from(equipmentItems)
      .where(and(eq(equipmentItems.territoryId, territoryId), eq(equipmentItems.id, incident.itemId)));
  }
  await recordAudit(db, { territoryId, actor, action: `incident.${to}`, entityType: "incident", entityId: incidentId, details: to === "resolu" ? { outcome } : {} });
  if (incident.reporterEmail) {
    const message: IncidentForMessage = {
      id: incidentId,
      schoolName: incident.schoolName,
      item: incidentItemText(item, incident.itemUnspecified),
      description: incident.description,
      url: props.url(incidentId),
    };
    const mail = to === "en_cours" ? startedMail(message) : resolvedMail(message, outcome, resolution ?? "");
    await queueMail(db, { territoryId, now: props.now, to: incident.reporterEmail, ...mail });
  }
  return { ok: true };
}
