// Place routes (being built).
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app.js";

/** Registers the places routes. */
export function registerPlaceRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
