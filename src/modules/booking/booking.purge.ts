// Personal data kept only as long as needed: contact details, message receipts, old appointments.
import { and, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { appointments, inclusionSettings, mails, smsMessages } from "../../db/schema/index.js";

export const RECEIPTS_ANONYMISED_AFTER_DAYS = 183;
export const APPOINTMENTS_DELETED_AFTER_DAYS = 730;
export const DEFAULT_CONTACT_RETENTION_DAYS = 90;

const DAY = 86_400_000;

export type PurgeReport = { contactsPurged: number; receiptsAnonymised: number; appointmentsDeleted: number };

/**
 * Executor of "personal-data.purge" (daily): erases contact details N days after the appointment (per territory,
 * default 90), anonymises message receipts after 6 months, deletes appointments 2 years after their date.
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
    return { contactsPurged: purged.length, receiptsAnonymised: anonymisedMails.length + anonymisedSms.length, appointmentsDeleted: deleted.length };
  });
}

