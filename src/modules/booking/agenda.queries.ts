// Reads agendas: appointments of a territory over a period, optionally for one mediator or place.
import { and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { activities, appointments, mediators, motifs, places, type AppointmentStatus } from "../../db/schema/index.js";

export type AgendaRow = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  bookedBy: "citizen" | "agent";
  mediatorId: number;
  mediatorName: string;
  placeId: number;
  placeName: string;
  motifName: string;
  /** The accompaniment record written for it, if any (one per appointment). */
  activityId: number | null;
};

/** Appointments with what an agenda row shows (person, mediator, place, motif, record), to be filtered. */
function agendaRows(db: Executor) {
  return db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      firstName: appointments.firstName,
      lastName: appointments.lastName,
      phone: appointments.phone,
      email: appointments.email,
      bookedBy: appointments.bookedBy,
      mediatorId: mediators.id,
      mediatorName: mediators.name,
      placeId: places.id,
      placeName: places.nom,
      motifName: motifs.name,
      activityId: activities.id,
    })
    .from(appointments)
    .innerJoin(mediators, eq(mediators.id, appointments.mediatorId))
    .innerJoin(places, eq(places.id, appointments.placeId))
    .innerJoin(motifs, eq(motifs.id, appointments.motifId))
    .leftJoin(activities, eq(activities.appointmentId, appointments.id));
}

/** Appointments between two instants, in start order. */
export async function listAgenda(
  db: Executor,
  { territoryId, from, to, mediatorId, placeId }: { territoryId: number; from: Date; to: Date; mediatorId?: number | undefined; placeId?: number | undefined },
): Promise<AgendaRow[]> {
  return agendaRows(db)
    .where(
      and(
        eq(appointments.territoryId, territoryId),
        gte(appointments.startsAt, from),
        lt(appointments.startsAt, to),
        mediatorId ? eq(appointments.mediatorId, mediatorId) : undefined,
        placeId ? eq(appointments.placeId, placeId) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt));
}

/** No-show rate over a period: absent / (seen + absent), null when nothing was recorded. */
export async function noShowRate(db: Executor, { territoryId, from, to, mediatorId }: { territoryId: number; from: Date; to: Date; mediatorId?: number | undefined }): Promise<{ seen: number; absent: number; rate: number | null }> {
  const [row] = await db
    .select({
      seen: sql<number>`count(*) filter (where ${appointments.status} = 'honore')::int`,
      absent: sql<number>`count(*) filter (where ${appointments.status} = 'absent')::int`,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.territoryId, territoryId),
        gte(appointments.startsAt, from),
        lt(appointments.startsAt, to),
        inArray(appointments.status, ["honore", "absent"]),
        mediatorId ? eq(appointments.mediatorId, mediatorId) : undefined,
      ),
    );
  const seen = row?.seen ?? 0;
  const absent = row?.absent ?? 0;
  return { seen, absent, rate: seen + absent === 0 ? null : absent / (seen + absent) };
}

/** Mediators and places of a territory for the agenda filters. */
export async function agendaFilters(db: Executor, { territoryId }: { territoryId: number }) {
  const [mediatorRows, placeRows] = await Promise.all([
    db.select({ id: mediators.id, name: mediators.name, userId: mediators.userId }).from(mediators).where(and(eq(mediators.territoryId, territoryId), eq(mediators.active, true))).orderBy(asc(mediators.name)),
    db.select({ id: places.id, name: places.nom }).from(places).where(eq(places.territoryId, territoryId)).orderBy(asc(places.nom)),
  ]);
  return { mediators: mediatorRows, places: placeRows };
}

/** How far back and ahead a search by name or phone looks. */
const SEARCH_PAST_DAYS = 90;

/**
 * Appointments of the territory whose person's name or phone matches what an agent typed (a caller asking about
 * their appointment): "Martin", "josiane martin", "06 12 34 56 78", "+33 6 12…" (phones are stored E.164, so the
 * last nine digits are compared). From 90 days back onwards, soonest first, at most 50.
 */
export async function findAppointments(db: Executor, { territoryId, search, now }: { territoryId: number; search: string; now: Date }): Promise<AgendaRow[]> {
  const digits = search.replace(/\D/g, "");
  const byPhone = digits.length >= 6 && /^[\d\s.+()-]+$/.test(search);
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const nameMatch = words.map((w) => sql`lower(coalesce(${appointments.firstName}, '') || ' ' || coalesce(${appointments.lastName}, '')) like ${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const condition = byPhone ? sql`${appointments.phone} like ${`%${digits.slice(-9)}`}` : and(...nameMatch);
  return agendaRows(db)
    .where(and(eq(appointments.territoryId, territoryId), gte(appointments.startsAt, new Date(now.getTime() - SEARCH_PAST_DAYS * 86_400_000)), condition))
    .orderBy(asc(appointments.startsAt))
    .limit(50);
}
