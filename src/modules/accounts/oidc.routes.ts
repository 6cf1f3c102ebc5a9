// OpenID Connect sign-in (ProConnect-compatible): registered only when OIDC_ISSUER is configured.
// Sign-out (/deconnexion, accounts.routes.tsx) also ends the provider's session (RP-initiated logout).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { defaultRateLimits, type AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { startSession } from "../../plugins/session.js";
import { acrSatisfied, identityFromClaims } from "./oidc-claims.js";
import { OidcNoAccountPage, OidcProblemPage, oidcProblemStatus, type OidcProblem } from "./oidc-pages.js";
import { beginOidcSignIn, completeOidcSignIn, decodePending, encodePending, OidcError, oidcSettings, sameState, type OidcClaims } from "./oidc.client.js";
import { signInWithOidc } from "./oidc.commands.js";

export const OIDC_COOKIE = "maillage_oidc";
const OIDC_COOKIE_PATH = "/connexion/oidc";
const OIDC_COOKIE_SECONDS = 10 * 60;

/** Registers /connexion/oidc and its callback when OpenID Connect is configured. */
export function registerOidcRoutes(app: FastifyInstance, deps: AppDeps): void {
  const settings = oidcSettings(deps.config);
  if (!settings) return;
  const limits = deps.rateLimits ?? defaultRateLimits;
  const rateLimit = { max: limits.publicForm, timeWindow: 60_000 };
  const secure = deps.config.publicUrl.startsWith("https://");
  const db = deps.database.db;
  const label = settings.label;

  function problem(request: FastifyRequest, reply: FastifyReply, kind: OidcProblem, error?: unknown) {
    if (error) request.log.warn({ err: error, kind }, "OpenID Connect sign-in failed");
    else request.log.info({ kind }, "OpenID Connect sign-in refused");
    return reply.page(OidcProblemPage({ ctx: reply.viewContext(), problem: kind, label }), oidcProblemStatus[kind]);
  }

  // Sends the browser to the provider; state, nonce and PKCE verifier wait in a short-lived cookie.
  app.get("/connexion/oidc", { config: { rateLimit } }, async (request, reply) => {
    let started: Awaited<ReturnType<typeof beginOidcSignIn>>;
    try {
      started = await beginOidcSignIn(settings);
    } catch (error) {
      return problem(request, reply, "unavailable", error);
    }
    reply.setCookie(OIDC_COOKIE, encodePending(started.pending), {
      path: OIDC_COOKIE_PATH,
      httpOnly: true,
      sameSite: "lax",
      secure,
      maxAge: OIDC_COOKIE_SECONDS,
    });
    return reply.redirect(started.url.href, 303);
  });

  // The provider's redirection back: check, exchange the code, let in only people who have an account.
  app.get("/connexion/oidc/retour", { config: { rateLimit } }, async (request, reply) => {
    const pending = decodePending(request.cookies[OIDC_COOKIE]);
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
    const query = request.query as Record<string, unknown>;
    if (!pending || !sameState(text(query.state), pending.state)) return problem(request, reply, "expired");
    if (text(query.error)) return problem(request, reply, "denied");

    const callbackUrl = new URL(settings.redirectUri);
    callbackUrl.search = request.url.split("?")[1] ?? "";
    let claims: OidcClaims;
    try {
      claims = await completeOidcSignIn(settings, callbackUrl, pending);
    } catch (error) {
      return problem(request, reply, error instanceof OidcError ? error.kind : "refused", error);
    }
    if (!acrSatisfied(settings.acrValues, claims.idToken.acr)) return problem(request, reply, "acr");
    const identity = identityFromClaims(claims.idToken, claims.userInfo);
    if (!identity.ok) return problem(request, reply, identity.reason);

    const signedIn = await db.transaction((tx) => signInWithOidc(tx, { identity: identity.identity, issuer: settings.issuer, ip: request.ip, now: request.now }));
    if (signedIn.kind === "no-account") {
      request.log.info("OpenID Connect sign-in refused: no account for this address");
      return reply.page(OidcNoAccountPage({ ctx: reply.viewContext(), email: identity.identity.email, label }), 403);
    }
    if (signedIn.kind === "other-identity") return problem(request, reply, "other-identity");
    await startSession(deps, request, reply, signedIn.userId, { oidcIdToken: claims.rawIdToken });
    const [onlyTerritory, ...others] = signedIn.territoryCodes;
    return reply.redirect(onlyTerritory && others.length === 0 ? `/t/${onlyTerritory}` : "/", 303);
  });
}
