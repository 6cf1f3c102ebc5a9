// What every schools route checks first: the person's right in the territory, their scope, well-formed ids.
import type { FastifyRequest } from "fastify";
import { parisDateOf } from "../../lib/paris-time.js";
import { ForbiddenError } from "../../plugins/tenant.js";
import type { Clock } from "../../lib/clock.js";
import { canSchool, schoolAbilities, schoolScope, type SchoolAction } from "./schools.policy.js";

/** The request's territory once the person may do `action` there (403 otherwise; non-members already got 404). */
export function authorize(request: FastifyRequest, action: SchoolAction) {
  const territory = request.territory!;
  if (!canSchool(request.actor, action, territory.id)) throw new ForbiddenError();
  return territory;
}

/** The schools the person sees, and what they may do, in the request's territory. */
export function accessOf(request: FastifyRequest) {
  const territoryId = request.territory!.id;
  return { scope: schoolScope(request.actor, territoryId), abilities: schoolAbilities(request.actor, territoryId) };
}

/** A positive integer route parameter, or a 404. */
export { routeId as idParam } from "../../plugins/route-id.js";

/** A positive integer from a query or form value, or undefined. */
export function optionalId(value: unknown): number | undefined {
  return typeof value === "string" && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}

/** A page number from the query (1 when absent or odd). */
export function pageParam(value: unknown): number {
  const n = typeof value === "string" ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** Today in Paris, YYYY-MM-DD. */
export function todayOf(clock: Clock): string {
  return parisDateOf(clock().getTime());
}
