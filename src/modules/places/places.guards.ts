// What every places route checks first: the person's right in the territory, and well-formed ids.
import type { FastifyRequest } from "fastify";
import { ForbiddenError } from "../../plugins/tenant.js";
import { canPlace, type PlaceAction } from "./places.policy.js";

/** The request's territory, once the person may do `action` there (403 otherwise; non-members already got 404). */
export function authorize(request: FastifyRequest, action: PlaceAction) {
  const territory = request.territory!;
  if (!canPlace(request.actor, action, territory.id)) throw new ForbiddenError();
  return territory;
}

/** A positive integer route parameter, or a 404. */
export { routeId as idParam } from "../../plugins/route-id.js";
