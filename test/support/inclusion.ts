// Factories for the inclusion module: places, mediators, plages, motifs, appointments.
import type { Database } from "../../src/db/client.js";
import { withTenant } from "../../src/db/tenant.js";
import { bookAppointment, type BookingRequest } from "../../src/modules/booking/booking.commands.js";
import { mediatorPlaces, mediators, motifs, places, plages } from "../../src/db/schema/index.js";
import type { LieuRecord } from "../../src/modules/places/import-export/lieu-record.js";
import { searchColumns } from "../../src/modules/places/places.commands.js";

let seq = 0;

/** A valid standard record for a place; fields can be overridden. */
export function lieuRecord(overrides: Partial<LieuRecord> = {}): LieuRecord {
  seq++;
  return {
    id: `lieu-essai-${seq}`,
    pivot: "21790202700019",
    nom: `Lieu d'essai ${seq}`,
    commune: "Parthenay",
    code_postal: "79200",
    code_insee: "79202",
    adresse: `${seq} rue de la Poste`,
    latitude: 46.648,
    longitude: -0.247,
    horaires: "Mo-Fr 09:00-12:00,14:00-17:30",
    date_maj: "2027-01-15",
    services: ["Aide aux démarches administratives"] as LieuRecord["services"],
    ...overrides,
  } as LieuRecord;
}

/** Inserts a published place in a territory. */
export async function makePlace(database: Database, { territoryId, record = lieuRecord(), published = true }: { territoryId: number; record?: LieuRecord; published?: boolean }) {
  const [row] = await database.db
    .insert(places)
    .values({ territoryId, ...searchColumns(record), published })
    .returning();
  return row!;
}

/** Inserts a mediator working at the given places. */
export async function makeMediator(database: Database, { territoryId, placeIds, name = "Médiatrice d'essai", userId = null }: { territoryId: number; placeIds: number[]; name?: string; userId?: number | null }) {
  const [row] = await database.db.insert(mediators).values({ territoryId, name, userId }).returning();
  if (placeIds.length) await database.db.insert(mediatorPlaces).values(placeIds.map((placeId) => ({ territoryId, mediatorId: row!.id, placeId })));
  return row!;
}

/** Inserts a weekly plage (default: Monday to Friday, 9:00–12:00, from 2027-01-01). */
export async function makePlage(
  database: Database,
  p: { territoryId: number; mediatorId: number; placeId: number; weekdays?: number[]; startTime?: string; endTime?: string; validFrom?: string; validUntil?: string | null },
) {
  const [row] = await database.db
    .insert(plages)
    .values({
      territoryId: p.territoryId,
      mediatorId: p.mediatorId,
      placeId: p.placeId,
      weekdays: p.weekdays ?? [1, 2, 3, 4, 5],
      startTime: p.startTime ?? "09:00",
      endTime: p.endTime ?? "12:00",
      validFrom: p.validFrom ?? "2027-01-01",
      validUntil: p.validUntil ?? null,
    })
    .returning();
  return row!;
}

/** Inserts a motif bookable by everyone (30 minutes by default). */
export async function makeMotif(database: Database, m: { territoryId: number; name?: string; service?: string; durationMinutes?: number; minNoticeMinutes?: number; bookableBy?: "agents" | "everyone"; placeIds?: number[] }) {
  const [row] = await database.db
    .insert(motifs)
    .values({
      territoryId: m.territoryId,
      name: m.name ?? "Aide aux démarches en ligne",
      service: m.service ?? "Aide aux démarches administratives",
      durationMinutes: m.durationMinutes ?? 30,
      minNoticeMinutes: m.minNoticeMinutes ?? 30,
      bookableBy: m.bookableBy ?? "everyone",
      placeIds: m.placeIds ?? [],
      whatToBring: "Vos identifiants et vos papiers d'identité",
    })
    .returning();
  return row!;
}

/**
 * Books through bookAppointment as the app does (citizen online unless said otherwise), with the tests' organizer
 * address and link secret; returns its result.
 */
export function makeBooking(database: Database, req: Omit<BookingRequest, "bookedBy" | "publicUrl" | "organizerEmail" | "secret"> & Partial<Pick<BookingRequest, "bookedBy" | "publicUrl">>) {
  return withTenant(database.db, req.territoryId, (tx) =>
    bookAppointment(tx, { bookedBy: "citizen", publicUrl: "http://maillage.test", ...req, organizerEmail: "rdv@maillage.test", secret: "s" }),
  );
}
