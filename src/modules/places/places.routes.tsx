// Places back-office (/t/:code/lieux): list, create, edit, publish, export; plus the import and open API routes.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { toStandardCsv } from "./import-export/lieux-csv.js";
import { toDataInclusionChunks } from "./import-export/lieux-data-inclusion-stream.js";
import { toStandardJsonChunks } from "./import-export/lieux-json.js";
import { parsePlaceForm, readPlaceForm, recordToForm, type PlaceFormValues } from "./place-form.js";
import { registerPlaceApiRoutes } from "./places-api.routes.js";
import { registerPlaceImportRoutes } from "./places-import.routes.js";
import { savePlace, setPublished } from "./places.commands.js";
import { authorize, idParam } from "./places.guards.js";
import { canPlace, placeAbilities } from "./places.policy.js";
import { getPlace, listPlaceCommunes, listPlaces, streamPlaceRecords } from "./places.queries.js";
import { PlaceFormPage } from "./views/place-form-page.js";
import { PlacePage } from "./views/place-page.js";
import { PlacesListPage } from "./views/places-list-page.js";

const PAGE_SIZE = 50;

function sendDownload(reply: FastifyReply, { filename, type, chunks }: { filename: string; type: string; chunks: AsyncIterable<string> }) {
  return reply.type(type).header("content-disposition", `attachment; filename="${filename}"`).header("cache-control", "no-store").send(Readable.from(chunks));
}

/** Registers the places back-office, its import pages and the public API. */
export function registerPlaceRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/lieux", text: "Lieux", order: 20, visible: (actor, territoryId) => canPlace(actor, "places.view", territoryId) });
  registerPlaceImportRoutes(app, deps);
  registerPlaceApiRoutes(app, deps);
  const db = deps.database.db;
  const today = () => parisDateOf(deps.clock().getTime());

  app.get("/t/:code/lieux", async (request, reply) => {
    const territory = authorize(request, "places.view");
    const query = request.query as Record<string, unknown>;
    const filters = { text: text(query.recherche) || undefined, commune: text(query.commune) || undefined, service: text(query.service) || undefined };
    const page = Math.max(1, Math.min(100_000, Number.parseInt(text(query.page), 10) || 1));
    const [list, communes] = await request.tenant(async (tx) => [
      await listPlaces(tx, { territoryId: territory.id, filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      await listPlaceCommunes(tx, { territoryId: territory.id }),
    ] as const);
    const abilities = placeAbilities(request.actor, territory.id);
    const notice = text(query.fait) || undefined;
    return reply.page(<PlacesListPage ctx={reply.viewContext()} {...list} page={page} pageSize={PAGE_SIZE} filters={filters} communes={communes} abilities={abilities} {...(notice ? { notice } : {})} />);
  });

  app.get("/t/:code/lieux/nouveau", async (request, reply) => {
    authorize(request, "places.manage");
    return reply.page(<PlaceFormPage ctx={reply.viewContext()} values={{ published: "oui", source: request.territory!.name }} now={deps.clock()} />);
  });

  app.post("/t/:code/lieux/nouveau", async (request, reply) => {
    const territory = authorize(request, "places.manage");
    const values = readPlaceForm(request.body as Record<string, unknown>);
    const typedId = typeof values.id === "string" ? values.id : "";
    const form = parsePlaceForm(values, { id: typedId || randomUUID(), today: today() });
    const showErrors = (errors: Record<string, string>) =>
      reply.page(<PlaceFormPage ctx={reply.viewContext()} values={values} errors={errors} now={deps.clock()} />, 400);
    if (!form.ok) return showErrors(form.errors);
    const saved = await request.tenant((tx) => savePlace(tx, { territoryId: territory.id, record: form.record, published: form.published, actor: actorForAudit(request) }));
    if (!saved.ok) return showErrors({ id: "Identifiant du lieu : un autre lieu du territoire a déjà cet identifiant" });
    return reply.redirect(`/t/${territory.code}/lieux?fait=cree`, 303);
  });

  app.get("/t/:code/lieux/:placeId", async (request, reply) => {
    const territory = authorize(request, "places.view");
    const placeId = idParam(request, "placeId");
    const place = await request.tenant((tx) => getPlace(tx, { territoryId: territory.id, placeId }));
    if (!place) throw new NotFoundError();
    const ctx = reply.viewContext();
    if (!canPlace(request.actor, "places.manage", territory.id)) {
      return reply.page(<PlacePage ctx={ctx} record={place.record} published={place.published} now={deps.clock()} />);
    }
    const values = recordToForm(place.record, place.published);
    return reply.page(<PlaceFormPage ctx={ctx} placeId={place.id} standardId={place.record.id} dateMaj={place.record.date_maj} values={values} now={deps.clock()} />);
  });

  app.post("/t/:code/lieux/:placeId", async (request, reply) => {
    const territory = authorize(request, "places.manage");
    const placeId = idParam(request, "placeId");
    const place = await request.tenant((tx) => getPlace(tx, { territoryId: territory.id, placeId }));
    if (!place) throw new NotFoundError();
    const values: PlaceFormValues = readPlaceForm(request.body as Record<string, unknown>);
    const form = parsePlaceForm(values, { id: place.record.id, today: today() });
    if (!form.ok) {
      const page = <PlaceFormPage ctx={reply.viewContext()} placeId={placeId} standardId={place.record.id} dateMaj={place.record.date_maj} values={values} errors={form.errors} now={deps.clock()} />;
      return reply.page(page, 400);
    }
    const saved = await request.tenant((tx) => savePlace(tx, { territoryId: territory.id, placeId, record: form.record, published: form.published, actor: actorForAudit(request) }));
    if (!saved.ok) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/lieux?fait=enregistre`, 303);
  });

  app.post("/t/:code/lieux/:placeId/publication", async (request, reply) => {
    const territory = authorize(request, "places.manage");
    const placeId = idParam(request, "placeId");
    const published = text((request.body as Record<string, unknown>).published) !== "non";
    const done = await request.tenant((tx) => setPublished(tx, { territoryId: territory.id, placeId, published, actor: actorForAudit(request) }));
    if (!done) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/lieux?fait=${published ? "publie" : "retire"}`, 303);
  });

  const exportName = (code: string, extension: string) => `lieux-${code}-${today()}.${extension}`;

  app.get("/t/:code/lieux/export.csv", async (request, reply) => {
    const territory = authorize(request, "places.export");
    const chunks = toStandardCsv(streamPlaceRecords(db, { territoryId: territory.id }));
    return sendDownload(reply, { filename: exportName(territory.code, "csv"), type: "text/csv; charset=utf-8", chunks });
  });

  app.get("/t/:code/lieux/export.json", async (request, reply) => {
    const territory = authorize(request, "places.export");
    const chunks = toStandardJsonChunks(streamPlaceRecords(db, { territoryId: territory.id }));
    return sendDownload(reply, { filename: exportName(territory.code, "json"), type: "application/json; charset=utf-8", chunks });
  });

  app.get("/t/:code/lieux/export-data-inclusion.json", async (request, reply) => {
    const territory = authorize(request, "places.export");
    const chunks = toDataInclusionChunks(() => streamPlaceRecords(db, { territoryId: territory.id }), { source: "maillage" });
    return sendDownload(reply, { filename: exportName(territory.code, "data-inclusion.json"), type: "application/json; charset=utf-8", chunks });
  });
}
