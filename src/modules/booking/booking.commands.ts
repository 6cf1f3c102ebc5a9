// Booking commands: book (the database forbids overlaps), cancel, record the outcome.
import { and, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { appointments, inclusionSettings, mediators, places, type AppointmentStatus } from "../../db/schema/index.js";
import { addDays, parisDateOf, parisToInstant } from "../../lib/paris-time.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { enqueueJob } from "../jobs/jobs.queue.js";
import { queueMail } from "../mail/mail.commands.js";
import { ACTIVE_STATUSES, getMotif, loadSlotInput } from "./booking.queries.js";
import { cancellationMail, confirmationMail, type AppointmentForMessage } from "./booking.mails.js";
import { findSlot, nextFreeSlots, pickMediator, type Slot } from "./domain/slots.js";
import { manageUrl } from "./booking.links.js";
import { queueSms, smsEnabledFor } from "../sms/sms.commands.js";
import { appointmentSms } from "../sms/sms-text.js";

export type Person = { firstName: string; lastName: string; phone: string; email: string; noEmail: boolean; communeInsee?: string | null; note?: string };

export type BookingRequest = {
  territoryId: number;
  placeId: number;
  motifId: number;
  start: Date;
  person: Person;
  bookedBy: "citizen" | "agent";
  /** The mediator an agent chose (the slot shown with their name): no other one is given the appointment. */
  mediatorId?: number;
  actor?: AuditActor;
  now: Date;
  publicUrl: string;
  organizerEmail: string;
  secret: string;
};

export type BookingResult =
  | { ok: true; appointmentId: string; mediatorId: number; startsAt: Date; endsAt: Date }
  | { ok: false; reason: "taken" | "not-bookable"; alternatives: Slot[] };

/**
 * True for PostgreSQL's exclusion_violation (23P01), however the driver wraps it — and for a deadlock (40P01)
 * between two inserts checking the same exclusion constraint, which also means "someone else is taking it".
 */
export function isOverlapError(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: string }).code;
    if (code === "23P01" || code === "40P01") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Queues concurrent bookings of one mediator (transaction-scoped advisory lock). The exclusion constraint stays
 * the guarantee; the lock only spares PostgreSQL the deadlocks that concurrent exclusion checks can cause, so a
 * request that loses sees the winner's committed row and gets its conflict at once.
 */
async function queueForMediator(tx: Tx, mediatorId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${MEDIATOR_LOCK_SPACE}, ${mediatorId})`);
}

const MEDIATOR_LOCK_SPACE = 7_242_001;

/** The minimum notice protects mediators from last-minute online bookings; an agent at the desk may book now. */
export function slotRulesFor<M extends { minNoticeMinutes: number }>(motif: M, bookedBy: "citizen" | "agent"): M {
  return bookedBy === "agent" ? { ...motif, minNoticeMinutes: 0 } : motif;
}

async function alternativesAround(tx: Tx, req: BookingRequest, motif: NonNullable<Awaited<ReturnType<typeof getMotif>>>): Promise<Slot[]> {
  const day = parisDateOf(req.start.getTime());
  const input = await loadSlotInput(tx, { territoryId: req.territoryId, placeId: req.placeId, motif, from: day, to: addDays(day, 13), now: req.now });
  return nextFreeSlots(input, 3);
}

/**
 * Books a slot for a person. Re-checks the slot, then inserts for the least-loaded free mediator; if another
 * request took that mediator in the meantime, the exclusion constraint refuses the row and the next free
 * mediator is tried, each in its own savepoint. When none is left: "taken", with the nearest free slots.
 */
export async function bookAppointment(tx: Tx, req: BookingRequest): Promise<BookingResult> {
  const found = await getMotif(tx, { territoryId: req.territoryId, motifId: req.motifId });
  if (!found || !found.active || (req.bookedBy === "citizen" && found.bookableBy !== "everyone")) return { ok: false, reason: "not-bookable", alternatives: [] };
  const motif = slotRulesFor(found, req.bookedBy);
  const day = parisDateOf(req.start.getTime());
  const input = await loadSlotInput(tx, { territoryId: req.territoryId, placeId: req.placeId, motif, from: day, to: day, now: req.now });
  const slot = findSlot(input, req.start.getTime());
  const free = slot ? slot.mediatorIds.filter((id) => req.mediatorId === undefined || Number(id) === req.mediatorId) : [];
  if (!slot || free.length === 0) return { ok: false, reason: "taken", alternatives: await alternativesAround(tx, req, motif) };
  const load = await dayLoad(tx, req.territoryId, free.map(Number), day);
  const candidates = [...free];
  while (candidates.length > 0) {
    const mediatorId = pickMediator({ mediatorIds: candidates }, load)!;
    candidates.splice(candidates.indexOf(mediatorId), 1);
    try {
      await queueForMediator(tx, Number(mediatorId));
      const [row] = await tx.transaction((sp) =>
        sp
          .insert(appointments)
          .values({
            territoryId: req.territoryId,
            placeId: req.placeId,
            mediatorId: Number(mediatorId),
            motifId: motif.id,
            startsAt: new Date(slot.start),
            endsAt: new Date(slot.end),
            firstName: req.person.firstName,
            lastName: req.person.lastName,
            phone: req.person.phone || null,
            email: req.person.email || null,
            noEmail: req.person.noEmail,
            communeInsee: req.person.communeInsee ?? null,
            note: req.person.note ?? "",
            bookedBy: req.bookedBy,
            agentUserId: req.bookedBy === "agent" ? (req.actor?.userId ?? null) : null,
            createdAt: req.now,
          })
          .returning({ id: appointments.id }),
      );
      const appointmentId = row!.id;
      await afterBooking(tx, req, appointmentId, new Date(slot.start));
      return { ok: true, appointmentId, mediatorId: Number(mediatorId), startsAt: new Date(slot.start), endsAt: new Date(slot.end) };
    } catch (error) {
      if (!isOverlapError(error)) throw error;
    }
  }
  return { ok: false, reason: "taken", alternatives: await alternativesAround(tx, req, motif) };
}

async function dayLoad(tx: Tx, territoryId: number, mediatorIds: number[], day: string): Promise<Map<string, number>> {
  const start = new Date(parisToInstant(day, "00:00"));
  const end = new Date(parisToInstant(addDays(day, 1), "00:00"));
  const rows = await tx
    .select({ mediatorId: appointments.mediatorId, n: count() })
    .from(appointments)
    .where(and(eq(appointments.territoryId, territoryId), inArray(appointments.mediatorId, mediatorIds), inArray(appointments.status, [...ACTIVE_STATUSES]), gte(appointments.startsAt, start), lt(appointments.startsAt, end)))
    .groupBy(appointments.mediatorId);
  return new Map(rows.map((r) => [String(r.mediatorId), r.n]));
}

async function afterBooking(tx: Tx, req: BookingRequest, appointmentId: string, startsAt: Date): Promise<void> {
  if (req.actor) await recordAudit(tx, { territoryId: req.territoryId, actor: req.actor, action: "appointment.book", entityType: "appointment", entityId: appointmentId });
  const message = await messageData(tx, { territoryId: req.territoryId, appointmentId, publicUrl: req.publicUrl, secret: req.secret });
  if (message && message.email) await queueMail(tx, { territoryId: req.territoryId, now: req.now, ...confirmationMail(message, req.organizerEmail) });
  const [settings] = await tx.select({ hours: inclusionSettings.reminderHours }).from(inclusionSettings).where(eq(inclusionSettings.territoryId, req.territoryId));
  const remindAt = new Date(startsAt.getTime() - (settings?.hours ?? 48) * 3_600_000);
  const sms = req.person.phone ? await smsEnabledFor(tx, req.territoryId) : false;
  if ((message?.email || sms) && remindAt > req.now) {
    await enqueueJob(tx, "appointment.reminder", { appointmentId, sequence: 0 }, { runAt: remindAt, dedupeKey: `reminder:${appointmentId}:0` });
  }
  // A confirmation SMS only when the reminder will not come (booked less than the reminder delay ahead): SMS cost.
  if (sms && message && remindAt <= req.now) {
    await queueSms(tx, { territoryId: req.territoryId, now: req.now, appointmentId, to: req.person.phone, text: appointmentSms({ kind: "confirmation", placeName: message.placeName, startsAt, link: message.manageUrl }) });
  }
}

/** What a message about an appointment needs, read in the caller's context. */
export async function messageData(tx: Tx | Db, { territoryId, appointmentId, publicUrl, secret }: { territoryId: number; appointmentId: string; publicUrl: string; secret: string }): Promise<AppointmentForMessage | undefined> {
  const [row] = await tx
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      sequence: appointments.icsSequence,
      email: appointments.email,
      firstName: appointments.firstName,
      placeName: places.nom,
      record: places.record,
      motifId: appointments.motifId,
    })
    .from(appointments)
    .innerJoin(places, eq(places.id, appointments.placeId))
    .where(and(eq(appointments.territoryId, territoryId), eq(appointments.id, appointmentId)));
  if (!row) return undefined;
  const motif = await getMotif(tx, { territoryId, motifId: row.motifId });
  return {
    id: row.id,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    sequence: row.sequence,
    email: row.email ?? "",
    firstName: row.firstName ?? "",
    placeName: row.placeName,
    placeAddress: `${row.record.adresse}, ${row.record.code_postal} ${row.record.commune}`,
    motifName: motif?.name ?? "",
    whatToBring: motif?.whatToBring ?? "",
    manageUrl: manageUrl({ publicUrl, secret, appointmentId: row.id, startsAt: row.startsAt }),
  };
}

export type CancelRequest = { territoryId: number; appointmentId: string; byService: boolean; message?: string | null; actor?: AuditActor; now: Date; publicUrl: string; organizerEmail: string; secret: string };

/** Cancels an upcoming appointment (frees the slot at once); raises the calendar SEQUENCE and tells the person. */
export async function cancelAppointment(tx: Tx, req: CancelRequest): Promise<boolean> {
  const status: AppointmentStatus = req.byService ? "annule_service" : "annule_personne";
  const [row] = await tx
    .update(appointments)
    .set({ status, cancelledAt: req.now, cancelMessage: req.message ?? null, icsSequence: sql`${appointments.icsSequence} + 1` })
    .where(and(eq(appointments.territoryId, req.territoryId), eq(appointments.id, req.appointmentId), eq(appointments.status, "a_venir")))
    .returning({ id: appointments.id });
  if (!row) return false;
  if (req.actor) await recordAudit(tx, { territoryId: req.territoryId, actor: req.actor, action: "appointment.cancel", entityType: "appointment", entityId: row.id, details: { byService: req.byService } });
  const message = await messageData(tx, req);
  if (message?.email) await queueMail(tx, { territoryId: req.territoryId, now: req.now, ...cancellationMail(message, req.organizerEmail, { byService: req.byService, message: req.message }) });
  return true;
}

/** Records what happened: seen (honoré) or no-show (absent). Only for appointments that have started. */
export async function recordOutcome(tx: Tx, { territoryId, appointmentId, outcome, actor, now }: { territoryId: number; appointmentId: string; outcome: "honore" | "absent"; actor: AuditActor; now: Date }): Promise<boolean> {
  const [row] = await tx
    .update(appointments)
    .set({ status: outcome })
    .where(and(eq(appointments.territoryId, territoryId), eq(appointments.id, appointmentId), inArray(appointments.status, ["a_venir", "honore", "absent"]), lt(appointments.startsAt, now)))
    .returning({ id: appointments.id });
  if (row) await recordAudit(tx, { territoryId, actor, action: `appointment.${outcome}`, entityType: "appointment", entityId: appointmentId });
  return Boolean(row);
}

/** The mediator of a territory linked to a person's account, if any. */
export async function mediatorOfUser(tx: Tx, { territoryId, userId }: { territoryId: number; userId: number }) {
  const [row] = await tx.select({ id: mediators.id, name: mediators.name }).from(mediators).where(and(eq(mediators.territoryId, territoryId), eq(mediators.userId, userId)));
  return row;
}

export type RescheduleRequest = { territoryId: number; appointmentId: string; start: Date; now: Date; publicUrl: string; organizerEmail: string; secret: string; actor?: AuditActor };

/**
 * Moves an upcoming appointment to another free slot of the same place and motif. The row keeps its id, so
 * the calendar event keeps its UID; its SEQUENCE is raised and a new invitation is sent.
 */
export async function rescheduleAppointment(tx: Tx, req: RescheduleRequest): Promise<BookingResult> {
  const [current] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.territoryId, req.territoryId), eq(appointments.id, req.appointmentId), eq(appointments.status, "a_venir")));
  if (!current) return { ok: false, reason: "not-bookable", alternatives: [] };
  const motif = await getMotif(tx, { territoryId: req.territoryId, motifId: current.motifId });
  if (!motif) return { ok: false, reason: "not-bookable", alternatives: [] };
  const day = parisDateOf(req.start.getTime());
  const input = await loadSlotInput(tx, { territoryId: req.territoryId, placeId: current.placeId, motif, from: day, to: day, now: req.now });
  const slot = findSlot(input, req.start.getTime());
  const base = { ...req, placeId: current.placeId, motifId: current.motifId, bookedBy: "citizen" as const, person: { firstName: "", lastName: "", phone: "", email: "", noEmail: true } };
  if (!slot) return { ok: false, reason: "taken", alternatives: await alternativesAround(tx, base, motif) };
  const load = await dayLoad(tx, req.territoryId, slot.mediatorIds.map(Number), day);
  const candidates = [...slot.mediatorIds];
  while (candidates.length > 0) {
    const mediatorId = pickMediator({ mediatorIds: candidates }, load)!;
    candidates.splice(candidates.indexOf(mediatorId), 1);
    try {
      await queueForMediator(tx, Number(mediatorId));
      await tx.transaction((sp) =>
        sp
          .update(appointments)
          .set({ mediatorId: Number(mediatorId), startsAt: new Date(slot.start), endsAt: new Date(slot.end), icsSequence: sql`${appointments.icsSequence} + 1` })
          .where(eq(appointments.id, current.id)),
      );
      if (req.actor) await recordAudit(tx, { territoryId: req.territoryId, actor: req.actor, action: "appointment.reschedule", entityType: "appointment", entityId: current.id });
      const message = await messageData(tx, req);
      if (message?.email) {
        await queueMail(tx, { territoryId: req.territoryId, now: req.now, ...confirmationMail(message, req.organizerEmail) });
        const remindAt = new Date(slot.start - 48 * 3_600_000);
        if (remindAt > req.now) {
          await enqueueJob(tx, "appointment.reminder", { appointmentId: current.id, sequence: message.sequence }, { runAt: remindAt, dedupeKey: `reminder:${current.id}:${message.sequence}` });
        }
      }
      return { ok: true, appointmentId: current.id, mediatorId: Number(mediatorId), startsAt: new Date(slot.start), endsAt: new Date(slot.end) };
    } catch (error) {
      if (!isOverlapError(error)) throw error;
    }
  }
  return { ok: false, reason: "taken", alternatives: await alternativesAround(tx, base, motif) };
}
