// Territory routes (/t/:code/…): resolve the territory, require membership, run work under row-level security.
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../app-deps.js";
import type { Tx } from "../db/client.js";
import { withTenant } from "../db/tenant.js";
import { isMember } from "../modules/accounts/accounts.policy.js";
import { findTerritory, type TerritoryRow } from "../modules/territories/territories.queries.js";

declare module "fastify" {
  interface FastifyRequest {
    territory: TerritoryRow | null;
    /** Runs database work for the request's territory under row-level security. */
    tenant<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  }
}

export class NotFoundError extends Error {}
export class ForbiddenError extends Error {}

/** Resolves `:code` on every /t/:code route; a person outside the territory gets a 404, never its data. */
export function registerTenant(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest("territory", null);
  app.decorateRequest("tenant", function <T>(this: { territory: TerritoryRow | null }, work: (tx: Tx) => Promise<T>) {
    if (!this.territory) throw new Error("tenant() called outside a territory route");
    return withTenant(deps.database.db, this.territory.id, work);
  });
  app.addHook("preHandler", async (request, reply) => {
    const route = request.routeOptions.url ?? "";
    if (!route.startsWith("/t/:code")) return;
    if (!request.actor) {
      const back = encodeURIComponent(request.url);
      return reply.redirect(`/connexion?retour=${back}`, 303);
    }
    const code = (request.params as { code?: string }).code ?? "";
    const territory = await findTerritory(deps.database.db, { code });
    if (!territory || !isMember(request.actor, territory.id)) throw new NotFoundError();
    request.territory = territory;
  });
}
