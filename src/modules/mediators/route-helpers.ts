// Small helpers the mediators and motifs routes share: ids from the path, the form body, the "done" notice.
import type { FastifyRequest } from "fastify";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";

/** A positive integer path parameter; a 404 for anything else (never a database error). */
export function idParam(request: FastifyRequest, name: string): number {
  const raw = (request.params as Record<string, string | undefined>)[name] ?? "";
  const id = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(id) || id < 1) throw new NotFoundError();
  return id;
}

/** The parsed form body (an empty object when there is none). */
export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
}

/** The `?fait=` code of the success banner shown after a redirect. */
export function doneCode(request: FastifyRequest): string {
  return text((request.query as { fait?: unknown } | undefined)?.fait);
}
