// Ids read from addresses: a positive integer a database id can be (PostgreSQL's integer), else « page introuvable »
// (letters, zero, decimals or a number past 2^31 would otherwise reach a query and fail there).
import type { FastifyRequest } from "fastify";
import { NotFoundError } from "./tenant.js";

/** The route parameter `name` as an id, or a NotFoundError. */
export function routeId(request: FastifyRequest, name: string): number {
  const value = (request.params as Record<string, string | undefined>)[name] ?? "";
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new NotFoundError();
  return Number(value);
}
