// What a territory holds about one person, found by the e-mail address or phone number they gave.
import { desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { appointments, mails, motifs, places, smsMessages, type AppointmentStatus, type MailStatus } from "../../db/schema/index.js";
import { typedForms } from "../../lib/phone.js";
import type { Contact } from "./domain/contact.js";

/** Separators people type in phone numbers (as lib/phone.ts strips them), as a PostgreSQL bracket expression. */
const PHONE_SEPARATORS = "[[:space:]\u00a0\u202f.-]";

/** The rows of the territory that concern this contact; null where a kind of row cannot hold it (no SMS to an e-mail). */
export type ContactMatches = { appointments: SQL; mails: SQL | null; sms: SQL | null };

/** Which appointments and message receipts of the territory carry this e-mail address or phone number. */
export function contactMatches(territoryId: number, contact: Contact): ContactMatches {
  if (contact.kind === "email") {
    return {
      appointments: sql`${appointments.territoryId} = ${territoryId} and lower(${appointments.email}) = ${contact.email}`,
      mails: sql`${mails.territoryId} = ${territoryId} and lower(${mails.toAddress}) = ${contact.email}`,
      sms: null,
    };
  }
  // Appointments keep the number as typed ("06 12 34 56 78"); SMS receipts keep it in E.164.
  const stripped = sql`regexp_replace(${appointments.phone}, ${PHONE_SEPARATORS}, '', 'g')`;
  return {
    appointments: sql`${appointments.territoryId} = ${territoryId} and ${inArray(stripped, typedForms(contact.e164))}`,
    mails: null,
    sms: sql`${smsMessages.territoryId} = ${territoryId} and ${smsMessages.toNumber} = ${contact.e164}`,
  };
}

export type PersonalAppointment = {
  id: string;
  startsAt: Date;
  status: AppointmentStatus;
  placeName: string;
  motifName: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  note: string;
};

export type PersonalData = {
  appointments: PersonalAppointment[];
  mails: { id: number; createdAt: Date; subject: string; status: MailStatus }[];
  sms: { id: number; createdAt: Date; status: "queued" | "sent" | "failed" | "skipped" }[];
};

/** Everything the territory holds about the contact: appointments, mails and SMS sent to it, newest first. */
export async function findPersonalData(db: Executor, { territoryId, contact }: { territoryId: number; contact: Contact }): Promise<PersonalData> {
  const where = contactMatches(territoryId, contact);
  const found = await db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      status: appointments.status,
      placeName: places.nom,
      motifName: motifs.name,
      firstName: appointments.firstName,
      lastName: appointments.lastName,
      phone: appointments.phone,
      email: appointments.email,
      note: appointments.note,
    })
    .from(appointments)
    .innerJoin(places, eq(places.id, appointments.placeId))
    .innerJoin(motifs, eq(motifs.id, appointments.motifId))
    .where(where.appointments)
    .orderBy(desc(appointments.startsAt));
  const mailRows = where.mails
    ? await db.select({ id: mails.id, createdAt: mails.createdAt, subject: mails.subject, status: mails.status }).from(mails).where(where.mails).orderBy(desc(mails.createdAt), desc(mails.id))
    : [];
  const smsRows = where.sms
    ? await db.select({ id: smsMessages.id, createdAt: smsMessages.createdAt, status: smsMessages.status }).from(smsMessages).where(where.sms).orderBy(desc(smsMessages.createdAt), desc(smsMessages.id))
    : [];
  return { appointments: found, mails: mailRows, sms: smsRows };
}
