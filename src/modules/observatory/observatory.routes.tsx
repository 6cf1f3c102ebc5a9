// The observatory (/t/:code/observatoire): registers its pages and the connectivity and census imports.
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { registerObservatoryImportRoutes } from "./observatory-import.routes.js";
import { registerIndexRoutes } from "./index.routes.js";

/** Registers every route of the observatory section. */
export function registerObservatoryRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerObservatoryImportRoutes(app, deps);
  registerIndexRoutes(app, deps);
}
