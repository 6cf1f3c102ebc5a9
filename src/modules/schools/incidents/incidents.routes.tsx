// Incident routes: list, report form (multipart, optional photo), detail page, photo, and the two follow-up
// steps (take in charge, resolve).
import type { FastifyMultipartBaseOptions } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../app-deps.js";
import { text } from "../../../lib/validation.js";
import { multipartCsrfValid } from "../../../plugins/security.js";
import { ForbiddenError, NotFoundError } from "../../../plugins/tenant.js";
import type { FieldErrors } from "../../../ui/form.js";
import { addNavEntry } from "../../../ui/navigation.js";
import { actorForAudit } from "../../audit/audit.routes.js";
import { doneCode, formBody, idParam } from "../plan/route-helpers.js";
import { detectImageType, isIncidentStatus, MAX_PHOTO_BYTES, photoProblem, type Outcome } from "./incident-rules.js";
import { advanceIncident, reportIncident } from "./incidents.commands.js";
import { canIncident, incidentScope, type IncidentAction } from "./incidents.policy.js";
import { getIncident, getIncidentPhoto, itemSchoolId, listIncidents, listReportableItems, listReportableSchools } from "./incidents.queries.js";
import { IncidentFormPage, type ReportValues } from "./views/incident-form-page.js";
import { IncidentPage } from "./views/incident-page.js";
import { IncidentsPage } from "./views/incidents-page.js";

type Upload = { values: ReportValues; school: string; photo: { bytes: Buffer; declaredType: string } | null; tooLarge: boolean; csrfToken?: string };

/** The item field's value for "Je ne sais pas lequel". */
const UNKNOWN_ITEM = "inconnu";

/** The territory once the person may do `action` (readers without the right get a 404, writers a 403). */
function authorize(request: FastifyRequest, action: IncidentAction) {
  const territory = request.territory!;
  if (!canIncident(request.actor, action, territory.id)) throw action === "incidents.view" ? new NotFoundError() : new ForbiddenError();
  return { territory, scope: incidentScope(request.actor, territory.id) };
}

/** Reads the report form, multipart (with a photo) or not, whatever the order of its parts. */
async function readReport(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    const body = formBody(request);
    return { values: { itemId: text(body.itemId), description: text(body.description) }, school: text(body.ecole), photo: null, tooLarge: false };
  }
  const fields: Record<string, string> = {};
  let photo: Upload["photo"] = null;
  let tooLarge = false;
  // Over the size limit the file is cut short (not thrown): the form comes back with a clear message.
  const options: FastifyMultipartBaseOptions = { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 10, fieldSize: 20_000 }, throwFileSizeLimit: false };
  for await (const part of request.parts(options)) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      if (part.file.truncated) tooLarge = true;
      else if (part.fieldname === "photo" && part.filename && bytes.length > 0) photo = { bytes, declaredType: part.mimetype };
    } else if (typeof part.value === "string") {
      fields[part.fieldname] = part.value;
    }
  }
  return { values: { itemId: (fields.itemId ?? "").trim(), description: (fields.description ?? "").trim() }, school: (fields.ecole ?? "").trim(), photo, tooLarge, csrfToken: fields._csrf };
}

function reportErrors(upload: Upload): FieldErrors {
  const errors: FieldErrors = {};
  if (upload.values.itemId !== UNKNOWN_ITEM && !/^[1-9]\d{0,8}$/.test(upload.values.itemId)) errors.itemId = "Choisissez l'équipement en panne, ou « Je ne sais pas lequel »";
  else if (upload.values.itemId === UNKNOWN_ITEM && !/^[1-9]\d{0,8}$/.test(upload.school)) errors.itemId = "Choisissez d'abord l'école";
  if (upload.values.description === "") errors.description = "Décrivez le problème en quelques mots";
  else if (upload.values.description.length > 4000) errors.description = "La description doit faire 4 000 caractères au maximum";
  const problem = upload.tooLarge ? "La photo dépasse 5 Mo : envoyez une image plus légère" : upload.photo ? photoProblem(upload.photo) : null;
  if (problem) errors.photo = problem;
  return errors;
}

/** Registers the incident routes and the "Incidents" menu entry. */
export function registerIncidentRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/incidents", text: "Incidents", order: 42, visible: (a, t) => canIncident(a, "incidents.view", t) });
  const urlFor = (code: string) => (incidentId: number) => `${deps.config.publicUrl}/t/${code}/incidents/${incidentId}`;

  app.get("/t/:code/incidents", async (request, reply) => {
    const { territory, scope } = authorize(request, "incidents.view");
    const raw = text((request.query as Record<string, unknown>).statut);
    const status = isIncidentStatus(raw) ? raw : undefined;
    const rows = await request.tenant((tx) => listIncidents(tx, { territoryId: territory.id, scope, status }));
    const canReport = canIncident(request.actor, "incidents.report", territory.id);
    return reply.page(<IncidentsPage ctx={reply.viewContext()} incidents={rows} status={status} canReport={canReport} />);
  });

  /** The report form for the chosen school (the only one a referent sees is chosen for them, or the item's). */
  async function showForm(request: FastifyRequest, reply: FastifyReply, schoolParam: string, values: ReportValues, errors: FieldErrors = {}) {
    const { territory, scope } = authorize(request, "incidents.report");
    const { schools, school, items } = await request.tenant(async (tx) => {
      const schools = await listReportableSchools(tx, { territoryId: territory.id, scope });
      // Opened from an item's page (?equipement=…): its school is the one to report for.
      const fromItem = schoolParam === "" && /^[1-9]\d{0,8}$/.test(values.itemId) ? await itemSchoolId(tx, { territoryId: territory.id, scope, itemId: Number(values.itemId) }) : undefined;
      const wanted = fromItem !== undefined ? String(fromItem) : schoolParam;
      const school = schools.length === 1 ? schools[0] : schools.find((s) => String(s.id) === wanted);
      const items = school ? await listReportableItems(tx, { territoryId: territory.id, scope, schoolId: school.id }) : [];
      return { schools, school, items };
    });
    return reply.page(<IncidentFormPage ctx={reply.viewContext()} schools={schools} school={school} items={items} values={values} errors={errors} />, Object.keys(errors).length > 0 ? 400 : 200);
  }

  app.get("/t/:code/incidents/nouveau", async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return showForm(request, reply, text(query.ecole), { itemId: text(query.equipement), description: "" });
  });

  app.post("/t/:code/incidents", { config: { csrf: "multipart-field" } }, async (request, reply) => {
    const { territory, scope } = authorize(request, "incidents.report");
    const upload = await readReport(request);
    if (!multipartCsrfValid(request, reply, upload.csrfToken)) return reply;
    const errors = reportErrors(upload);
    if (Object.keys(errors).length > 0) return showForm(request, reply, upload.school, upload.values, errors);
    const photo = upload.photo ? { bytes: upload.photo.bytes, type: detectImageType(upload.photo.bytes)! } : null;
    const actor = request.actor!;
    const result = await request.tenant((tx) =>
      reportIncident(tx, {
        territoryId: territory.id,
        scope,
        target: upload.values.itemId === UNKNOWN_ITEM ? { schoolId: Number(upload.school), itemUnknown: true } : { itemId: Number(upload.values.itemId) },
        description: upload.values.description,
        photo,
        reporter: { userId: actor.userId, email: actor.email },
        actor: actorForAudit(request),
        url: urlFor(territory.code),
        now: deps.clock(),
      }),
    );
    if (!result.ok) {
      const message = result.reason === "deja-ouvert" ? `Un incident est déjà ouvert pour cet équipement (n° ${result.incidentId}) : suivez-le plutôt que d'en ouvrir un autre` : "Choisissez un équipement de la liste";
      return showForm(request, reply, upload.school, upload.values, { itemId: message });
    }
    return reply.redirect(`/t/${territory.code}/incidents/${result.incidentId}?fait=signalement`, 303);
  });

  app.get("/t/:code/incidents/:incidentId", async (request, reply) => {
    const { territory, scope } = authorize(request, "incidents.view");
    const incidentId = idParam(request, "incidentId");
    const incident = await request.tenant((tx) => getIncident(tx, { territoryId: territory.id, scope, incidentId }));
    if (!incident) throw new NotFoundError();
    const canFollow = canIncident(request.actor, "incidents.follow", territory.id);
    return reply.page(<IncidentPage ctx={reply.viewContext()} incident={incident} canFollow={canFollow} notice={doneCode(request)} />);
  });

  app.get("/t/:code/incidents/:incidentId/photo", async (request, reply) => {
    const { territory, scope } = authorize(request, "incidents.view");
    const incidentId = idParam(request, "incidentId");
    const photo = await request.tenant((tx) => getIncidentPhoto(tx, { territoryId: territory.id, scope, incidentId }));
    if (!photo) throw new NotFoundError();
    return reply.type(photo.type).header("cache-control", "private, no-store").header("content-disposition", `inline; filename="incident-${incidentId}"`).send(photo.bytes);
  });

  app.post("/t/:code/incidents/:incidentId/prise-en-charge", async (request, reply) => {
    const { territory } = authorize(request, "incidents.follow");
    const incidentId = idParam(request, "incidentId");
    const result = await request.tenant((tx) => advanceIncident(tx, { territoryId: territory.id, incidentId, to: "en_cours", actor: actorForAudit(request), url: urlFor(territory.code), now: deps.clock() }));
    if (!result.ok && result.reason === "introuvable") throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/incidents/${incidentId}${result.ok ? "?fait=prise_en_charge" : ""}`, 303);
  });

  app.post("/t/:code/incidents/:incidentId/resolution", async (request, reply) => {
    const { territory, scope } = authorize(request, "incidents.follow");
    const incidentId = idParam(request, "incidentId");
    const body = formBody(request);
    const values = { outcome: text(body.outcome), resolution: text(body.resolution) };
    const errors: FieldErrors = {};
    if (values.outcome !== "en_service" && values.outcome !== "reforme") errors.outcome = "Indiquez si l'équipement est remis en service ou réformé";
    if (values.resolution.length > 4000) errors.resolution = "4 000 caractères au maximum";
    if (Object.keys(errors).length > 0) {
      const incident = await request.tenant((tx) => getIncident(tx, { territoryId: territory.id, scope, incidentId }));
      if (!incident) throw new NotFoundError();
      return reply.page(<IncidentPage ctx={reply.viewContext()} incident={incident} canFollow values={values} errors={errors} />, 400);
    }
    const props = { territoryId: territory.id, incidentId, to: "resolu" as const, outcome: values.outcome as Outcome, resolution: values.resolution, actor: actorForAudit(request), url: urlFor(territory.code), now: deps.clock() };
    const result = await request.tenant((tx) => advanceIncident(tx, props));
    if (!result.ok && result.reason === "introuvable") throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/incidents/${incidentId}${result.ok ? "?fait=resolution" : ""}`, 303);
  });
}
