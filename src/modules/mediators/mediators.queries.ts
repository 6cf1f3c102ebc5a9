// Reads mediators, their places, plages, one-off openings and absences, and a preview of their next free slots.
import { and, asc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { absences, exceptionalPlages, mediatorPlaces, mediators, places, plages, users } from "../../db/schema/index.js";
import { addDays, parisDateOf, type LocalDate } from "../../lib/paris-time.js";
import { listMembers } from "../accounts/members.queries.js";
import { loadSlotInput } from "../booking/booking.queries.js";
import { nextFreeSlots, type Slot } from "../booking/domain/slots.js";
import type { ExistingPlage } from "./domain/plage-rules.js";
import { shortTime } from "./domain/time-input.js";

export type PlaceChoice = { id: number; nom: string; commune: string };

export type MediatorDetails = {
  id: number;
  name: string;
  email: string | null;
  active: boolean;
  demo: boolean;
  userId: number | null;
  accountEmail: string | null;
  accountName: string | null;
  places: PlaceChoice[];
};

export type ExceptionalRow = { id: number; day: LocalDate; placeId: number; placeName: string; startTime: string; endTime: string };
export type AbsenceRow = { id: number; startsAt: Date; endsAt: Date; reason: string };

const mediatorColumns = {
  id: mediators.id,
  name: mediators.name,
  email: mediators.email,
  active: mediators.active,
  demo: mediators.demo,
  userId: mediators.userId,
  accountEmail: users.email,
  accountName: users.displayName,
};

async function placesByMediator(db: Executor, territoryId: number, mediatorIds: number[]): Promise<Map<number, PlaceChoice[]>> {
  const byMediator = new Map<number, PlaceChoice[]>();
  if (mediatorIds.length === 0) return byMediator;
  const rows = await db
    .select({ mediatorId: mediatorPlaces.mediatorId, id: places.id, nom: places.nom, commune: places.commune })
    .from(mediatorPlaces)
    .innerJoin(places, and(eq(places.id, mediatorPlaces.placeId), eq(places.territoryId, territoryId)))
    .where(and(eq(mediatorPlaces.territoryId, territoryId), inArray(mediatorPlaces.mediatorId, mediatorIds)))
    .orderBy(asc(places.nom));
  for (const { mediatorId, ...place } of rows) byMediator.set(mediatorId, [...(byMediator.get(mediatorId) ?? []), place]);
  return byMediator;
}

/** The territory's mediators by name, with their places and linked account. */
export async function listMediators(db: Executor, { territoryId }: { territoryId: number }): Promise<MediatorDetails[]> {
  const rows = await db
    .select(mediatorColumns)
    .from(mediators)
    .leftJoin(users, eq(users.id, mediators.userId))
    .where(eq(mediators.territoryId, territoryId))
    .orderBy(asc(mediators.name), asc(mediators.id));
  const byMediator = await placesByMediator(db, territoryId, rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, places: byMediator.get(row.id) ?? [] }));
}

/** One mediator of the territory with places and account, or undefined. */
export async function getMediator(db: Executor, { territoryId, mediatorId }: { territoryId: number; mediatorId: number }): Promise<MediatorDetails | undefined> {
  const [row] = await db
    .select(mediatorColumns)
    .from(mediators)
    .leftJoin(users, eq(users.id, mediators.userId))
    .where(and(eq(mediators.territoryId, territoryId), eq(mediators.id, mediatorId)));
  if (!row) return undefined;
  const byMediator = await placesByMediator(db, territoryId, [row.id]);
  return { ...row, places: byMediator.get(row.id) ?? [] };
}

/** Every place of the territory (published or not), by name, for checkboxes and selects. */
export async function listPlaceChoices(db: Executor, { territoryId }: { territoryId: number }): Promise<PlaceChoice[]> {
  return db
    .select({ id: places.id, nom: places.nom, commune: places.commune })
    .from(places)
    .where(eq(places.territoryId, territoryId))
    .orderBy(asc(places.nom), asc(places.id));
}

/** Members of the territory with the mediator role, the accounts a mediator may be linked to. */
export async function listMediatorAccounts(db: Executor, { territoryId }: { territoryId: number }): Promise<{ userId: number; label: string }[]> {
  const members = await listMembers(db, { territoryId });
  return members
    .filter((m) => m.roles.includes("mediator"))
    .map((m) => ({ userId: m.userId, label: m.displayName ? `${m.displayName} (${m.email})` : m.email }));
}

/** The mediator linked to this account in the territory, if any (a person may be linked to at most one). */
export async function findMediatorOfUser(db: Executor, { territoryId, userId }: { territoryId: number; userId: number }): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db
    .select({ id: mediators.id, name: mediators.name })
    .from(mediators)
    .where(and(eq(mediators.territoryId, territoryId), eq(mediators.userId, userId)));
  return row;
}

/** The weekly plages of a mediator at every place, by place then start. */
export async function listPlages(db: Executor, { territoryId, mediatorId }: { territoryId: number; mediatorId: number }): Promise<ExistingPlage[]> {
  const rows = await db
    .select({
      id: plages.id,
      placeId: plages.placeId,
      placeName: places.nom,
      weekdays: plages.weekdays,
      startTime: plages.startTime,
      endTime: plages.endTime,
      validFrom: plages.validFrom,
      validUntil: plages.validUntil,
      everyNWeeks: plages.everyNWeeks,
    })
    .from(plages)
    .innerJoin(places, eq(places.id, plages.placeId))
    .where(and(eq(plages.territoryId, territoryId), eq(plages.mediatorId, mediatorId)))
    .orderBy(asc(places.nom), asc(plages.startTime), asc(plages.id));
  return rows.map((r) => ({ ...r, startTime: shortTime(r.startTime), endTime: shortTime(r.endTime) }));
}

/** The one-off openings of a mediator from a date on, by date. */
export async function listExceptionalPlages(db: Executor, { territoryId, mediatorId, from }: { territoryId: number; mediatorId: number; from: LocalDate }): Promise<ExceptionalRow[]> {
  const rows = await db
    .select({ id: exceptionalPlages.id, day: exceptionalPlages.day, placeId: exceptionalPlages.placeId, placeName: places.nom, startTime: exceptionalPlages.startTime, endTime: exceptionalPlages.endTime })
    .from(exceptionalPlages)
    .innerJoin(places, eq(places.id, exceptionalPlages.placeId))
    .where(and(eq(exceptionalPlages.territoryId, territoryId), eq(exceptionalPlages.mediatorId, mediatorId), gte(exceptionalPlages.day, from)))
    .orderBy(asc(exceptionalPlages.day), asc(exceptionalPlages.startTime));
  return rows.map((r) => ({ ...r, startTime: shortTime(r.startTime), endTime: shortTime(r.endTime) }));
}

/** The absences of a mediator not yet over, by start; their reasons only `withReasons` (the team), else never read. */
export async function listAbsences(db: Executor, { territoryId, mediatorId, after, withReasons }: { territoryId: number; mediatorId: number; after: Date; withReasons: boolean }): Promise<AbsenceRow[]> {
  return db
    .select({ id: absences.id, startsAt: absences.startsAt, endsAt: absences.endsAt, reason: withReasons ? absences.reason : sql<string>`''` })
    .from(absences)
    .where(and(eq(absences.territoryId, territoryId), eq(absences.mediatorId, mediatorId), gt(absences.endsAt, after)))
    .orderBy(asc(absences.startsAt));
}

export type SlotPreview = { placeId: number; placeName: string; slots: Slot[] };

const PREVIEW_MOTIF = { durationMinutes: 30, minNoticeMinutes: 0, horizonDays: 28 };

/**
 * The next free 30-minute slots of this mediator alone at each of their places over four weeks, as booking would
 * compute them (holidays, absences and appointments removed), so a coordinator sees what a plage really opens.
 */
export async function previewMediatorSlots(
  db: Executor,
  { territoryId, mediatorId, places: mediatorPlaceList, now, limit = 6 }: { territoryId: number; mediatorId: number; places: PlaceChoice[]; now: Date; limit?: number },
): Promise<SlotPreview[]> {
  const from = parisDateOf(now.getTime());
  const to = addDays(from, PREVIEW_MOTIF.horizonDays - 1);
  const own = String(mediatorId);
  const previews: SlotPreview[] = [];
  for (const place of mediatorPlaceList) {
    const input = await loadSlotInput(db, { territoryId, placeId: place.id, motif: PREVIEW_MOTIF, from, to, now });
    const plagesOfMediator = input.plages.filter((p) => p.mediatorId === own);
    const exceptionalOfMediator = (input.exceptionalPlages ?? []).filter((p) => p.mediatorId === own);
    if (plagesOfMediator.length === 0 && exceptionalOfMediator.length === 0) continue;
    const slots = nextFreeSlots({ ...input, plages: plagesOfMediator, exceptionalPlages: exceptionalOfMediator }, limit);
    previews.push({ placeId: place.id, placeName: place.nom, slots });
  }
  return previews;
}
