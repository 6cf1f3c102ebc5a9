// Reads for accompaniment records: form choices, the appointment a record starts from, the list of records.
import { and, asc, desc, eq, gt, gte, lte, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { activities, appointments, mediatorPlaces, mediators, motifs, places } from "../../db/schema/index.js";
import type { ValidActivity } from "./domain/activity-rules.js";
import type { ActivityFilters } from "./domain/filters.js";
import type { AppointmentStatus } from "./domain/statistics.js";

export type { ActivityFilters };

export type Option = { id: number; name: string };

/** The territory's places, by name (for the record form and the filters). */
export async function listPlaceOptions(db: Executor, { territoryId }: { territoryId: number }): Promise<Option[]> {
  return db.select({ id: places.id, name: places.nom }).from(places).where(eq(places.territoryId, territoryId)).orderBy(asc(places.nom), asc(places.id));
}

/** Ids of the territory's published places (what public pages may name). */
export async function listPublishedPlaceIds(db: Executor, { territoryId }: { territoryId: number }): Promise<number[]> {
  const rows = await db.select({ id: places.id }).from(places).where(and(eq(places.territoryId, territoryId), eq(places.published, true)));
  return rows.map((r) => r.id);
}

/** The territory's mediators, by name; inactive ones too when asked (filters must find past records). */
export async function listMediatorOptions(db: Executor, { territoryId, activeOnly = true }: { territoryId: number; activeOnly?: boolean }): Promise<Option[]> {
  const where = activeOnly ? and(eq(mediators.territoryId, territoryId), eq(mediators.active, true)) : eq(mediators.territoryId, territoryId);
  return db.select({ id: mediators.id, name: mediators.name }).from(mediators).where(where).orderBy(asc(mediators.name), asc(mediators.id));
}

/** The mediator record of a signed-in person in a territory, with their first place (form defaults). */
export async function findMediatorOfUser(db: Executor, { territoryId, userId }: { territoryId: number; userId: number }): Promise<{ mediatorId: number; placeId: number | null } | null> {
  const [mediator] = await db
    .select({ id: mediators.id })
    .from(mediators)
    .where(and(eq(mediators.territoryId, territoryId), eq(mediators.userId, userId), eq(mediators.active, true)))
    .orderBy(asc(mediators.id))
    .limit(1);
  if (!mediator) return null;
  const [place] = await db
    .select({ placeId: mediatorPlaces.placeId })
    .from(mediatorPlaces)
    .where(and(eq(mediatorPlaces.territoryId, territoryId), eq(mediatorPlaces.mediatorId, mediator.id)))
    .orderBy(asc(mediatorPlaces.placeId))
    .limit(1);
  return { mediatorId: mediator.id, placeId: place?.placeId ?? null };
}

export type AppointmentForRecord = {
  id: string;
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  placeId: number;
  mediatorId: number;
  communeInsee: string | null;
  motifName: string;
  placeKind: "sur_place" | "telephone" | "domicile" | "visio";
  /** An accompaniment already recorded for this appointment, if any. */
  activityId: number | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The appointment a record is made from: no name or contact is read, only what the record needs. */
export async function findAppointmentForRecord(db: Executor, { territoryId, appointmentId }: { territoryId: number; appointmentId: string }): Promise<AppointmentForRecord | null> {
  if (!UUID.test(appointmentId)) return null;
  const [row] = await db
    .select({
      id: appointments.id,
      status: appointments.status,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      placeId: appointments.placeId,
      mediatorId: appointments.mediatorId,
      communeInsee: appointments.communeInsee,
      motifName: motifs.name,
      placeKind: motifs.placeKind,
    })
    .from(appointments)
    .innerJoin(motifs, eq(motifs.id, appointments.motifId))
    .where(and(eq(appointments.territoryId, territoryId), eq(appointments.id, appointmentId)));
  if (!row) return null;
  const [existing] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.territoryId, territoryId), eq(activities.appointmentId, appointmentId)))
    .limit(1);
  return { ...row, activityId: existing?.id ?? null };
}

/** The SQL conditions of a filter on activities (shared by the list, the statistics and the exports). */
export function activityConditions(territoryId: number, f: ActivityFilters): SQL[] {
  const conditions: SQL[] = [eq(activities.territoryId, territoryId), gte(activities.day, f.from), lte(activities.day, f.to)];
  if (f.placeId != null) conditions.push(eq(activities.placeId, f.placeId));
  if (f.mediatorId != null) conditions.push(eq(activities.mediatorId, f.mediatorId));
  if (f.communeInsee != null) conditions.push(eq(activities.communeInsee, f.communeInsee));
  return conditions;
}

/** A stored record as listed and exported: its validated fields (rules in domain/activity-rules.ts) and where it was. */
export type ActivityRow = Omit<ValidActivity, "placeId" | "mediatorId" | "locationKind"> & {
  id: number;
  locationKind: string;
  fromAppointment: boolean;
  placeName: string | null;
  mediatorName: string | null;
};

/** Records of a period, newest first, one page at a time (the list page). */
export async function listActivities(
  db: Executor,
  { territoryId, filters, limit, offset = 0 }: { territoryId: number; filters: ActivityFilters; limit: number; offset?: number },
): Promise<ActivityRow[]> {
  return selectActivities(db, territoryId, activityConditions(territoryId, filters), [desc(activities.day), desc(activities.id)], limit, offset);
}

/** Records of a period in id order after `afterId` (exports walk through them without OFFSET). */
export async function listActivitiesAfter(
  db: Executor,
  { territoryId, filters, afterId, limit }: { territoryId: number; filters: ActivityFilters; afterId: number; limit: number },
): Promise<ActivityRow[]> {
  return selectActivities(db, territoryId, [...activityConditions(territoryId, filters), gt(activities.id, afterId)], [asc(activities.id)], limit, 0);
}

/** The columns of a record's validated fields (domain/activity-rules.ts), but its place and mediator. */
const recordColumns = {
  kind: activities.kind,
  day: activities.day,
  durationMinutes: activities.durationMinutes,
  locationKind: activities.locationKind,
  thematiques: activities.thematiques,
  sousThematiques: activities.sousThematiques,
  precision: activities.precision,
  materiel: activities.materiel,
  autonomie: activities.autonomie,
  orientation: activities.orientation,
  niveau: activities.niveau,
  participants: activities.participants,
  communeInsee: activities.communeInsee,
  firstVisit: activities.firstVisit,
};

async function selectActivities(db: Executor, territoryId: number, conditions: SQL[], order: SQL[], limit: number, offset: number): Promise<ActivityRow[]> {
  const rows = await db
    .select({
      id: activities.id,
      ...recordColumns,
      appointmentId: activities.appointmentId,
      placeName: places.nom,
      mediatorName: mediators.name,
    })
    .from(activities)
    .leftJoin(places, and(eq(places.id, activities.placeId), eq(places.territoryId, territoryId)))
    .leftJoin(mediators, and(eq(mediators.id, activities.mediatorId), eq(mediators.territoryId, territoryId)))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  return rows.map(({ appointmentId, ...row }) => ({ ...row, fromAppointment: appointmentId !== null }));
}

/** One stored record as the form shows it again, with the appointment it was made from (time and motif only). */
export type StoredActivity = { id: number; activity: ValidActivity; appointment: { id: string; startsAt: Date; motifName: string } | null };

/** A record of the territory by its id, or null. */
export async function findActivity(db: Executor, { territoryId, activityId }: { territoryId: number; activityId: number }): Promise<StoredActivity | null> {
  const [row] = await db
    .select({
      id: activities.id,
      ...recordColumns,
      placeId: activities.placeId,
      mediatorId: activities.mediatorId,
      appointmentId: appointments.id,
      appointmentStartsAt: appointments.startsAt,
      motifName: motifs.name,
    })
    .from(activities)
    .leftJoin(appointments, eq(appointments.id, activities.appointmentId))
    .leftJoin(motifs, eq(motifs.id, appointments.motifId))
    .where(and(eq(activities.territoryId, territoryId), eq(activities.id, activityId)));
  if (!row) return null;
  const { id, appointmentId, appointmentStartsAt, motifName, ...activity } = row;
  const appointment = appointmentId && appointmentStartsAt ? { id: appointmentId, startsAt: appointmentStartsAt, motifName: motifName ?? "" } : null;
  return { id, activity: { ...activity, locationKind: activity.locationKind as ValidActivity["locationKind"] }, appointment };
}
