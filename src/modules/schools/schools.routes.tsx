// Schools routes (being built).
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app.js";

/** Registers the schools routes. */
export function registerSchoolRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
