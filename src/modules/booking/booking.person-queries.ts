// Reads the appointment a person sees through their signed link.
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { appointments, motifs, places } from "../../db/schema/index.js";
import type { PersonAppointment } from "./views/appointment-page.js";

/** The person's view of an appointment, with what they may still do (cancel and change deadlines of the motif). */
export async function getPersonAppointment(db: Executor, { territoryId, appointmentId, now }: { territoryId: number; appointmentId: string; now: Date }): Promise<PersonAppointment | undefined> {
  const [row] = await db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      status: appointments.status,
      firstName: appointments.firstName,
      placeId: places.id,
      placeName: places.nom,
      record: places.record,
      motifId: motifs.id,
      motifName: motifs.name,
      whatToBring: motifs.whatToBring,
      cancelUntil: motifs.cancelUntilMinutes,
      changeUntil: motifs.changeUntilMinutes,
    })
    .from(appointments)
    .innerJoin(places, eq(places.id, appointments.placeId))
    .innerJoin(motifs, eq(motifs.id, appointments.motifId))
    .where(and(eq(appointments.territoryId, territoryId), eq(appointments.id, appointmentId)));
  if (!row) return undefined;
  const minutesLeft = (row.startsAt.getTime() - now.getTime()) / 60_000;
  const upcoming = row.status === "a_venir";
  return {
    id: row.id,
    startsAt: row.startsAt,
    status: row.status,
    placeId: row.placeId,
    placeName: row.placeName,
    placeAddress: `${row.record.adresse}, ${row.record.code_postal} ${row.record.commune}`,
    placePhone: row.record.telephone ?? null,
    motifId: row.motifId,
    motifName: row.motifName,
    whatToBring: row.whatToBring,
    firstName: row.firstName ?? "",
    canCancel: upcoming && minutesLeft >= row.cancelUntil,
    canChange: upcoming && minutesLeft >= row.changeUntil,
    cancelUntilMinutes: row.cancelUntil,
    changeUntilMinutes: row.changeUntil,
  };
}
