// The reminder job: sent before an upcoming appointment, never after it starts, never for a cancelled one.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { appointments } from "../../db/schema/index.js";
import { linkSecret } from "../../lib/signed-links.js";
import { queueMail } from "../mail/mail.commands.js";
import { messageData } from "./booking.commands.js";
import { reminderMail } from "./booking.mails.js";

/** Executor of "appointment.reminder": queues the reminder e-mail if the appointment still stands as booked. */
export async function sendAppointmentReminder(db: Db, { appointmentId, sequence, now, publicUrl }: { appointmentId: string; sequence: number; now: Date; publicUrl: string }): Promise<"sent" | "skipped"> {
  const [row] = await db
    .select({ territoryId: appointments.territoryId, status: appointments.status, startsAt: appointments.startsAt, sequence: appointments.icsSequence, email: appointments.email })
    .from(appointments)
    .where(eq(appointments.id, appointmentId));
  if (!row || row.status !== "a_venir" || row.sequence !== sequence || !row.email || row.startsAt <= now) return "skipped";
  const secret = await linkSecret(db);
  return db.transaction(async (tx) => {
    const message = await messageData(tx, { territoryId: row.territoryId, appointmentId, publicUrl, secret });
    if (!message) return "skipped" as const;
    await queueMail(tx, { territoryId: row.territoryId, ...reminderMail(message) });
    return "sent" as const;
  });
}

