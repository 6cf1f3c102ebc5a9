// What every connectivity and observatory route checks first.
import type { FastifyRequest } from "fastify";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { canObservatory, type ObservatoryAction } from "./observatory.policy.js";

/** The request's territory once the person may do `action` there (404 for reading, 403 for acting). */
export function authorize(request: FastifyRequest, action: ObservatoryAction) {
  const territory = request.territory!;
  if (!canObservatory(request.actor, action, territory.id)) throw action === "observatory.view" ? new NotFoundError() : new ForbiddenError();
  return territory;
}

/** Whether the person may manage (import, edit) in the request's territory. */
export function mayManage(request: FastifyRequest): boolean {
  return canObservatory(request.actor, "observatory.manage", request.territory!.id);
}

/** A commune code route parameter of the territory's form, or a 404. */
export function inseeParam(request: FastifyRequest, name = "insee"): string {
  const value = (request.params as Record<string, string | undefined>)[name] ?? "";
  if (!/^(?:\d{5}|2[AB]\d{3})$/.test(value)) throw new NotFoundError();
  return value;
}
