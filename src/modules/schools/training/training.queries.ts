// Reads training sessions, their registrations, what a school's public page offers, and the shares of
// trained teachers per school.
import { and, asc, eq, gt, ne, sql } from "drizzle-orm";
import type { Db, Executor } from "../../../db/client.js";
import { territoryOfCapability } from "../../../db/tenant.js";
import { communes, equipmentItems, schools, trainingRegistrations, trainingSessions } from "../../../db/schema/index.js";
import type { IncidentScope as SchoolScope } from "../incidents/incidents.policy.js";
import { schoolScopeSql } from "../incidents/incidents.queries.js";
import { trainingShares, type SchoolTrainingShare } from "./training-share.js";

export type SessionRow = typeof trainingSessions.$inferSelect & { registered: number; attended: number };

// Written out in full: in a select without joins Drizzle renders a column unqualified ("id"), which the
// subquery would read as its own r.id.
const outerSessionId = sql.raw(`"training_sessions"."id"`);
const registeredCount = sql<number>`(select count(*)::int from ${trainingRegistrations} r where r.session_id = ${outerSessionId})`;
const attendedCount = sql<number>`(select count(*)::int from ${trainingRegistrations} r where r.session_id = ${outerSessionId} and r.attended)`;

/** Every session of the territory with its numbers of registered and present teachers, by date. */
export async function listSessions(db: Executor, { territoryId }: { territoryId: number }): Promise<SessionRow[]> {
  const rows = await db
    .select({ session: trainingSessions, registered: registeredCount, attended: attendedCount })
    .from(trainingSessions)
    .where(eq(trainingSessions.territoryId, territoryId))
    .orderBy(asc(trainingSessions.startsAt), asc(trainingSessions.id));
  return rows.map((r) => ({ ...r.session, registered: r.registered, attended: r.attended }));
}

/** One session of the territory with its counts, or undefined. */
export async function getSession(db: Executor, { territoryId, sessionId }: { territoryId: number; sessionId: number }): Promise<SessionRow | undefined> {
  const [row] = await db
    .select({ session: trainingSessions, registered: registeredCount, attended: attendedCount })
    .from(trainingSessions)
    .where(and(eq(trainingSessions.territoryId, territoryId), eq(trainingSessions.id, sessionId)));
  return row ? { ...row.session, registered: row.registered, attended: row.attended } : undefined;
}

export type RegistrationRow = { id: number; teacherName: string; teacherEmail: string; attended: boolean | null; schoolId: number; schoolName: string; createdAt: Date };

/** The teachers registered to a session, by school then name. */
export async function listRegistrations(db: Executor, { territoryId, sessionId }: { territoryId: number; sessionId: number }): Promise<RegistrationRow[]> {
  return db
    .select({
      id: trainingRegistrations.id,
      teacherName: trainingRegistrations.teacherName,
      teacherEmail: trainingRegistrations.teacherEmail,
      attended: trainingRegistrations.attended,
      schoolId: trainingRegistrations.schoolId,
      schoolName: schools.name,
      createdAt: trainingRegistrations.createdAt,
    })
    .from(trainingRegistrations)
    .innerJoin(schools, eq(schools.id, trainingRegistrations.schoolId))
    .where(and(eq(trainingRegistrations.territoryId, territoryId), eq(trainingRegistrations.sessionId, sessionId)))
    .orderBy(asc(schools.name), asc(trainingRegistrations.teacherName));
}

/**
 * The territory of a school, for its public registration page. Read outside any tenant (the caller has
 * only a signed school id); every other read of that request then runs under the school's territory.
 */
export async function findSchoolTerritory(db: Db, { schoolId }: { schoolId: number }): Promise<number | undefined> {
  return territoryOfCapability(db, "school", String(schoolId));
}

/** A school's name, for its public registration page. */
export async function getSchoolName(db: Executor, { territoryId, schoolId }: { territoryId: number; schoolId: number }): Promise<string | undefined> {
  const [row] = await db.select({ name: schools.name }).from(schools).where(and(eq(schools.territoryId, territoryId), eq(schools.id, schoolId)));
  return row?.name;
}

/** Sessions not started yet, soonest first, with their counts (the teachers' choice). */
export async function listUpcomingSessions(db: Executor, { territoryId, now }: { territoryId: number; now: Date }): Promise<SessionRow[]> {
  const rows = await db
    .select({ session: trainingSessions, registered: registeredCount, attended: attendedCount })
    .from(trainingSessions)
    .where(and(eq(trainingSessions.territoryId, territoryId), gt(trainingSessions.startsAt, now)))
    .orderBy(asc(trainingSessions.startsAt), asc(trainingSessions.id));
  return rows.map((r) => ({ ...r.session, registered: r.registered, attended: r.attended }));
}

/** A registration with its session and school, or undefined. */
export async function getRegistration(db: Executor, { territoryId, registrationId }: { territoryId: number; registrationId: number }) {
  const [row] = await db
    .select({ registration: trainingRegistrations, session: trainingSessions, schoolName: schools.name })
    .from(trainingRegistrations)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
    .innerJoin(schools, eq(schools.id, trainingRegistrations.schoolId))
    .where(and(eq(trainingRegistrations.territoryId, territoryId), eq(trainingRegistrations.id, registrationId)));
  return row;
}

/** The territory of a registration, read outside any tenant from its signed id (see findSchoolTerritory). */
export async function findRegistrationTerritory(db: Db, { registrationId }: { registrationId: number }): Promise<number | undefined> {
  return territoryOfCapability(db, "training_registration", String(registrationId));
}

export type SchoolTrainingRow = SchoolTrainingShare & { name: string; uai: string; communeName: string };

/** Per school a scope sees: teachers, categories held, and how many teachers attended a session on them. */
export async function schoolTrainingShares(db: Executor, { territoryId, scope }: { territoryId: number; scope: SchoolScope }): Promise<SchoolTrainingRow[]> {
  const schoolRows = await db
    .select({ id: schools.id, name: schools.name, uai: schools.uai, teachers: schools.teachers, communeName: sql<string>`coalesce(${communes.name}, ${schools.communeInsee})` })
    .from(schools)
    .leftJoin(communes, and(eq(communes.territoryId, schools.territoryId), eq(communes.insee, schools.communeInsee)))
    .where(and(eq(schools.territoryId, territoryId), schoolScopeSql(territoryId, scope, sql`${schools.id}`)))
    .orderBy(asc(communes.name), asc(schools.name));
  const held = await db
    .selectDistinct({ schoolId: equipmentItems.schoolId, category: equipmentItems.category })
    .from(equipmentItems)
    .where(and(eq(equipmentItems.territoryId, territoryId), ne(equipmentItems.state, "reforme")));
  const attended = await db
    .select({ schoolId: trainingRegistrations.schoolId, teacherEmail: trainingRegistrations.teacherEmail, categories: trainingSessions.categories })
    .from(trainingRegistrations)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingRegistrations.sessionId))
    .where(and(eq(trainingRegistrations.territoryId, territoryId), eq(trainingRegistrations.attended, true)));
  const heldBySchool = new Map<number, string[]>();
  for (const h of held) heldBySchool.set(h.schoolId, [...(heldBySchool.get(h.schoolId) ?? []), h.category]);
  const shares = trainingShares(
    schoolRows.map((s) => ({ schoolId: s.id, teachers: s.teachers, heldCategories: heldBySchool.get(s.id) ?? [] })),
    attended,
  );
  return shares.map((share, i) => ({ ...share, name: schoolRows[i]!.name, uai: schoolRows[i]!.uai, communeName: schoolRows[i]!.communeName }));
}
