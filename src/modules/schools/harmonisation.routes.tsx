// Territory-wide views of the schools: harmonisation (/t/:code/ecoles/harmonisation) with its export, and
// indicators (/t/:code/ecoles/indicateurs).
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { parseSortKey, sortSchools } from "./domain/harmonisation.js";
import { exportSchools, loadHarmonisation } from "./harmonisation.queries.js";
import { HARMONISATION_EXPORT_COLUMNS, harmonisationExportRows } from "./import-export/harmonisation-export.js";
import { CSV_TYPE, XLSX_TYPE, spreadsheetStream } from "./import-export/spreadsheet.js";
import { loadIndicators } from "./indicators.queries.js";
import { accessOf, authorize, pageParam, todayOf } from "./schools.guards.js";
import { HarmonisationPage } from "./views/harmonisation-page.js";
import { IndicatorsPage } from "./views/indicators-page.js";

const SCHOOLS_PER_PAGE = 100;

/** Registers the harmonisation and indicators pages. */
export function registerHarmonisationRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/t/:code/ecoles/harmonisation", async (request, reply) => {
    const territory = authorize(request, "territory-views.view");
    const { scope, abilities } = accessOf(request);
    const query = request.query as Record<string, unknown>;
    const harmonisation = await request.tenant((tx) => loadHarmonisation(tx, { territoryId: territory.id, scope }));
    const sort = parseSortKey(text(query.tri), harmonisation.socle.elements.map((e) => e.code));
    const direction = text(query.ordre) === "desc" ? "desc" : "asc";
    const sorted = sortSchools(harmonisation.schools, sort, direction);
    const pages = Math.max(1, Math.ceil(sorted.length / SCHOOLS_PER_PAGE));
    const page = Math.min(pageParam(query.page), pages);
    const rows = sorted.slice((page - 1) * SCHOOLS_PER_PAGE, page * SCHOOLS_PER_PAGE);
    return reply.page(
      <HarmonisationPage ctx={reply.viewContext()} abilities={abilities} harmonisation={harmonisation} rows={rows} totalSchools={sorted.length} page={page} pages={pages} sort={sort} direction={direction} />,
    );
  });

  app.get("/t/:code/ecoles/harmonisation/export", async (request, reply) => {
    const territory = authorize(request, "territory-views.view");
    const { scope } = accessOf(request);
    const format = text((request.query as Record<string, unknown>).format) === "xlsx" ? "xlsx" : "csv";
    const harmonisation = await request.tenant((tx) => loadHarmonisation(tx, { territoryId: territory.id, scope }));
    const stream = spreadsheetStream(format, HARMONISATION_EXPORT_COLUMNS, harmonisationExportRows(exportSchools(harmonisation)), "Harmonisation");
    return reply
      .type(format === "csv" ? CSV_TYPE : XLSX_TYPE)
      .header("content-disposition", `attachment; filename="harmonisation-${territory.code}.${format}"`)
      .header("cache-control", "no-store")
      .send(stream);
  });

  app.get("/t/:code/ecoles/indicateurs", async (request, reply) => {
    const territory = authorize(request, "territory-views.view");
    const { scope, abilities } = accessOf(request);
    const indicators = await request.tenant((tx) => loadIndicators(tx, { territoryId: territory.id, scope, asOf: todayOf(deps.clock) }));
    const pages = Math.max(1, Math.ceil(indicators.bySchool.length / SCHOOLS_PER_PAGE));
    const page = Math.min(pageParam((request.query as Record<string, unknown>).page), pages);
    const schoolRows = indicators.bySchool.slice((page - 1) * SCHOOLS_PER_PAGE, page * SCHOOLS_PER_PAGE);
    return reply.page(<IndicatorsPage ctx={reply.viewContext()} abilities={abilities} indicators={indicators} schoolRows={schoolRows} page={page} pages={pages} />);
  });
}
