// Builds the Fastify app: external plugins → app plugins → module routes.
import fastifyStatic from "@fastify/static";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { dataChanged } from "./lib/data-changes.js";
import { registerAccountRoutes } from "./modules/accounts/accounts.routes.js";
import { registerOidcRoutes } from "./modules/accounts/oidc.routes.js";
import { registerActivityRoutes } from "./modules/activity/activity.routes.js";
import { registerBookingRoutes } from "./modules/booking/booking.routes.js";
import { registerFinderRoutes } from "./modules/finder/finder.routes.js";
import { registerMediatorRoutes } from "./modules/mediators/mediators.routes.js";
import { registerPlaceRoutes } from "./modules/places/places.routes.js";
import { registerSchoolRoutes } from "./modules/schools/schools.routes.js";
import { registerPlanRoutes } from "./modules/schools/plan/plan.routes.js";
import { registerIncidentRoutes } from "./modules/schools/incidents/incidents.routes.js";
import { registerTrainingRoutes } from "./modules/schools/training/training.routes.js";
import { registerConnectivityRoutes } from "./modules/connectivity/connectivity.routes.js";
import { registerObservatoryRoutes } from "./modules/observatory/observatory.routes.js";
import { registerNetworkRoutes } from "./modules/network/network.routes.js";
import { registerNetworkTerritoryRoutes } from "./modules/network/network-territory.routes.js";
import { registerOperatorRoutes } from "./modules/operator/operator.routes.js";
import { registerPageRoutes } from "./modules/pages/pages.routes.js";
import { registerPersonalDataRoutes } from "./modules/personal-data/personal-data.routes.js";
import { registerTerritoryRoutes } from "./modules/territories/territories.routes.js";
import { registerErrors } from "./plugins/errors.js";
import { registerRendering } from "./plugins/render.js";
import { registerSecurity } from "./plugins/security.js";
import { databaseRateLimitStore } from "./plugins/rate-limit-store.js";
import { registerSession } from "./plugins/session.js";
import { registerTenant } from "./plugins/tenant.js";
import type { AppDeps } from "./app-deps.js";
import { serializeError } from "./lib/log-safety.js";


export type RouteEntry = { method: string; url: string };

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered, for the isolation test matrix. */
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    /** When the request is handled, by the app's clock (`deps.clock`). */
    now: Date;
  }
}


/** Removes the values of secret query parameters (sign-in tokens, appointment keys) before logging a URL. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:jeton|cle|token|code|state|_csrf)=)[^&]*/g, "$1[masqué]").replace(/(\/partage\/)[^/?]+/, "$1[masqué]");
}


/** One log line per request, written when it ends (Fastify writes two: when it starts and when it ends). */
class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: redactUrl(request.url), ip: request.ip, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}

/** Builds the application; the caller listens (server.ts) or injects requests (tests). */
export async function buildApp(deps: AppDeps, options: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? { level: deps.config.production ? "info" : "warn", serializers: { req: (req) => ({ method: req.method, url: redactUrl(req.url) }), err: serializeError }, ...(options.logStream ? { stream: options.logStream } : {}) }
      : false,
    logController: new OneLineRequestLog(),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1_048_576,
  });
  const routes: RouteEntry[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of ([] as string[]).concat(route.method)) if (method !== "HEAD") routes.push({ method, url: route.url });
  });
  app.decorate("routeTable", routes);
  // One reading of the app's clock per request: what the request writes and checks is dated by it.
  app.decorateRequest("now", null as unknown as Date);
  app.addHook("onRequest", async (request) => {
    request.now = deps.clock();
  });
  // A write that succeeded may change what the public sees: caches of public reads start again.
  app.addHook("onSend", async (request, reply) => {
    if (request.method !== "GET" && request.method !== "HEAD" && reply.statusCode < 400) dataChanged();
  });
  await registerSecurity(app, deps.config, databaseRateLimitStore(deps.database.db, deps.clock));
  await app.register(fastifyStatic, {
    root: deps.config.assetsDir,
    prefix: "/assets/",
    maxAge: 31_536_000_000,
    immutable: true,
    // dist/assets holds .br and .gz copies (src/ui/assets.ts): sent to browsers that accept them.
    preCompressed: true,
    decorateReply: false,
  });
  registerSession(app, deps);
  registerTenant(app, deps);
  registerRendering(app, deps);
  registerErrors(app);

  registerPageRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerOidcRoutes(app, deps);
  registerTerritoryRoutes(app, deps);
  registerOperatorRoutes(app, deps);
  registerPlaceRoutes(app, deps);
  registerMediatorRoutes(app, deps);
  registerFinderRoutes(app, deps);
  registerBookingRoutes(app, deps);
  registerPersonalDataRoutes(app, deps);
  registerActivityRoutes(app, deps);
  registerSchoolRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  registerTrainingRoutes(app, deps);
  registerConnectivityRoutes(app, deps);
  registerObservatoryRoutes(app, deps);
  registerNetworkRoutes(app, deps);
  registerNetworkTerritoryRoutes(app, deps);
  return app;
}
