// Answers a person's data-protection request: the search an agent runs (audited) and the erasure.
// The audit log records how the person was searched for and the counts, never the address or number itself.
import type { Executor } from "../../db/client.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import { anonymiseMails, anonymiseSms, eraseAppointmentContacts } from "../booking/booking.purge.js";
import type { Contact } from "./domain/contact.js";
import { contactMatches, findPersonalData, type PersonalData } from "./personal-data.queries.js";

export type ErasureReport = { appointments: number; mails: number; sms: number };

type Request = { territoryId: number; contact: Contact; actor: AuditActor };

/** Finds what the territory holds about the contact and records that an agent looked. */
export async function lookUpPersonalData(db: Executor, { territoryId, contact, actor }: Request): Promise<PersonalData> {
  const found = await findPersonalData(db, { territoryId, contact });
  await recordAudit(db, {
    territoryId,
    actor,
    action: "personal-data.search",
    entityType: "contact",
    details: { by: contact.kind, appointments: found.appointments.length, mails: found.mails.length, sms: found.sms.length },
  });
  return found;
}

/**
 * Erases the contact's details from the territory's appointments and anonymises the receipts of the messages sent
 * to it, with the same columns as the retention job; the appointments stay in the agenda and the statistics.
 */
export async function erasePersonalData(db: Executor, { territoryId, contact, actor, now }: Request & { now: Date }): Promise<ErasureReport> {
  const where = contactMatches(territoryId, contact);
  const erased = await eraseAppointmentContacts(db, { where: where.appointments, now });
  const anonymisedMails = where.mails ? await anonymiseMails(db, where.mails) : [];
  const anonymisedSms = where.sms ? await anonymiseSms(db, where.sms) : [];
  const report = { appointments: erased.length, mails: anonymisedMails.length, sms: anonymisedSms.length };
  await recordAudit(db, { territoryId, actor, action: "personal-data.erase", entityType: "contact", details: { by: contact.kind, ...report } });
  return report;
}
