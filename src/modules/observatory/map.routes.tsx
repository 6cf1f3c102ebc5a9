// The choropleth map (/t/:code/observatoire/carte?indicateur=…).
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { communes } from "../../db/schema/index.js";
import { text } from "../../lib/validation.js";
import { choropleth, classOf } from "./domain/choropleth.js";
import { COLUMNS, valueOf } from "./domain/observatory-table.js";
import { authorize } from "./observatory.guards.js";
import { loadObservatory } from "./observatory.queries.js";
import { MapPage } from "./views/map-page.js";

const MAPPABLE = COLUMNS.filter((c) => c.key !== "rang_fragilite");

/** Registers the map page. */
export function registerMapRoutes(app: FastifyInstance, _deps: AppDeps): void {
  app.get("/t/:code/observatoire/carte", async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const column = MAPPABLE.find((c) => c.key === text((request.query as Record<string, unknown>).indicateur)) ?? MAPPABLE.find((c) => c.key === "indice_fragilite")!;
    const { data, contours } = await request.tenant(async (tx) => ({
      data: await loadObservatory(tx, { territoryId: territory.id, territoryCode: territory.code, now: request.now }),
      contours: await tx.select({ insee: communes.insee, contour: communes.contour, source: communes.contourSource }).from(communes).where(eq(communes.territoryId, territory.id)),
    }));
    const contourOf = new Map(contours.map((c) => [c.insee, c.contour]));
    const items = data.rows.map((r) => ({ code: r.insee, name: r.name, contour: contourOf.get(r.insee) ?? null, value: valueOf(column, r.measures[column.key]) }));
    const model = choropleth(items);
    const rows = [...items].sort((a, b) => a.name.localeCompare(b.name, "fr")).map((i) => ({ insee: i.code, name: i.name, value: i.value, classIndex: i.value === null ? null : classOf(model.classes, i.value) }));
    const credit = [...new Set(contours.map((c) => c.source).filter((s): s is string => Boolean(s)))].join(", ") || null;
    return reply.page(<MapPage ctx={reply.viewContext()} column={column} columns={MAPPABLE} model={model} rows={rows} credit={credit} />);
  });
}
