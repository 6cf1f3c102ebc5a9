// Passwordless sign-in: single-use links sent by e-mail, stored hashed, expiring after 15 minutes.
import { SIGN_IN_LINK_MINUTES } from "./link-durations.js";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { loginTokens, users } from "../../db/schema/index.js";
import { hashToken, newToken } from "../../lib/crypto.js";
import { queueMail } from "../mail/mail.commands.js";
import { signInMail } from "./accounts.mails.js";

export { SIGN_IN_LINK_MINUTES };

/** Normalises an e-mail address for lookups (trimmed, lower case). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a single-use link token for a person; returns the raw token (only its hash is stored). */
export async function createLoginToken(
  db: Executor,
  { userId, purpose, territoryId = null, now, validMinutes }: { userId: number; purpose: "sign-in" | "invitation" | "demo"; territoryId?: number | null; now: Date; validMinutes: number },
): Promise<string> {
  const token = newToken();
  await db.insert(loginTokens).values({
    tokenHash: hashToken(token),
    userId,
    purpose,
    landingTerritoryId: territoryId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + validMinutes * 60_000),
  });
  return token;
}

/** Sign-in links sent to one address in an hour, at most. */
export const SIGN_IN_LINKS_PER_HOUR = 5;

/**
 * Sends a sign-in link if the address belongs to someone. The caller answers the same way in both cases,
 * so that the page does not reveal who has an account.
 */
export async function requestSignInLink(db: Executor, { email, now, publicUrl }: { email: string; now: Date; publicUrl: string }): Promise<void> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(email)));
  if (!user) return;
  // At most SIGN_IN_LINKS_PER_HOUR links per address and hour, whatever the client addresses asking: a mailbox is
  // not flooded, and the page says the same either way (nobody learns whether the address has an account).
  // Counted by expiry, which the app's clock set: creation = expiry − SIGN_IN_LINK_MINUTES.
  const since = new Date(now.getTime() + (SIGN_IN_LINK_MINUTES - 60) * 60_000);
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginTokens)
    .where(and(eq(loginTokens.userId, user.id), eq(loginTokens.purpose, "sign-in"), gt(loginTokens.expiresAt, since)));
  if (Number(recent?.n ?? 0) >= SIGN_IN_LINKS_PER_HOUR) return;
  const token = await createLoginToken(db, { userId: user.id, purpose: "sign-in", now, validMinutes: SIGN_IN_LINK_MINUTES });
  await queueMail(db, { territoryId: null, now, ...signInMail({ to: normaliseEmail(email), link: `${publicUrl}/connexion/lien?jeton=${token}` }) });
}

/** Uses a link token once: returns whose it is, or null when unknown, used or expired. Atomic under concurrency. */
export async function consumeLoginToken(db: Executor, { token, now }: { token: string; now: Date }): Promise<{ userId: number; territoryId: number | null } | null> {
  const [row] = await db
    .update(loginTokens)
    .set({ usedAt: now })
    .where(and(eq(loginTokens.tokenHash, hashToken(token)), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)))
    .returning({ userId: loginTokens.userId, territoryId: loginTokens.landingTerritoryId });
  return row ?? null;
}

/** True when a token exists, unused and unexpired (to show the confirmation page without using it). */
export async function isLoginTokenUsable(db: Executor, { token, now }: { token: string; now: Date }): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(loginTokens)
    .where(and(eq(loginTokens.tokenHash, hashToken(token)), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)));
  return Boolean(row);
}

/** Finds or creates a person by e-mail address. */
export async function ensureUser(db: Executor, { email, displayName = "", demo = false }: { email: string; displayName?: string; demo?: boolean }): Promise<number> {
  const normalised = normaliseEmail(email);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, normalised));
  if (existing) return existing.id;
  const [created] = await db.insert(users).values({ email: normalised, displayName, demo }).returning({ id: users.id });
  return created!.id;
}
