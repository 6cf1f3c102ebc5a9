// Activity routes (being built).
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app.js";

/** Registers the activity routes. */
export function registerActivityRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
