// Ids read from addresses: a positive integer a database id can be (PostgreSQL's integer), else « page introuvable »
// (letters, zero, decimals or a number past 2^31 would otherwise reach a query and fail there). Every route reads
// its ids with it (the modules' `idParam` are this function).
import type { FastifyRequest } from "fastify";
import { NotFoundError } from "./tenant.js";

/** The route parameter (or query value) `name` as an id, or a NotFoundError. */
export function routeId(request: FastifyRequest, name: string, from: "params" | "query" = "params"): number {
  const value = ((from === "params" ? request.params : request.query) as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== "string" || !/^[1-9]\d{0,8}$/.test(value)) throw new NotFoundError();
  return Number(value);
}
