// Personal data kept only as long as needed: contact details, message receipts, old appointments, the audit
// log, the files of imports that never finished.
import { and, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { appointments, auditEvents, imports, inclusionSettings, mails, smsMessages } from "../../db/schema/index.js";

export const RECEIPTS_ANONYMISED_AFTER_DAYS = 183;
export const APPOINTMENTS_DELETED_AFTER_DAYS = 730;
export const DEFAULT_CONTACT_RETENTION_DAYS = 90;
/** Audit events (who viewed or exported personal data, who changed what) are kept a year, as access logs usually are. */
export const AUDIT_EVENTS_DELETED_AFTER_DAYS = 365;
/** An import file (names, phone numbers of places or people) is dropped when the import ends, or after this many days. */
export const IMPORT_CONTENT_DROPPED_AFTER_DAYS = 30;

const DAY = 86_400_000;

export type PurgeReport = { contactsPurged: number; receiptsAnonymised: number; appointmentsDeleted: number; auditEventsDeleted: number; importFilesDropped: number };

/**
 * Executor of "personal-data.purge" (daily): erases contact details N days after the appointment (per territory,
 * default 90), anonymises message receipts after 6 months, deletes appointments 2 years after their date, audit
 * events after a year, and the file of an import still kept 30 days after it was sent (a failed one).
 */
export async function purgePersonalData(db: Db, { now }: { now: Date }): Promise<PurgeReport> {
  return db.transaction(async (tx) => {
    const purged = await tx
      .update(appointments)
      .set({ firstName: null, lastName: null, phone: null, email: null, note: "", contactPurgedAt: now })
      .where(
        and(
          isNull(appointments.contactPurgedAt),
          sql`${appointments.endsAt} < ${now.toISOString()}::timestamptz - make_interval(days => coalesce(
            (select s.contact_retention_days from ${inclusionSettings} s where s.territory_id = ${appointments.territoryId}),
            ${DEFAULT_CONTACT_RETENTION_DAYS}))`,
        ),
      )
      .returning({ id: appointments.id });
    const receiptsBefore = new Date(now.getTime() - RECEIPTS_ANONYMISED_AFTER_DAYS * DAY);
    const anonymisedMails = await tx
      .update(mails)
      .set({ toAddress: "anonymisé", textBody: "", htmlBody: null, attachments: [] })
      .where(and(lt(mails.createdAt, receiptsBefore), ne(mails.toAddress, "anonymisé")))
      .returning({ id: mails.id });
    const anonymisedSms = await tx
      .update(smsMessages)
      .set({ toNumber: "anonymisé", body: "" })
      .where(and(lt(smsMessages.createdAt, receiptsBefore), ne(smsMessages.toNumber, "anonymisé")))
      .returning({ id: smsMessages.id });
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

