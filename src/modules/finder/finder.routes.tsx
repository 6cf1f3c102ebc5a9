// Finder routes (being built).
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app.js";

/** Registers the finder routes. */
export function registerFinderRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
