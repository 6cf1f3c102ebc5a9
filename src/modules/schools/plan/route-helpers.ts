// Helpers the plan, incidents and training routes share: ids from the path, the form body, the "done" code.
import type { FastifyRequest } from "fastify";
import { text } from "../../../lib/validation.js";

/** A positive integer path (or query) value; a 404 for anything else, never a database error. */
export { routeId as idParam } from "../../../plugins/route-id.js";

/** The parsed form body (an empty object when there is none). */
export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
}

/** The `?fait=` code of the success banner shown after a redirect. */
export function doneCode(request: FastifyRequest): string {
  return text((request.query as { fait?: unknown } | undefined)?.fait);
}
