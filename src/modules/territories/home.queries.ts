// What each role's home page shows of its day: a mediator's appointments and records to write, what needs a
// coordinator's attention, a school referent's schools and open incidents, an elected official's key figures.
// Reads only; every query names the territory (row-level security applies as well).
import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { activities, appointments, incidents, motifs, schoolReferents, schools } from "../../db/schema/index.js";
import { listAgenda, type AgendaRow } from "../booking/agenda.queries.js";
import { addDays, parisDateOf, parisToInstant } from "../../lib/paris-time.js";

/** How far back a seen appointment still waits for its record on a home page. */
export const RECORD_BACKLOG_DAYS = 30;

export type DayAppointment = Pick<AgendaRow, "id" | "startsAt" | "endsAt" | "status" | "motifName" | "placeName" | "mediatorName" | "activityId">;

/** Today's appointments (Paris day of `now`), of one mediator or of the whole territory, cancelled ones left out. */
export async function appointmentsOfDay(db: Executor, { territoryId, mediatorId, now }: { territoryId: number; mediatorId: number | undefined; now: Date }): Promise<DayAppointment[]> {
  const today = parisDateOf(now.getTime());
  const rows = await listAgenda(db, { territoryId, from: new Date(parisToInstant(today, "00:00")), to: new Date(parisToInstant(addDays(today, 1), "00:00")), mediatorId });
  return rows.filter((r) => r.status === "a_venir" || r.status === "honore" || r.status === "absent");
}

export type RecordToWrite = { id: string; startsAt: Date; motifName: string };

/** Seen appointments of the last RECORD_BACKLOG_DAYS days that still have no record (oldest first). */
export async function recordsToWrite(db: Executor, { territoryId, mediatorId, now }: { territoryId: number; mediatorId: number | undefined; now: Date }): Promise<RecordToWrite[]> {
  return db
    .select({ id: appointments.id, startsAt: appointments.startsAt, motifName: motifs.name })
    .from(appointments)
    .innerJoin(motifs, eq(motifs.id, appointments.motifId))
    .leftJoin(activities, eq(activities.appointmentId, appointments.id))
    .where(
      and(
        eq(appointments.territoryId, territoryId),
        eq(appointments.status, "honore"),
        isNull(activities.id),
        gte(appointments.startsAt, new Date(now.getTime() - RECORD_BACKLOG_DAYS * 86_400_000)),
        lt(appointments.startsAt, now),
        mediatorId === undefined ? undefined : eq(appointments.mediatorId, mediatorId),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(50);
}

export type Attention = { outcomesMissing: number; recordsMissing: number; openIncidents: number; unpublishedPlaces: number; appointmentsToday: number };

/** Counts a coordinator should act on. */
export async function attentionCounts(db: Executor, { territoryId, now }: { territoryId: number; now: Date }): Promise<Attention> {
  const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
  const since = at(new Date(now.getTime() - RECORD_BACKLOG_DAYS * 86_400_000));
  const today = parisDateOf(now.getTime());
  const dayStart = at(new Date(parisToInstant(today, "00:00")));
  const dayEnd = at(new Date(parisToInstant(addDays(today, 1), "00:00")));
  // Plain subqueries, each naming its table (the query builder drops qualifiers in a select without a table).
  const [row] = await queryRows<Attention>(
    db,
    sql`select
      (select count(*)::int from appointments a where a.territory_id = ${territoryId} and a.status = 'a_venir' and a.ends_at < ${at(now)} and a.starts_at >= ${since}) as "outcomesMissing",
      (select count(*)::int from appointments a where a.territory_id = ${territoryId} and a.status = 'honore' and a.starts_at >= ${since}
         and not exists (select 1 from activities r where r.appointment_id = a.id)) as "recordsMissing",
      (select count(*)::int from incidents i where i.territory_id = ${territoryId} and i.status <> 'resolu') as "openIncidents",
      (select count(*)::int from places p where p.territory_id = ${territoryId} and not p.published) as "unpublishedPlaces",
      (select count(*)::int from appointments a where a.territory_id = ${territoryId} and a.status in ('a_venir', 'honore', 'absent')
         and a.starts_at >= ${dayStart} and a.starts_at < ${dayEnd}) as "appointmentsToday"`,
  );
  return row!;
}

export type ReferentSchool = { id: number; name: string; openIncidents: { id: number; description: string; status: string; createdAt: Date }[] };

/** The schools a person is referent of, each with its open incidents (newest first). */
export async function schoolsOfReferent(db: Executor, { territoryId, userId }: { territoryId: number; userId: number }): Promise<ReferentSchool[]> {
  const own = await db
    .select({ id: schools.id, name: schools.name })
    .from(schoolReferents)
    .innerJoin(schools, eq(schools.id, schoolReferents.schoolId))
    .where(and(eq(schoolReferents.territoryId, territoryId), eq(schoolReferents.userId, userId)))
    .orderBy(asc(schools.name));
  if (own.length === 0) return [];
  const open = await db
    .select({ id: incidents.id, schoolId: incidents.schoolId, description: incidents.description, status: incidents.status, createdAt: incidents.createdAt })
    .from(incidents)
    .where(and(eq(incidents.territoryId, territoryId), inArray(incidents.schoolId, own.map((s) => s.id)), sql`${incidents.status} <> 'resolu'`))
    .orderBy(sql`${incidents.createdAt} desc`);
  return own.map((s) => ({ ...s, openIncidents: open.filter((i) => i.schoolId === s.id) }));
}

export type KeyFigures = { publishedPlaces: number; peopleLastYear: number; workshopsLastYear: number; schools: number };

/** A territory's figures for elected officials: places open to the public, people helped over twelve months, schools. */
export async function keyFigures(db: Executor, { territoryId, now }: { territoryId: number; now: Date }): Promise<KeyFigures> {
  const since = addDays(parisDateOf(now.getTime()), -365);
  const [row] = await queryRows<KeyFigures>(
    db,
    sql`select
      (select count(*)::int from places p where p.territory_id = ${territoryId} and p.published) as "publishedPlaces",
      (select coalesce(sum(case when r.kind = 'collectif' then coalesce((r.participants ->> 'total')::int, 0) else 1 end), 0)::int
         from activities r where r.territory_id = ${territoryId} and r.day >= ${since}::date) as "peopleLastYear",
      (select count(*)::int from activities r where r.territory_id = ${territoryId} and r.kind = 'collectif' and r.day >= ${since}::date) as "workshopsLastYear",
      (select count(*)::int from schools s where s.territory_id = ${territoryId}) as "schools"`,
  );
  return row!;
}
