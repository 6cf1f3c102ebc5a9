// Reads stored messages for operators (CLI and development page).
import { desc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { mails } from "../../db/schema/index.js";

export type MailRow = typeof mails.$inferSelect;

/** Latest messages, newest first. */
export async function listMails(db: Executor, { limit = 50 }: { limit?: number } = {}) {
  return db
    .select({ id: mails.id, createdAt: mails.createdAt, toAddress: mails.toAddress, subject: mails.subject, status: mails.status, kind: mails.kind })
    .from(mails)
    .orderBy(desc(mails.id))
    .limit(limit);
}

/** One message with its body, or undefined. */
export async function getMail(db: Executor, { id }: { id: number }): Promise<MailRow | undefined> {
  const [row] = await db.select().from(mails).where(eq(mails.id, id));
  return row;
}

/** The latest message sent to an address (the CLI shows the invitation it just queued). */
export async function findLatestMailTo(db: Executor, { to }: { to: string }): Promise<MailRow | undefined> {
  const [row] = await db.select().from(mails).where(eq(mails.toAddress, to)).orderBy(desc(mails.id)).limit(1);
  return row;
}
