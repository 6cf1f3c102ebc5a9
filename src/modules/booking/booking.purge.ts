// Personal data kept only as long as needed: contact details, message receipts, old appointments, the audit
// log, the files of imports that never finished.
import { and, isNotNull, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { appointments, auditEvents, imports, inclusionSettings, mails, smsMessages } from "../../db/schema/index.js";
import { ANONYMISED } from "../../lib/anonymised.js";

export const RECEIPTS_ANONYMISED_AFTER_DAYS = 183;
export const APPOINTMENTS_DELETED_AFTER_DAYS = 730;
export const DEFAULT_CONTACT_RETENTION_DAYS = 90;
/** Audit events (who viewed or exported personal data, who changed what) are kept a year, as access logs usually are. */
export const AUDIT_EVENTS_DELETED_AFTER_DAYS = 365;
/** An import file (names, phone numbers of places or people) is dropped when the import ends, or after this many days. */
export const IMPORT_CONTENT_DROPPED_AFTER_DAYS = 30;

const DAY = 86_400_000;

export type PurgeReport = { contactsPurged: number; receiptsAnonymised: number; appointmentsDeleted: number; auditEventsDeleted: number; importFilesDropped: number };

/** What an anonymised receipt keeps in place of its recipient. */

/** A purge condition; drizzle's and() may return none, and an update without one would touch every row. */
function condition(where: SQL | undefined): SQL {
  if (!where) throw new Error("A personal-data purge needs a condition");
  return where;
}

/**
 * Erases the contact details (names, phone, e-mail, note) of the appointments `where` selects and marks them
 * purged; the appointment itself stays, for the agenda and the statistics. Shared by the retention job and the
 * answer to a person's erasure request, so both erase the same columns.
 */
export function eraseAppointmentContacts(db: Executor, { where, now }: { where: SQL | undefined; now: Date }) {
  return db
    .update(appointments)
    .set({ firstName: null, lastName: null, phone: null, email: null, note: "", contactPurgedAt: now })
    .where(condition(where))
    .returning({ id: appointments.id });
}

/** Anonymises the mail receipts `where` selects (recipient, bodies, attachments; the subject and date stay). */
export function anonymiseMails(db: Executor, where: SQL | undefined) {
  return db
    .update(mails)
    .set({ toAddress: ANONYMISED, textBody: "", htmlBody: null, attachments: [] })
    .where(and(ne(mails.toAddress, ANONYMISED), condition(where)))
    .returning({ id: mails.id });
}

/** Anonymises the SMS receipts `where` selects (number and text; the date and status stay). */
export function anonymiseSms(db: Executor, where: SQL | undefined) {
  return db
    .update(smsMessages)
    .set({ toNumber: ANONYMISED, body: "" })
    .where(and(ne(smsMessages.toNumber, ANONYMISED), condition(where)))
    .returning({ id: smsMessages.id });
}

/**
 * Executor of "personal-data.purge" (daily): erases contact details N days after the appointment (per territory,
 * default 90), anonymises message receipts after 6 months, deletes appointments 2 years after their date, audit
 * events after a year, and the file of an import still kept 30 days after it was sent (a failed one).
 */
export async function purgePersonalData(db: Db, { now }: { now: Date }): Promise<PurgeReport> {
  return db.transaction(async (tx) => {
    const purged = await eraseAppointmentContacts(tx, {
      where: and(
        isNull(appointments.contactPurgedAt),
        sql`${appointments.endsAt} < ${now.toISOString()}::timestamptz - make_interval(days => coalesce(
          (select s.contact_retention_days from ${inclusionSettings} s where s.territory_id = ${appointments.territoryId}),
          ${DEFAULT_CONTACT_RETENTION_DAYS}))`,
      ),
      now,
    });
    const receiptsBefore = new Date(now.getTime() - RECEIPTS_ANONYMISED_AFTER_DAYS * DAY);
    const anonymisedMails = await anonymiseMails(tx, lt(mails.createdAt, receiptsBefore));
    const anonymisedSms = await anonymiseSms(tx, lt(smsMessages.createdAt, receiptsBefore));
    const deleted = await tx
      .delete(appointments)
      .where(lt(appointments.startsAt, new Date(now.getTime() - APPOINTMENTS_DELETED_AFTER_DAYS * DAY)))
      .returning({ id: appointments.id });
    const audit = await tx
      .delete(auditEvents)
      .where(lt(auditEvents.at, new Date(now.getTime() - AUDIT_EVENTS_DELETED_AFTER_DAYS * DAY)))
      .returning({ id: auditEvents.id });
    const files = await tx
      .update(imports)
      // One still waiting after 30 days will never run: it ends as failed.
      .set({ content: null, status: sql`case when ${imports.status} in ('pending', 'running') then 'failed' else ${imports.status} end`, finishedAt: sql`coalesce(${imports.finishedAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(isNotNull(imports.content), lt(imports.createdAt, new Date(now.getTime() - IMPORT_CONTENT_DROPPED_AFTER_DAYS * DAY))))
      .returning({ id: imports.id });
    return {
      contactsPurged: purged.length,
      receiptsAnonymised: anonymisedMails.length + anonymisedSms.length,
      appointmentsDeleted: deleted.length,
      auditEventsDeleted: audit.length,
      importFilesDropped: files.length,
    };
  });
}

