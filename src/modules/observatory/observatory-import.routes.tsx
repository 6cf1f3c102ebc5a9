// Web imports of connectivity files (/t/:code/connectivite/import) and INSEE files
// (/t/:code/observatoire/indicateurs/import): upload (multipart), status page with progress, report.
import { stringify } from "csv-stringify/sync";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { readUpload } from "../places/places-import.routes.js";
import { multipartCsrfValid } from "../../plugins/security.js";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { idParam } from "../schools/schools.guards.js";
import { createObservatoryImport, getObservatoryImport, listObservatoryImports, OBSERVATORY_IMPORT_KINDS, type ObservatoryImportKind } from "./observatory-import-jobs.js";
import { authorize } from "./observatory.guards.js";
import { IMPORT_TEXT, ObservatoryImportFormPage, ObservatoryImportStatusPage } from "./views/import-pages.js";

function registerKind(app: FastifyInstance, kind: ObservatoryImportKind): void {
  const path = `/t/:code${IMPORT_TEXT[kind].path}`;
  const extensions = kind === "connectivite" ? /\.(csv|txt|xlsx)$/i : /\.(csv|txt)$/i;
  const wrongType = kind === "connectivite" ? "Le fichier doit être un CSV ou un classeur .xlsx de l'Arcep" : "Le fichier doit être au format CSV (nom finissant par .csv)";
  const recent = (request: FastifyRequest, territoryId: number) => request.tenant((tx) => listObservatoryImports(tx, { territoryId, kind }));

  app.get(path, async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    return reply.page(<ObservatoryImportFormPage ctx={reply.viewContext()} kind={kind} recent={await recent(request, territory.id)} />);
  });

  app.post(path, { config: { csrf: "multipart-field" } }, async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const fail = async (message: string, skipInvalid?: string) =>
      reply.page(<ObservatoryImportFormPage ctx={reply.viewContext()} kind={kind} recent={await recent(request, territory.id)} errors={{ fichier: message }} skipInvalid={skipInvalid} />, 400);
    if (!request.isMultipart()) return fail("Choisissez un fichier");
    const { file, skipInvalid, csrfToken } = await readUpload(request);
    if (!multipartCsrfValid(request, reply, csrfToken)) return reply;
    if (!file || file.bytes.length === 0) return fail("Choisissez un fichier", skipInvalid);
    if (!extensions.test(file.filename)) return fail(wrongType, skipInvalid);
    const filename = file.filename.replace(/[\\/\u0000-\u001f\u007f]/g, "_").slice(0, 200);
    const importId = await request.tenant((tx) =>
      createObservatoryImport(tx, { territoryId: territory.id, kind, filename, bytes: file.bytes, skipInvalid: skipInvalid === "ignorer", createdBy: request.actor?.userId ?? null, now: request.now }),
    );
    return reply.redirect(`/t/${territory.code}${IMPORT_TEXT[kind].path}/${importId}`, 303);
  });

  app.get(`${path}/:importId`, async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const importId = idParam(request, "importId");
    const row = await request.tenant((tx) => getObservatoryImport(tx, { territoryId: territory.id, importId, kind }));
    if (!row) throw new NotFoundError();
    const autoRefresh = text((request.query as Record<string, unknown>).actualiser) !== "non";
    return reply.page(<ObservatoryImportStatusPage ctx={reply.viewContext()} kind={kind} row={row} autoRefresh={autoRefresh} />);
  });

  app.get(`${path}/:importId/rapport.csv`, async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const importId = idParam(request, "importId");
    const row = await request.tenant((tx) => getObservatoryImport(tx, { territoryId: territory.id, importId, kind }));
    if (!row) throw new NotFoundError();
    const lines = [["ligne", "champ", "raison"], ...row.errors.map((e) => [String(e.line), e.field, e.reason])];
    // `;` and a BOM: the report is read by people, in French spreadsheets.
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="rapport-import-${importId}.csv"`)
      .send(`\uFEFF${stringify(lines, { delimiter: ";" })}`);
  });
}

/** Registers the import pages of both kinds. */
export function registerObservatoryImportRoutes(app: FastifyInstance, _deps: AppDeps): void {
  for (const kind of OBSERVATORY_IMPORT_KINDS) registerKind(app, kind);
}
