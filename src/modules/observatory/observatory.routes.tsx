// The observatory (/t/:code/observatoire): the communes table and its export; registers the index, catalogue
// and import pages of the section.
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { addNavEntry } from "../../ui/navigation.js";
import { CSV_TYPE, spreadsheetStream, XLSX_TYPE } from "../schools/import-export/spreadsheet.js";
import { COLUMNS, sortRows, THEMES, type SortDirection, type Theme } from "./domain/observatory-table.js";
import { registerIndexRoutes } from "./index.routes.js";
import { registerCommuneRoutes } from "./commune.routes.js";
import { registerPlannerRoutes } from "./planner.routes.js";
import { registerMapRoutes } from "./map.routes.js";
import { registerBenchmarkRoutes } from "./benchmark.routes.js";
import { OBSERVATORY_EXPORT_HEADER, observatoryExportRows } from "./import-export/observatory-export.js";
import { registerObservatoryImportRoutes } from "./observatory-import.routes.js";
import { authorize } from "./observatory.guards.js";
import { canObservatory } from "./observatory.policy.js";
import { loadObservatory } from "./observatory.queries.js";
import { ObservatoryPage } from "./views/observatory-page.js";

/** Registers every route of the observatory section. */
export function registerObservatoryRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/observatoire", text: "Observatoire", order: 62, visible: (a, t) => canObservatory(a, "observatory.view", t) });
  registerObservatoryImportRoutes(app, deps);
  registerIndexRoutes(app, deps);
  registerCommuneRoutes(app, deps);
  registerPlannerRoutes(app, deps);
  registerMapRoutes(app, deps);
  registerBenchmarkRoutes(app, deps);

  app.get("/t/:code/observatoire", async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const query = request.query as Record<string, unknown>;
    const theme = (THEMES.find((t) => t.key === text(query.theme))?.key ?? "essentiel") as Theme;
    const wanted = text(query.tri);
    const sort = wanted === "commune" || COLUMNS.some((c) => c.key === wanted) ? wanted : "indice_fragilite";
    const direction: SortDirection = text(query.ordre) === "asc" ? "asc" : text(query.ordre) === "desc" ? "desc" : sort === "commune" ? "asc" : "desc";
    const data = await request.tenant((tx) => loadObservatory(tx, { territoryId: territory.id, territoryCode: territory.code, now: request.now }));
    const rows = sortRows(data.rows, sort, direction);
    return reply.page(<ObservatoryPage ctx={reply.viewContext()} data={data} rows={rows} theme={theme} sort={sort} direction={direction} />);
  });

  for (const format of ["csv", "xlsx"] as const) {
    app.get(`/t/:code/observatoire/export.${format}`, async (request, reply) => {
      const territory = authorize(request, "observatory.view");
      const data = await request.tenant((tx) => loadObservatory(tx, { territoryId: territory.id, territoryCode: territory.code, now: request.now }));
      const stream = spreadsheetStream(format, OBSERVATORY_EXPORT_HEADER, observatoryExportRows(data.rows), "Observatoire");
      return reply
        .type(format === "csv" ? CSV_TYPE : XLSX_TYPE)
        .header("content-disposition", `attachment; filename="observatoire-${territory.code}.${format}"`)
        .send(stream);
    });
  }
}
