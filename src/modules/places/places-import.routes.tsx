// Web import of places: upload (multipart), status page with progress, downloadable report.
import { stringify } from "csv-stringify/sync";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { safeCell } from "../../lib/spreadsheet-cells.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { STANDARD_COLUMNS } from "./import-export/lieu-record.js";
import { createPlacesImport, decodeUpload, getPlacesImport } from "./places-import.js";
import { authorize, idParam } from "./places.guards.js";
import { multipartCsrfValid } from "../../plugins/security.js";
import { ImportFormPage, ImportStatusPage } from "./views/import-pages.js";

/** Reads the multipart form: the file and the choice about invalid rows, whatever their order in the body. */
export async function readUpload(request: FastifyRequest) {
  let file: { filename: string; bytes: Buffer } | undefined;
  let skipInvalid = "rien";
  let csrfToken: string | undefined;
  for await (const part of request.parts()) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      if (part.fieldname === "fichier" && part.filename) file = { filename: part.filename, bytes };
    } else if (part.fieldname === "lignes_invalides" && typeof part.value === "string") {
      skipInvalid = part.value;
    } else if (part.fieldname === "_csrf" && typeof part.value === "string") {
      csrfToken = part.value;
    }
  }
  return { file, skipInvalid, csrfToken };
}

/** Registers /t/:code/lieux/import and its status and report pages. */
export function registerPlaceImportRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/t/:code/lieux/import", async (request, reply) => {
    authorize(request, "places.import");
    return reply.page(<ImportFormPage ctx={reply.viewContext()} />);
  });

  // An empty file in the standard: its columns in order, semicolons and a BOM as French spreadsheets save them.
  app.get("/t/:code/lieux/import/modele.csv", async (request, reply) => {
    authorize(request, "places.import");
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="modele-lieux-mediation-numerique.csv"')
      .send(`\uFEFF${stringify([[...STANDARD_COLUMNS]], { delimiter: ";" })}`);
  });

  app.post("/t/:code/lieux/import", { config: { csrf: "multipart-field" } }, async (request, reply) => {
    const territory = authorize(request, "places.import");
    if (!request.isMultipart()) return reply.page(<ImportFormPage ctx={reply.viewContext()} errors={{ fichier: "Choisissez un fichier CSV ou JSON" }} />, 400);
    const { file, skipInvalid, csrfToken } = await readUpload(request);
    if (!multipartCsrfValid(request, reply, csrfToken)) return reply;
    const fail = (message: string) => reply.page(<ImportFormPage ctx={reply.viewContext()} errors={{ fichier: message }} skipInvalid={skipInvalid} />, 400);
    if (!file || file.bytes.length === 0) return fail("Choisissez un fichier CSV ou JSON");
    if (!/\.(csv|json)$/i.test(file.filename)) return fail("Le fichier doit être au format CSV ou JSON (nom finissant par .csv ou .json)");
    const filename = file.filename.replace(/[\\/]/g, "_").slice(0, 200);
    const importId = await request.tenant((tx) =>
      createPlacesImport(tx, { territoryId: territory.id, filename, content: decodeUpload(file.bytes), skipInvalid: skipInvalid === "ignorer", createdBy: request.actor?.userId ?? null, now: deps.clock() }),
    );
    return reply.redirect(`/t/${territory.code}/lieux/import/${importId}`, 303);
  });

  app.get("/t/:code/lieux/import/:importId", async (request, reply) => {
    const territory = authorize(request, "places.import");
    const importId = idParam(request, "importId");
    const row = await request.tenant((tx) => getPlacesImport(tx, { territoryId: territory.id, importId }));
    if (!row) throw new NotFoundError();
    const autoRefresh = text((request.query as Record<string, unknown>).actualiser) !== "non";
    return reply.page(<ImportStatusPage ctx={reply.viewContext()} row={row} autoRefresh={autoRefresh} />);
  });

  app.get("/t/:code/lieux/import/:importId/rapport.csv", async (request, reply) => {
    const territory = authorize(request, "places.import");
    const importId = idParam(request, "importId");
    const row = await request.tenant((tx) => getPlacesImport(tx, { territoryId: territory.id, importId }));
    if (!row) throw new NotFoundError();
    const lines = [["ligne", "champ", "raison"], ...row.errors.map((error) => [String(error.line), error.field, error.reason])];
    // `;` and a BOM: the report is read by people, in French spreadsheets.
    const body = `\uFEFF${stringify(lines.map((cells) => cells.map(safeCell)), { delimiter: ";" })}`;
    const filename = `rapport-import-${importId}.csv`;
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${filename}"`).send(body);
  });
}
