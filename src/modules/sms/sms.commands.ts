// Queues and sends SMS; every SMS is a row (the receipt), sent by the "sms.send" job.
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { inclusionSettings, smsMessages } from "../../db/schema/index.js";
import { ANONYMISED } from "../../lib/anonymised.js";
import { toE164 } from "../../lib/phone.js";
import { enqueueJob } from "../jobs/jobs.queue.js";
import type { SmsProvider } from "./sms.provider.js";

/** Records an SMS and schedules its sending in the caller's transaction. */
export async function queueSms(db: Executor, { territoryId, appointmentId, to, text, now }: { territoryId: number; appointmentId: string | null; to: string; text: string; now: Date }): Promise<number | null> {
  const number = toE164(to);
  if (!number) return null;
  const [row] = await db.insert(smsMessages).values({ territoryId, appointmentId, toNumber: number, body: text, createdAt: now }).returning({ id: smsMessages.id });
  await enqueueJob(db, "sms.send", { smsId: row!.id }, { runAt: now });
  return row!.id;
}

/** Executor of "sms.send": sends through the provider, or marks the SMS skipped when none is configured. */
export async function sendQueuedSms(db: Executor, { smsId, provider, now }: { smsId: number; provider: SmsProvider | undefined; now: Date }): Promise<void> {
  const [sms] = await db.select().from(smsMessages).where(eq(smsMessages.id, smsId));
  if (!sms || sms.status !== "queued") return;
  // Its number was erased (a person's request) before it went out: it never will.
  if (sms.toNumber === ANONYMISED) {
    await db.update(smsMessages).set({ status: "skipped", error: "Destinataire effacé avant l'envoi" }).where(eq(smsMessages.id, smsId));
    return;
  }
  if (!provider) {
    await db.update(smsMessages).set({ status: "skipped", error: "Aucun fournisseur SMS configuré" }).where(eq(smsMessages.id, smsId));
    return;
  }
  try {
    const { providerId } = await provider.send({ to: sms.toNumber, text: sms.body });
    await db.update(smsMessages).set({ status: "sent", providerId, sentAt: now, error: null }).where(eq(smsMessages.id, smsId));
  } catch (error) {
    await db.update(smsMessages).set({ error: (error as Error).message.slice(0, 500) }).where(eq(smsMessages.id, smsId));
    throw error;
  }
}

/** SMS go out only when a provider is configured (SMS_PROVIDER_URL) and the territory turned them on. */
export async function smsEnabledFor(db: Executor, territoryId: number): Promise<boolean> {
  if (!process.env.SMS_PROVIDER_URL) return false;
  const [settings] = await db.select({ on: inclusionSettings.smsEnabled }).from(inclusionSettings).where(eq(inclusionSettings.territoryId, territoryId));
  return settings?.on ?? false;
}
