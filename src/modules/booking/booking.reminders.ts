// The reminder job: sent before an upcoming appointment, never after it starts, never for a cancelled one.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { appointments } from "../../db/schema/index.js";
import { linkSecret } from "../../lib/signed-links.js";
import { queueMail } from "../mail/mail.commands.js";
import { messageData } from "./booking.commands.js";
import { reminderMail } from "./booking.mails.js";
import { queueSms, smsEnabledFor } from "../sms/sms.commands.js";
import { appointmentSms } from "../sms/sms-text.js";


/** Executor of "appointment.reminder": queues the reminder e-mail if the appointment still stands as booked. */
export async function sendAppointmentReminder(db: Db, { appointmentId, sequence, now, publicUrl }: { appointmentId: string; sequence: number; now: Date; publicUrl: string }): Promise<"sent" | "skipped"> {
  const [row] = await db
    .select({ territoryId: appointments.territoryId, status: appointments.status, startsAt: appointments.startsAt, sequence: appointments.icsSequence, email: appointments.email, phone: appointments.phone })
    .from(appointments)
    .where(eq(appointments.id, appointmentId));
  if (!row || row.status !== "a_venir" || row.sequence !== sequence || row.startsAt <= now) return "skipped";
  const sms = row.phone ? await smsEnabledFor(db, row.territoryId) : false;
  if (!row.email && !sms) return "skipped";
  const secret = await linkSecret(db);
  return db.transaction(async (tx) => {
    const message = await messageData(tx, { territoryId: row.territoryId, appointmentId, publicUrl, secret });
    if (!message) return "skipped" as const;
    if (row.email) await queueMail(tx, { territoryId: row.territoryId, now, ...reminderMail(message) });
    if (sms && row.phone) {
      await queueSms(tx, { territoryId: row.territoryId, now, appointmentId, to: row.phone, text: appointmentSms({ kind: "rappel", placeName: message.placeName, startsAt: message.startsAt, link: message.manageUrl }) });
    }
    return "sent" as const;
  });
}

