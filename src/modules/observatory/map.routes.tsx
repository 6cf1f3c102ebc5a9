// The choropleth map (/t/:code/observatoire/carte?indicateur=…). Projected outlines depend only on the contours:
// they are kept in memory per territory, under a fingerprint of the stored contours read at each request.
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { LRUCache } from "lru-cache";
import type { AppDeps } from "../../app-deps.js";
import type { Executor } from "../../db/client.js";
import { communes } from "../../db/schema/index.js";
import { text } from "../../lib/validation.js";
import { choropleth, classOf, projectOutlines } from "./domain/choropleth.js";
import { COLUMNS, valueOf } from "./domain/observatory-table.js";
import { authorize } from "./observatory.guards.js";
import { loadObservatory } from "./observatory.queries.js";
import { MapPage } from "./views/map-page.js";

const MAPPABLE = COLUMNS.filter((c) => c.key !== "rang_fragilite");
const outlines = new LRUCache<string, { paths: Map<string, string>; credit: string | null }>({ max: 50 });

/** The territory's projected outlines, from memory when the contours have not changed. */
async function projectedOutlines(db: Executor, territoryId: number) {
  const [print] = await db
    .select({
      count: sql<number>`count(${communes.contour})::int`,
      size: sql<number>`coalesce(sum(pg_column_size(${communes.contour})), 0)::bigint`,
      codes: sql<string>`coalesce(string_agg(${communes.insee} || ':' || md5(coalesce(${communes.centroidLat}::text, '') || coalesce(${communes.contourSource}, '')), ',' order by ${communes.insee}), '')`,
    })
    .from(communes)
    .where(eq(communes.territoryId, territoryId));
  const key = `${territoryId}|${print!.count}|${print!.size}|${print!.codes}`;
  const known = outlines.get(key);
  if (known) return known;
  const rows = await db.select({ insee: communes.insee, contour: communes.contour, source: communes.contourSource }).from(communes).where(eq(communes.territoryId, territoryId));
  const value = {
    paths: projectOutlines(rows.filter((r) => r.contour !== null).map((r) => ({ code: r.insee, contour: r.contour! }))),
    credit: [...new Set(rows.map((r) => r.source).filter((s): s is string => Boolean(s)))].join(", ") || null,
  };
  outlines.set(key, value);
  return value;
}

/** Registers the map page. */
export function registerMapRoutes(app: FastifyInstance, _deps: AppDeps): void {
  app.get("/t/:code/observatoire/carte", async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const column = MAPPABLE.find((c) => c.key === text((request.query as Record<string, unknown>).indicateur)) ?? MAPPABLE.find((c) => c.key === "indice_fragilite")!;
    const { data, projected } = await request.tenant(async (tx) => ({
      data: await loadObservatory(tx, { territoryId: territory.id, territoryCode: territory.code, now: request.now }),
      projected: await projectedOutlines(tx, territory.id),
    }));
    const items = data.rows.map((r) => ({ code: r.insee, name: r.name, contour: null, value: valueOf(column, r.measures[column.key]) }));
    const model = choropleth(items, { paths: projected.paths });
    const rows = [...items].sort((a, b) => a.name.localeCompare(b.name, "fr")).map((i) => ({ insee: i.code, name: i.name, value: i.value, classIndex: i.value === null ? null : classOf(model.classes, i.value) }));
    return reply.page(<MapPage ctx={reply.viewContext()} column={column} columns={MAPPABLE} model={model} rows={rows} credit={projected.credit} />);
  });
}
