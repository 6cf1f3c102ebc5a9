// Writes training: sessions (create, edit, delete with notice to registered teachers), a teacher's
// registration through their school's link (capacity held under a row lock), and attendance.
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.js";
import { schools, trainingRegistrations, trainingSessions } from "../../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../../audit/audit.commands.js";
import { queueMail } from "../../mail/mail.commands.js";
import type { SessionInput } from "./training-form.js";
import { cancellationMail, changeMail, registrationMail, type SessionForMessage } from "./training.mails.js";

function forMessage(s: typeof trainingSessions.$inferSelect): SessionForMessage {
  return { id: s.id, sequence: s.sequence, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place, trainer: s.trainer, description: s.trainer ? `Avec ${s.trainer}` : "" };
}

export type SaveSessionResult = { ok: true; sessionId: number } | { ok: false; reason: "introuvable" } | { ok: false; reason: "capacite"; registered: number };

/**
 * Creates a session, or changes one (its capacity never below the teachers already registered). When the time or
 * place of a session still to come changes, its calendar sequence goes up and every registered teacher gets the
 * updated invitation (with `notify`: the organizer's address and the time now).
 */
export async function saveSession(
  db: Executor,
  { territoryId, sessionId, input, actor, notify }: { territoryId: number; sessionId?: number; input: SessionInput; actor: AuditActor; notify?: { organizerEmail: string; now: Date } },
): Promise<SaveSessionResult> {
  if (sessionId === undefined) {
    const [row] = await db.insert(trainingSessions).values({ territoryId, ...input }).returning({ id: trainingSessions.id });
    await recordAudit(db, { territoryId, actor, action: "training.session.create", entityType: "training_session", entityId: row!.id, details: { title: input.title } });
    return { ok: true, sessionId: row!.id };
  }
  const [session] = await db
    .select()
    .from(trainingSessions)
    .where(and(eq(trainingSessions.territoryId, territoryId), eq(trainingSessions.id, sessionId)))
    .for("update");
  if (!session) return { ok: false, reason: "introuvable" };
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, sessionId));
  if (input.capacity < count!.n) return { ok: false, reason: "capacite", registered: count!.n };
  const moved = session.startsAt.getTime() !== input.startsAt.getTime() || session.endsAt.getTime() !== input.endsAt.getTime() || session.place !== input.place;
  const [saved] = await db
    .update(trainingSessions)
    .set({ ...input, sequence: moved ? session.sequence + 1 : session.sequence })
    .where(and(eq(trainingSessions.territoryId, territoryId), eq(trainingSessions.id, sessionId)))
    .returning();
  let told = 0;
  if (moved && notify && saved!.startsAt > notify.now) {
    const registered = await db
      .select({ name: trainingRegistrations.teacherName, email: trainingRegistrations.teacherEmail })
      .from(trainingRegistrations)
      .where(and(eq(trainingRegistrations.territoryId, territoryId), eq(trainingRegistrations.sessionId, sessionId)));
    for (const teacher of registered) await queueMail(db, { territoryId, now: notify.now, ...changeMail(forMessage(saved!), teacher, notify.organizerEmail) });
    told = registered.length;
  }
  await recordAudit(db, { territoryId, actor, action: "training.session.update", entityType: "training_session", entityId: sessionId, details: { title: input.title, ...(moved ? { moved: true, told } : {}) } });
  return { ok: true, sessionId };
}

/** Deletes a session and its registrations; teachers registered to a session still to come are told. */
export async function deleteSession(db: Executor, props: { territoryId: number; sessionId: number; now: Date; organizerEmail: string; actor: AuditActor }): Promise<boolean> {
  const { territoryId, sessionId, actor } = props;
  const [session] = await db.select().from(trainingSessions).where(and(eq(trainingSessions.territoryId, territoryId), eq(trainingSessions.id, sessionId)));
  if (!session) return false;
  const registered = await db
    .select({ name: trainingRegistrations.teacherName, email: trainingRegistrations.teacherEmail })
    .from(trainingRegistrations)
    .where(and(eq(trainingRegistrations.territoryId, territoryId), eq(trainingRegistrations.sessionId, sessionId)));
  await db.delete(trainingSessions).where(and(eq(trainingSessions.territoryId, territoryId), eq(trainingSessions.id, sessionId)));
  if (session.startsAt > props.now) {
    for (const teacher of registered) await queueMail(db, { territoryId, now: props.now, ...cancellationMail(forMessage(session), teacher, props.organizerEmail) });
  }
  await recordAudit(db, { territoryId, actor, action: "training.session.delete", entityType: "training_session", entityId: sessionId, details: { title: session.title, registered: registered.length } });
  return true;
}

export type RegisterResult =
  | { ok: true; registrationId: number; endsAt: Date }
  | { ok: false; reason: "introuvable" | "passee" | "deja-inscrit" }
  | { ok: false; reason: "complet"; title: string; capacity: number };

/** Registers a teacher of a school to a session still to come, if a place is left; sends the confirmation with its .ics. */
export async function registerTeacher(
  db: Executor,
  props: { territoryId: number; schoolId: number; sessionId: number; name: string; email: string; now: Date; organizerEmail: string; pageUrl: (registrationId: number, endsAt: Date) => string },
): Promise<RegisterResult> {
  const { territoryId, schoolId, sessionId } = props;
  // The lock makes concurrent registrations for the last place wait for each other.
  const [session] = await db.select().from(trainingSessions).where(and(eq(trainingSessions.territoryId, territoryId), eq(trainingSessions.id, sessionId))).for("update");
  if (!session) return { ok: false, reason: "introuvable" };
  if (session.startsAt <= props.now) return { ok: false, reason: "passee" };
  const taken = await db.select({ email: trainingRegistrations.teacherEmail }).from(trainingRegistrations).where(eq(trainingRegistrations.sessionId, sessionId));
  if (taken.some((r) => r.email === props.email)) return { ok: false, reason: "deja-inscrit" };
  if (taken.length >= session.capacity) return { ok: false, reason: "complet", title: session.title, capacity: session.capacity };
  const [school] = await db.select({ id: schools.id }).from(schools).where(and(eq(schools.territoryId, territoryId), eq(schools.id, schoolId)));
  if (!school) return { ok: false, reason: "introuvable" };
  const [row] = await db
    .insert(trainingRegistrations)
    .values({ territoryId, sessionId, schoolId, teacherName: props.name, teacherEmail: props.email })
    .returning({ id: trainingRegistrations.id });
  const registrationId = row!.id;
  const teacher = { name: props.name, email: props.email };
  await queueMail(db, { territoryId, now: props.now, ...registrationMail(forMessage(session), teacher, { page: props.pageUrl(registrationId, session.endsAt) }, props.organizerEmail) });
  await recordAudit(db, { territoryId, actor: { userId: null, label: `${props.email} (lien d'inscription de l'école)`, at: props.now }, action: "training.register", entityType: "training_registration", entityId: registrationId, details: { sessionId, schoolId } });
  return { ok: true, registrationId, endsAt: session.endsAt };
}

/** Marks who attended a session: the listed registrations present, the others absent. */
export async function setAttendance(db: Executor, { territoryId, sessionId, presentIds, actor }: { territoryId: number; sessionId: number; presentIds: number[]; actor: AuditActor }): Promise<boolean> {
  const [session] = await db.select({ id: trainingSessions.id }).from(trainingSessions).where(and(eq(trainingSessions.territoryId, territoryId), eq(trainingSessions.id, sessionId)));
  if (!session) return false;
  const ofSession = and(eq(trainingRegistrations.territoryId, territoryId), eq(trainingRegistrations.sessionId, sessionId));
  if (presentIds.length > 0) await db.update(trainingRegistrations).set({ attended: true }).where(and(ofSession, inArray(trainingRegistrations.id, presentIds)));
  await db.update(trainingRegistrations).set({ attended: false }).where(presentIds.length > 0 ? and(ofSession, notInArray(trainingRegistrations.id, presentIds)) : ofSession);
  await recordAudit(db, { territoryId, actor, action: "training.attendance", entityType: "training_session", entityId: sessionId, details: { present: presentIds.length } });
  return true;
}

/** Cancels a teacher's registration to a session not started yet (from their signed link); false otherwise. */
export async function cancelRegistration(db: Executor, { territoryId, registrationId, now }: { territoryId: number; registrationId: number; now: Date }): Promise<boolean> {
  const [row] = await db
    .select({ email: trainingRegistrations.teacherEmail, sessionId: trainingRegistrations.sessionId, startsAt: trainingSessions.startsAt })
    .from(trainingRegistrations)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
    .where(and(eq(trainingRegistrations.territoryId, territoryId), eq(trainingRegistrations.id, registrationId)));
  if (!row || row.startsAt <= now) return false;
  await db.delete(trainingRegistrations).where(and(eq(trainingRegistrations.territoryId, territoryId), eq(trainingRegistrations.id, registrationId)));
  await recordAudit(db, { territoryId, actor: { userId: null, label: `${row.email} (lien d'inscription)`, at: now }, action: "training.unregister", entityType: "training_registration", entityId: registrationId, details: { sessionId: row.sessionId } });
  return true;
}
