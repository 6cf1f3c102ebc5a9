// Server-side sessions and the signed-in person ("actor") they carry.
import { eq, lt, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { loginTokens, sessions, users } from "../../db/schema/index.js";
import { hashToken, newToken } from "../../lib/crypto.js";
import type { PageActor } from "../../ui/context.js";

export type Actor = PageActor & { sessionHash: string };

/**
 * Creates a session for a person and returns the cookie value (the raw id, never stored). A sign-in through
 * OpenID Connect keeps its ID token, for the sign-out at the provider.
 */
export async function createSession(db: Executor, { userId, now, days, oidcIdToken }: { userId: number; now: Date; days: number; oidcIdToken?: string }): Promise<string> {
  const id = newToken();
  await db.insert(sessions).values({
    idHash: hashToken(id),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + days * 86_400_000),
    oidcIdToken: oidcIdToken ?? null,
  });
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
  return id;
}

/** Deletes a session (sign-out, or rotation at sign-in); returns its OpenID Connect ID token, if it had one. */
export async function deleteSession(db: Executor, { sessionId }: { sessionId: string }): Promise<{ oidcIdToken: string | null } | undefined> {
  const [deleted] = await db.delete(sessions).where(eq(sessions.idHash, hashToken(sessionId))).returning({ oidcIdToken: sessions.oidcIdToken });
  return deleted;
}

/** Deletes expired sessions and sign-in links expired for a day; returns how many sessions. */
export async function purgeExpiredSessions(db: Executor, { now }: { now: Date }): Promise<number> {
  const deleted = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.idHash });
  await db.delete(loginTokens).where(lt(loginTokens.expiresAt, new Date(now.getTime() - 86_400_000)));
  return deleted.length;
}

const TOUCH_EVERY_MS = 3_600_000;

/** Sliding expiry: an active session is extended at most once an hour, keeping its original length. */
async function touchSession(db: Executor, { sessionHash, now }: { sessionHash: string; now: Date }): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt: sql`${now.toISOString()}::timestamptz + (${sessions.expiresAt} - ${sessions.lastSeenAt})` })
    .where(eq(sessions.idHash, sessionHash));
}

/** Loads the person behind a session cookie with their memberships, or null if the session is unknown or expired. */
export async function loadActor(db: Executor, { sessionId, now }: { sessionId: string; now: Date }): Promise<Actor | null> {
  const sessionHash = hashToken(sessionId);
  // Memberships span territories, which the web app's role cannot read outside one: the SQL function
  // maillage_session_actor (migration 0011) answers for this session only.
  const [found] = await queryRows<{ actor: (Omit<Actor, "sessionHash"> & { lastSeenAt: string }) | null }>(
    db,
    sql`select maillage_session_actor(${sessionHash}, ${now.toISOString()}::timestamptz) as actor`,
  );
  const row = found?.actor;
  if (!row) return null;
  // Written at most once an hour per session, not on every request.
  const { lastSeenAt, ...person } = row;
  if (now.getTime() - Date.parse(lastSeenAt) > TOUCH_EVERY_MS) await touchSession(db, { sessionHash, now });
  return { ...person, sessionHash };
}
