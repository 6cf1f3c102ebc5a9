// Motifs back-office (list, create, edit, deactivate) and the territory's accompaniment settings page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { list, text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { canAnswerDataRequests } from "../personal-data/personal-data.policy.js";
import { parseSettingsForm } from "./domain/mediator-form.js";
import { motifDefaults, motifValuesOf, parseMotifForm, type MotifValues } from "./domain/motif-form.js";
import { hasRole } from "../accounts/accounts.policy.js";
import { canMediators } from "./mediators.policy.js";
import { listPlaceChoices } from "./mediators.queries.js";
import { saveInclusionSettings, saveMotif, setMotifActive } from "./motifs.commands.js";
import { getInclusionSettings, getMotifDetails, listMotifs } from "./motifs.queries.js";
import { doneCode, formBody, idParam } from "./route-helpers.js";
import { MotifFormPage } from "./views/motif-form-page.js";
import { MotifsPage } from "./views/motifs-page.js";
import { SettingsPage } from "./views/settings-page.js";

function motifValues(body: Record<string, unknown>): MotifValues {
  return {
    name: text(body.name),
    service: text(body.service),
    description: text(body.description),
    durationMinutes: text(body.durationMinutes),
    minNoticeMinutes: text(body.minNoticeMinutes),
    horizonDays: text(body.horizonDays),
    cancelUntilHours: text(body.cancelUntilHours),
    changeUntilHours: text(body.changeUntilHours),
    bookableBy: text(body.bookableBy),
    placeKind: text(body.placeKind),
    placeIds: list(body.placeIds),
    whatToBring: text(body.whatToBring),
  };
}

function requireManage(request: FastifyRequest): number {
  const territoryId = request.territory!.id;
  if (!canMediators(request.actor, "motifs.manage", territoryId)) throw new ForbiddenError();
  return territoryId;
}

const placesOf = (request: FastifyRequest) => request.tenant((tx) => listPlaceChoices(tx, { territoryId: request.territory!.id }));

/** Registers the motifs pages and the settings page. */
export function registerMotifRoutes(app: FastifyInstance, _deps: AppDeps): void {
  // Elected officials may open the motifs, but their menu keeps to figures and places, not operational settings.
  addNavEntry({ path: "/motifs", text: "Motifs", order: 25, visible: (a, t) => canMediators(a, "motifs.view", t) && hasRole(a, t, "coordinator", "mediator") });
  addNavEntry({ path: "/reglages-accompagnement", text: "Réglages", order: 85, visible: (a, t) => canMediators(a, "settings.manage", t) });

  app.get("/t/:code/motifs", async (request, reply) => {
    const territory = request.territory!;
    if (!canMediators(request.actor, "motifs.view", territory.id)) throw new NotFoundError();
    const [motifs, places] = await request.tenant(async (tx) => [await listMotifs(tx, { territoryId: territory.id }), await listPlaceChoices(tx, { territoryId: territory.id })] as const);
    const canManage = canMediators(request.actor, "motifs.manage", territory.id);
    return reply.page(<MotifsPage ctx={reply.viewContext()} motifs={motifs} places={places} canManage={canManage} notice={doneCode(request)} />);
  });

  app.get("/t/:code/motifs/nouveau", async (request, reply) => {
    requireManage(request);
    return reply.page(<MotifFormPage ctx={reply.viewContext()} values={motifDefaults} places={await placesOf(request)} />);
  });

  const saveMotifRoute = async (request: FastifyRequest, reply: FastifyReply, motifId?: number) => {
    const territoryId = requireManage(request);
    const values = motifValues(formBody(request));
    const places = await placesOf(request);
    const form = parseMotifForm(values, places.map((p) => p.id));
    const which = motifId === undefined ? {} : { motifId };
    if (!form.ok) return reply.page(<MotifFormPage ctx={reply.viewContext()} values={values} errors={form.errors} places={places} {...which} />, 400);
    const saved = await request.tenant((tx) => saveMotif(tx, { territoryId, input: form.data, actor: actorForAudit(request), ...which }));
    if (saved === undefined) throw new NotFoundError();
    return reply.redirect(`/t/${request.territory!.code}/motifs?fait=${motifId === undefined ? "ajout" : "modification"}`, 303);
  };

  app.post("/t/:code/motifs", (request, reply) => saveMotifRoute(request, reply));

  app.get("/t/:code/motifs/:motifId", async (request, reply) => {
    const territoryId = requireManage(request);
    const motifId = idParam(request, "motifId");
    const motif = await request.tenant((tx) => getMotifDetails(tx, { territoryId, motifId }));
    if (!motif) throw new NotFoundError();
    return reply.page(<MotifFormPage ctx={reply.viewContext()} motifId={motifId} values={motifValuesOf(motif)} places={await placesOf(request)} />);
  });

  app.post("/t/:code/motifs/:motifId", (request, reply) => saveMotifRoute(request, reply, idParam(request, "motifId")));

  app.post("/t/:code/motifs/:motifId/activation", async (request, reply) => {
    const territoryId = requireManage(request);
    const motifId = idParam(request, "motifId");
    const active = text(formBody(request).active) === "oui";
    const changed = await request.tenant((tx) => setMotifActive(tx, { territoryId, motifId, active, actor: actorForAudit(request) }));
    if (!changed) throw new NotFoundError();
    return reply.redirect(`/t/${request.territory!.code}/motifs?fait=${active ? "activation" : "desactivation"}`, 303);
  });

  app.get("/t/:code/reglages-accompagnement", async (request, reply) => {
    const territory = request.territory!;
    if (!canMediators(request.actor, "settings.manage", territory.id)) throw new NotFoundError();
    const settings = await request.tenant((tx) => getInclusionSettings(tx, { territoryId: territory.id }));
    const values = { contactRetentionDays: String(settings.contactRetentionDays), reminderHours: String(settings.reminderHours), smsEnabled: settings.smsEnabled ? "oui" : "" };
    const dataRequests = canAnswerDataRequests(request.actor, territory.id);
    return reply.page(<SettingsPage ctx={reply.viewContext()} values={values} notice={doneCode(request)} smsProvider={Boolean(process.env.SMS_PROVIDER_URL)} dataRequests={dataRequests} />);
  });

  app.post("/t/:code/reglages-accompagnement", async (request, reply) => {
    const territory = request.territory!;
    if (!canMediators(request.actor, "settings.manage", territory.id)) throw new ForbiddenError();
    const body = formBody(request);
    const values = { contactRetentionDays: text(body.contactRetentionDays), reminderHours: text(body.reminderHours), smsEnabled: text(body.smsEnabled) === "oui" ? "oui" : "" };
    const form = parseSettingsForm(values);
    if (!form.ok) {
      const dataRequests = canAnswerDataRequests(request.actor, territory.id);
      return reply.page(<SettingsPage ctx={reply.viewContext()} values={values} errors={form.errors} smsProvider={Boolean(process.env.SMS_PROVIDER_URL)} dataRequests={dataRequests} />, 400);
    }
    await request.tenant((tx) => saveInclusionSettings(tx, { territoryId: territory.id, input: form.data, actor: actorForAudit(request) }));
    return reply.redirect(`/t/${territory.code}/reglages-accompagnement?fait=reglages`, 303);
  });
}
