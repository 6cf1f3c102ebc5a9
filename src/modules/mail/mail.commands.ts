// Queues and sends messages. Every message is a row (the receipt); sending is a background job.
import { eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { mails } from "../../db/schema/index.js";
import { ANONYMISED } from "../../lib/anonymised.js";
import { enqueueJob } from "../jobs/jobs.queue.js";
import type { MailTransport } from "./mail.transport.js";

export type MailToQueue = {
  territoryId: number | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; contentType: string; content: string }[];
  /** When it is queued, by the app's clock: the receipt's date and the sending job's due time. */
  now: Date;
};

/** A message as the mail builders write it: everything but the territory and the time it is queued. */
export type MailContent = Omit<MailToQueue, "territoryId" | "now">;

/** Records a message and schedules its sending in the caller's transaction. */
export async function queueMail(db: Executor, mail: MailToQueue): Promise<number> {
  const values = {
    territoryId: mail.territoryId,
    kind: mail.kind,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    attachments: mail.attachments ?? [],
    createdAt: mail.now,
  };
  let id: number;
  if (mail.territoryId === null) {
    // An instance-level message (a sign-in link): the web app's role may queue it but never read it back
    // (migration 0011), so no RETURNING: the id is the sequence's value in this session.
    await db.insert(mails).values(values);
    [{ id }] = await queryRows<{ id: number }>(db, sql`select currval(pg_get_serial_sequence('mails', 'id'))::int as id`) as [{ id: number }];
  } else {
    [{ id }] = (await db.insert(mails).values(values).returning({ id: mails.id })) as [{ id: number }];
  }
  await enqueueJob(db, "mail.send", { mailId: id }, { runAt: mail.now });
  return id;
}

const LIVE_LINK_SECRETS = /([?&](?:amp;)?(?:jeton|cle|token)=)[^&\s"'<>]+|(\/partage\/)[A-Za-z0-9_-]{20,}/g;

/** A sent message's text with the secrets of its links replaced (the links themselves stay, dead). */
export function withoutLiveLinks(text: string): string {
  return text.replace(LIVE_LINK_SECRETS, (_match, query: string | undefined, share: string | undefined) => `${query ?? share}[retiré après envoi]`);
}

/**
 * Sends one queued message (the executor of the "mail.send" job). Throws on failure so that the job is retried;
 * the error stays on the message, which becomes "failed" after the last attempt.
 */
export async function sendQueuedMail(
  db: Executor,
  { mailId, transport, from, now, lastAttempt = false }: { mailId: number; transport: MailTransport; from: string; now: Date; lastAttempt?: boolean },
): Promise<void> {
  const [mail] = await db.select().from(mails).where(eq(mails.id, mailId));
  // Already delivered (a job run twice after a crash must not send twice), or deleted.
  if (!mail || mail.status === "sent" || mail.status === "stored") return;
  // Its recipient was erased (a person's request) before it went out: it never will.
  if (mail.toAddress === ANONYMISED) {
    await db.update(mails).set({ status: "failed", error: "Destinataire effacé avant l'envoi" }).where(eq(mails.id, mailId));
    return;
  }
  try {
    const { messageId } = await transport.send({
      from,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      attachments: mail.attachments,
    });
    const sent = transport.kind === "smtp";
    // Once delivered, the copy kept here loses its live links (sign-in, appointment, registration, share): the
    // recipient has them; anyone reading the table later must not. Stored-only mail keeps them (it is how
    // links are read without SMTP, decision 0049).
    const kept = sent
      ? { textBody: withoutLiveLinks(mail.textBody), htmlBody: mail.htmlBody === null ? null : withoutLiveLinks(mail.htmlBody), attachments: mail.attachments.map((a) => ({ ...a, content: withoutLiveLinks(a.content) })) }
      : {};
    await db
      .update(mails)
      .set({ status: sent ? "sent" : "stored", messageId, sentAt: now, error: null, ...kept })
      .where(eq(mails.id, mailId));
  } catch (error) {
    await db
      .update(mails)
      .set({ error: (error as Error).message.slice(0, 1000), ...(lastAttempt ? { status: "failed" as const } : {}) })
      .where(eq(mails.id, mailId));
    throw error;
  }
}
