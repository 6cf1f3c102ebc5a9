// Loads the signed-in person from the session cookie; starts and ends sessions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app-deps.js";
import { createSession, deleteSession, loadActor, type Actor } from "../modules/accounts/sessions.js";

export const SESSION_COOKIE = "maillage_session";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Decorates every request with `actor` (null when signed out). */
export function registerSession(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith("/assets/")) return;
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId) return;
    request.actor = await loadActor(deps.database.db, { sessionId, now: deps.clock() });
  });
}

/** Signs a person in: a new session id every time (rotation), the previous session deleted. */
export async function startSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, userId: number, options: { oidcIdToken?: string } = {}): Promise<void> {
  const db = deps.database.db;
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await deleteSession(db, { sessionId: previous });
  const sessionId = await createSession(db, { userId, now: deps.clock(), days: deps.config.sessionDays, ...options });
  reply.setCookie(SESSION_COOKIE, sessionId, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: deps.config.publicUrl.startsWith("https://"),
    maxAge: deps.config.sessionDays * 86_400,
  });
}

/** Signs the person out and forgets the cookie; returns the session's OpenID Connect ID token, if any. */
export async function endSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<{ oidcIdToken: string | null }> {
  const sessionId = request.cookies[SESSION_COOKIE];
  const ended = sessionId ? await deleteSession(deps.database.db, { sessionId }) : undefined;
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  return { oidcIdToken: ended?.oidcIdToken ?? null };
}
