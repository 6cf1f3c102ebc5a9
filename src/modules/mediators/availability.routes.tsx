// A mediator's page and their availability: weekly plages (add, edit, delete), one-off openings and absences.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import type { Tx } from "../../db/client.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { list, text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { addAbsence, addExceptionalPlage, deleteAbsence, deleteExceptionalPlage, deletePlage, savePlage } from "./availability.commands.js";
import { parseAbsenceForm, parseExceptionalForm, type AbsenceValues, type ExceptionalValues } from "./domain/availability-rules.js";
import { parsePlageForm, type ExistingPlage, type PlageValues } from "./domain/plage-rules.js";
import type { CommandResult } from "./mediators.commands.js";
import { canEditAvailability, canMediators } from "./mediators.policy.js";
import { getMediator, listAbsences, listExceptionalPlages, listPlages, previewMediatorSlots, type MediatorDetails } from "./mediators.queries.js";
import { doneCode, formBody, idParam } from "./route-helpers.js";
import { MediatorPage, type FailedForm, type MediatorPageData } from "./views/mediator-page.js";
import { PlageFormPage } from "./views/plage-form-page.js";

/** Everything a mediator's page shows, read in the request's tenant transaction. */
export async function loadMediatorPage(tx: Tx, { territoryId, mediator, now, withReasons }: { territoryId: number; mediator: MediatorDetails; now: Date; withReasons: boolean }): Promise<MediatorPageData> {
  const mediatorId = mediator.id;
  return {
    mediator,
    plages: await listPlages(tx, { territoryId, mediatorId }),
    exceptional: await listExceptionalPlages(tx, { territoryId, mediatorId, from: parisDateOf(now.getTime()) }),
    absences: await listAbsences(tx, { territoryId, mediatorId, after: now, withReasons }),
    previews: await previewMediatorSlots(tx, { territoryId, mediatorId, places: mediator.places, now }),
  };
}

/** The mediator of the path in the request's territory, or a 404 (also for people who may not see mediators). */
export async function mediatorOfPath(request: FastifyRequest): Promise<MediatorDetails> {
  const territory = request.territory!;
  if (!canMediators(request.actor, "mediators.view", territory.id)) throw new NotFoundError();
  const mediatorId = idParam(request, "mediatorId");
  const mediator = await request.tenant((tx) => getMediator(tx, { territoryId: territory.id, mediatorId }));
  if (!mediator) throw new NotFoundError();
  return mediator;
}

/** Sends a mediator's page, with the abilities of the person looking, and a failed form (status 400) if any. */
export async function sendMediatorPage(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, mediator: MediatorDetails, failed?: FailedForm) {
  const territory = request.territory!;
  const data = await request.tenant((tx) => loadMediatorPage(tx, { territoryId: territory.id, mediator, now: deps.clock(), withReasons: canMediators(request.actor, "absences.reasons", territory.id) }));
  const canManage = canMediators(request.actor, "mediators.manage", territory.id);
  const canEdit = canEditAvailability(request.actor, territory.id, mediator);
  const page = <MediatorPage ctx={reply.viewContext()} data={data} canManage={canManage} canEdit={canEdit} notice={doneCode(request)} {...(failed ? { failed } : {})} />;
  return reply.page(page, failed ? 400 : 200);
}

/** The mediator of the path, when the person may change their availability (403 otherwise). */
async function editableMediator(request: FastifyRequest): Promise<MediatorDetails> {
  const mediator = await mediatorOfPath(request);
  if (!canEditAvailability(request.actor, request.territory!.id, mediator)) throw new ForbiddenError();
  return mediator;
}

function plageValues(body: Record<string, unknown>): PlageValues {
  return {
    placeId: text(body.placeId),
    weekdays: list(body.weekdays),
    startTime: text(body.startTime),
    endTime: text(body.endTime),
    validFrom: text(body.validFrom),
    validUntil: text(body.validUntil),
    everyNWeeks: text(body.everyNWeeks),
  };
}

function plageValuesOf(plage: ExistingPlage): PlageValues {
  return {
    placeId: String(plage.placeId),
    weekdays: plage.weekdays.map(String),
    startTime: plage.startTime,
    endTime: plage.endTime,
    validFrom: plage.validFrom,
    validUntil: plage.validUntil ?? "",
    everyNWeeks: String(plage.everyNWeeks),
  };
}

const mediatorUrl = (request: FastifyRequest, mediatorId: number, done: string) => `/t/${request.territory!.code}/mediateurs/${mediatorId}?fait=${done}`;

/** Registers the mediator's page and the routes that change their availability. */
export function registerAvailabilityRoutes(app: FastifyInstance, deps: AppDeps): void {
  const today = () => parisDateOf(deps.clock().getTime());

  app.get("/t/:code/mediateurs/:mediatorId", async (request, reply) => sendMediatorPage(request, reply, deps, await mediatorOfPath(request)));

  app.get("/t/:code/mediateurs/:mediatorId/plages/nouvelle", async (request, reply) => {
    const mediator = await editableMediator(request);
    const onlyPlace = mediator.places.length === 1 ? String(mediator.places[0]!.id) : "";
    const values: PlageValues = { placeId: onlyPlace, weekdays: [], startTime: "", endTime: "", validFrom: today(), validUntil: "", everyNWeeks: "1" };
    return reply.page(<PlageFormPage ctx={reply.viewContext()} mediator={mediator} values={values} />);
  });

  const savePlageRoute = async (request: FastifyRequest, reply: FastifyReply, plageId?: number) => {
    const territory = request.territory!;
    const mediator = await editableMediator(request);
    const values = plageValues(formBody(request));
    const form = parsePlageForm(values, mediator.places.map((p) => p.id));
    const result: CommandResult = form.ok
      ? await request.tenant((tx) =>
          savePlage(tx, { territoryId: territory.id, mediatorId: mediator.id, input: form.data, actor: actorForAudit(request), ...(plageId === undefined ? {} : { plageId }) }),
        )
      : { status: "invalid", errors: form.errors };
    if (result.status === "missing") throw new NotFoundError();
    if (result.status === "invalid") {
      return reply.page(<PlageFormPage ctx={reply.viewContext()} mediator={mediator} values={values} errors={result.errors} {...(plageId === undefined ? {} : { plageId })} />, 400);
    }
    return reply.redirect(mediatorUrl(request, mediator.id, "plage"), 303);
  };

  app.post("/t/:code/mediateurs/:mediatorId/plages", (request, reply) => savePlageRoute(request, reply));

  app.get("/t/:code/mediateurs/:mediatorId/plages/:plageId", async (request, reply) => {
    const mediator = await editableMediator(request);
    const plageId = idParam(request, "plageId");
    const plages = await request.tenant((tx) => listPlages(tx, { territoryId: request.territory!.id, mediatorId: mediator.id }));
    const plage = plages.find((p) => p.id === plageId);
    if (!plage) throw new NotFoundError();
    return reply.page(<PlageFormPage ctx={reply.viewContext()} mediator={mediator} plageId={plageId} values={plageValuesOf(plage)} />);
  });

  app.post("/t/:code/mediateurs/:mediatorId/plages/:plageId", (request, reply) => savePlageRoute(request, reply, idParam(request, "plageId")));

  app.post("/t/:code/mediateurs/:mediatorId/plages/:plageId/supprimer", async (request, reply) => {
    const mediator = await editableMediator(request);
    const plageId = idParam(request, "plageId");
    const deleted = await request.tenant((tx) => deletePlage(tx, { territoryId: request.territory!.id, mediatorId: mediator.id, plageId, actor: actorForAudit(request) }));
    if (!deleted) throw new NotFoundError();
    return reply.redirect(mediatorUrl(request, mediator.id, "plage-supprimee"), 303);
  });

  app.post("/t/:code/mediateurs/:mediatorId/ouvertures", async (request, reply) => {
    const mediator = await editableMediator(request);
    const body = formBody(request);
    const values: ExceptionalValues = { exDay: text(body.exDay), exPlaceId: text(body.exPlaceId), exStart: text(body.exStart), exEnd: text(body.exEnd) };
    const form = parseExceptionalForm(values, mediator.places.map((p) => p.id));
    const result: CommandResult = form.ok
      ? await request.tenant((tx) => addExceptionalPlage(tx, { territoryId: request.territory!.id, mediatorId: mediator.id, input: form.data, actor: actorForAudit(request) }))
      : { status: "invalid", errors: form.errors };
    if (result.status === "invalid") return sendMediatorPage(request, reply, deps, mediator, { kind: "exceptional", values, errors: result.errors });
    return reply.redirect(mediatorUrl(request, mediator.id, "exceptionnelle"), 303);
  });

  app.post("/t/:code/mediateurs/:mediatorId/ouvertures/:openingId/supprimer", async (request, reply) => {
    const mediator = await editableMediator(request);
    const exceptionalId = idParam(request, "openingId");
    const deleted = await request.tenant((tx) => deleteExceptionalPlage(tx, { territoryId: request.territory!.id, mediatorId: mediator.id, exceptionalId, actor: actorForAudit(request) }));
    if (!deleted) throw new NotFoundError();
    return reply.redirect(mediatorUrl(request, mediator.id, "exceptionnelle-supprimee"), 303);
  });

  app.post("/t/:code/mediateurs/:mediatorId/absences", async (request, reply) => {
    const mediator = await editableMediator(request);
    const body = formBody(request);
    const values: AbsenceValues = {
      absFromDate: text(body.absFromDate),
      absFromTime: text(body.absFromTime),
      absToDate: text(body.absToDate),
      absToTime: text(body.absToTime),
      absReason: text(body.absReason),
    };
    const form = parseAbsenceForm(values);
    if (!form.ok) return sendMediatorPage(request, reply, deps, mediator, { kind: "absence", values, errors: form.errors });
    await request.tenant((tx) => addAbsence(tx, { territoryId: request.territory!.id, mediatorId: mediator.id, input: form.data, actor: actorForAudit(request) }));
    return reply.redirect(mediatorUrl(request, mediator.id, "absence"), 303);
  });

  app.post("/t/:code/mediateurs/:mediatorId/absences/:absenceId/supprimer", async (request, reply) => {
    const mediator = await editableMediator(request);
    const absenceId = idParam(request, "absenceId");
    const deleted = await request.tenant((tx) => deleteAbsence(tx, { territoryId: request.territory!.id, mediatorId: mediator.id, absenceId, actor: actorForAudit(request) }));
    if (!deleted) throw new NotFoundError();
    return reply.redirect(mediatorUrl(request, mediator.id, "absence-supprimee"), 303);
  });
}
