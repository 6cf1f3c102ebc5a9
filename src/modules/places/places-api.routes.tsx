// The open API: published places of every territory in the standard's JSON form and in data.inclusion, with
// conditional requests (ETag, Last-Modified) so that the national cartography can harvest them cheaply.
import { createHash } from "node:crypto";
import { Service } from "@gouvfr-anct/lieux-de-mediation-numerique";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { withPublic } from "../../db/tenant.js";
import { toStandardRow } from "./import-export/lieu-record.js";
import { toDataInclusion } from "./import-export/lieux-data-inclusion.js";
import { placesOpenApi } from "./places-openapi.js";
import { listPublishedPlaces, publishedPlacesVersion, type PublicPlaceFilters } from "./places.queries.js";
import { ApiPage } from "./views/api-page.js";

export const API_MAX_PER_PAGE = 500;
const API_DEFAULT_PER_PAGE = 100;
const CODE_INSEE = /^([013-9]\d|2[AB1-9])\d{3}$/;
const SERVICES: readonly string[] = Object.values(Service);

type ApiQuery = { filters: PublicPlaceFilters; page: number; perPage: number };

/** Reads and checks the query string; a French message for the first wrong parameter. */
export function parseApiQuery(query: Record<string, unknown>): { ok: true; value: ApiQuery } | { ok: false; message: string } {
  const param = (name: string) => (typeof query[name] === "string" ? (query[name] as string).trim() : undefined);
  const commune = param("commune") || undefined;
  const service = param("service") || undefined;
  if (commune && !CODE_INSEE.test(commune)) return { ok: false, message: "Le paramètre « commune » attend le code INSEE d'une commune (5 caractères, par exemple 79202 ou 2A004)." };
  if (service && !SERVICES.includes(service)) return { ok: false, message: `Le paramètre « service » attend une valeur exacte du standard : ${SERVICES.join(" ; ")}.` };
  const page = param("page") ? Number(param("page")) : 1;
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000) return { ok: false, message: "Le paramètre « page » attend un nombre entier à partir de 1." };
  const perPage = param("par_page") ? Number(param("par_page")) : API_DEFAULT_PER_PAGE;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > API_MAX_PER_PAGE) {
    return { ok: false, message: `Le paramètre « par_page » attend un nombre entier entre 1 et ${API_MAX_PER_PAGE}.` };
  }
  return { ok: true, value: { filters: { communeInsee: commune, service }, page, perPage } };
}

function pageUrl(base: string, query: ApiQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.filters.communeInsee) params.set("commune", query.filters.communeInsee);
  if (query.filters.service) params.set("service", query.filters.service);
  params.set("page", String(page));
  params.set("par_page", String(query.perPage));
  return `${base}?${params.toString()}`;
}

/** RFC 8288 links to the first, previous, next and last pages. */
export function paginationLinks(base: string, query: ApiQuery, total: number): string {
  const last = Math.max(1, Math.ceil(total / query.perPage));
  const links = [`<${pageUrl(base, query, 1)}>; rel="first"`];
  if (query.page > 1) links.push(`<${pageUrl(base, query, Math.min(query.page - 1, last))}>; rel="prev"`);
  if (query.page < last) links.push(`<${pageUrl(base, query, query.page + 1)}>; rel="next"`);
  links.push(`<${pageUrl(base, query, last)}>; rel="last"`);
  return links.join(", ");
}

function notModified(request: FastifyRequest, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = request.headers["if-none-match"];
  if (ifNoneMatch) {
    const tags = ifNoneMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(etag);
  }
  const ifModifiedSince = Date.parse(request.headers["if-modified-since"] ?? "");
  return lastModified !== null && !Number.isNaN(ifModifiedSince) && Math.floor(lastModified.getTime() / 1000) * 1000 <= ifModifiedSince;
}

function apiError(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).header("access-control-allow-origin", "*").type("application/json; charset=utf-8").send({ erreur: message, statut: status });
}

/** Registers /api/v1 (human page), /api/v1/openapi.json, /api/v1/lieux and /api/v1/lieux/data-inclusion. */
export function registerPlaceApiRoutes(app: FastifyInstance, deps: AppDeps): void {

  const serve = (path: string, render: (records: Awaited<ReturnType<typeof listPublishedPlaces>>) => unknown) =>
    app.get(path, async (request, reply) => {
      const parsed = parseApiQuery(request.query as Record<string, unknown>);
      if (!parsed.ok) return apiError(reply, 400, parsed.message);
      const query = parsed.value;
      // The public context: row-level security lets only published places through, whatever the query says.
      const { total, lastModified } = await withPublic(deps.database, (tx) => publishedPlacesVersion(tx, query.filters));
      const key = `${path}|${lastModified?.toISOString() ?? ""}|${total}|${pageUrl("", query, query.page)}`;
      const etag = `"${createHash("sha256").update(key).digest("base64url").slice(0, 27)}"`;
      reply
        .header("etag", etag)
        .header("cache-control", "public, max-age=60")
        .header("access-control-allow-origin", "*")
        .header("access-control-expose-headers", "ETag, Last-Modified, Link, X-Total-Count")
        .header("cross-origin-resource-policy", "cross-origin")
        .header("link", paginationLinks(`${deps.config.publicUrl}${path}`, query, total))
        .header("x-total-count", String(total));
      if (lastModified) reply.header("last-modified", lastModified.toUTCString());
      if (notModified(request, etag, lastModified)) return reply.code(304).send();
      const records = await withPublic(deps.database, (tx) =>
        listPublishedPlaces(tx, { filters: query.filters, limit: query.perPage, offset: (query.page - 1) * query.perPage }),
      );
      return reply.type("application/json; charset=utf-8").send(render(records));
    });

  serve("/api/v1/lieux", (records) => records.map(toStandardRow));
  serve("/api/v1/lieux/data-inclusion", (records) => toDataInclusion(records, { source: "maillage" }));

  app.get("/api/v1/openapi.json", async (_request, reply) =>
    reply.header("access-control-allow-origin", "*").header("cross-origin-resource-policy", "cross-origin").type("application/json; charset=utf-8").send(placesOpenApi(deps.config.publicUrl)),
  );

  app.get("/api/v1", async (_request, reply) => reply.page(<ApiPage ctx={reply.viewContext()} publicUrl={deps.config.publicUrl} />));
}
