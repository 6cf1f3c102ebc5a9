// Web import of schools files (/t/:code/ecoles/import): upload (multipart), status page with progress, report.
import { stringify } from "csv-stringify/sync";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { decodeUpload } from "../places/places-import.js";
import { createSchoolsImport, getSchoolsImport, isSchoolsImportKind, listSchoolsImports } from "./schools-import-jobs.js";
import { accessOf, authorize, idParam } from "./schools.guards.js";
import { SchoolsImportFormPage, SchoolsImportStatusPage } from "./views/import-pages.js";
import { multipartCsrfValid } from "../../plugins/security.js";

/** Reads the multipart form: the file, its kind and the choice about invalid rows, whatever their order. */
async function readUpload(request: FastifyRequest) {
  let file: { filename: string; bytes: Buffer } | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      if (part.fieldname === "fichier" && part.filename) file = { filename: part.filename, bytes };
    } else if (typeof part.value === "string") {
      fields[part.fieldname] = part.value;
    }
  }
  return { file, kind: fields.type ?? "", skipInvalid: fields.lignes_invalides ?? "rien", csrfToken: fields._csrf };
}

/** Registers the schools import pages. */
export function registerSchoolsImportRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/t/:code/ecoles/import", async (request, reply) => {
    const territory = authorize(request, "schools.import");
    const recent = await request.tenant((tx) => listSchoolsImports(tx, { territoryId: territory.id }));
    return reply.page(<SchoolsImportFormPage ctx={reply.viewContext()} abilities={accessOf(request).abilities} recent={recent} />);
  });

  app.post("/t/:code/ecoles/import", { config: { csrf: "multipart-field" } }, async (request, reply) => {
    const territory = authorize(request, "schools.import");
    const { abilities } = accessOf(request);
    const recent = () => request.tenant((tx) => listSchoolsImports(tx, { territoryId: territory.id }));
    if (!request.isMultipart()) {
      return reply.page(<SchoolsImportFormPage ctx={reply.viewContext()} abilities={abilities} recent={await recent()} errors={{ fichier: "Choisissez un fichier CSV" }} />, 400);
    }
    const { file, kind, skipInvalid, csrfToken } = await readUpload(request);
    if (!multipartCsrfValid(request, reply, csrfToken)) return reply;
    const fail = async (errors: Record<string, string>) =>
      reply.page(<SchoolsImportFormPage ctx={reply.viewContext()} abilities={abilities} recent={await recent()} errors={errors} kind={kind} skipInvalid={skipInvalid} />, 400);
    if (!isSchoolsImportKind(kind)) return fail({ type: "Indiquez ce que contient le fichier" });
    if (!file || file.bytes.length === 0) return fail({ fichier: "Choisissez un fichier CSV" });
    if (!/\.(csv|txt)$/i.test(file.filename)) return fail({ fichier: "Le fichier doit être au format CSV (nom finissant par .csv)" });
    const filename = file.filename.replace(/[\\/]/g, "_").slice(0, 200);
    const importId = await request.tenant((tx) =>
      createSchoolsImport(tx, { territoryId: territory.id, kind, filename, content: decodeUpload(file.bytes), skipInvalid: skipInvalid === "ignorer", createdBy: request.actor?.userId ?? null, now: deps.clock() }),
    );
    return reply.redirect(`/t/${territory.code}/ecoles/import/${importId}`, 303);
  });

  app.get("/t/:code/ecoles/import/:importId", async (request, reply) => {
    const territory = authorize(request, "schools.import");
    const importId = idParam(request, "importId");
    const row = await request.tenant((tx) => getSchoolsImport(tx, { territoryId: territory.id, importId }));
    if (!row) throw new NotFoundError();
    const autoRefresh = text((request.query as Record<string, unknown>).actualiser) !== "non";
    return reply.page(<SchoolsImportStatusPage ctx={reply.viewContext()} row={row} autoRefresh={autoRefresh} />);
  });

  app.get("/t/:code/ecoles/import/:importId/rapport.csv", async (request, reply) => {
    const territory = authorize(request, "schools.import");
    const importId = idParam(request, "importId");
    const row = await request.tenant((tx) => getSchoolsImport(tx, { territoryId: territory.id, importId }));
    if (!row) throw new NotFoundError();
    const lines = [
      ["ligne", "uai", "statut", "champ", "raison"],
      ...row.errors.map((e) => [String(e.line), e.uai ?? "", e.skipped ? "ignorée" : "refusée", e.skipped ? "" : e.field, e.reason]),
    ];
    // `;` and a BOM: the report is read by people, in French spreadsheets.
    const body = `\uFEFF${stringify(lines, { delimiter: ";" })}`;
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="rapport-import-${importId}.csv"`)
      .send(body);
  });
}
