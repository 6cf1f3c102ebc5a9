// Booking routes (being built).
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app.js";

/** Registers the booking routes. */
export function registerBookingRoutes(_app: FastifyInstance, _deps: AppDeps): void {}
