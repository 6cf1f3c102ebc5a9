// Mediators back-office: the list, create and edit a mediator; a mediator's page and availability are in availability.routes.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { list, text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { mediatorOfPath, registerAvailabilityRoutes } from "./availability.routes.js";
import { parseMediatorForm, type MediatorValues } from "./domain/mediator-form.js";
import { saveMediator } from "./mediators.commands.js";
import { canMediators } from "./mediators.policy.js";
import { listMediatorAccounts, listMediators, listPlaceChoices, type MediatorDetails } from "./mediators.queries.js";
import { registerMotifRoutes } from "./motifs.routes.js";
import { doneCode, formBody } from "./route-helpers.js";
import { MediatorFormPage } from "./views/mediator-form-page.js";
import { MediatorsPage } from "./views/mediators-page.js";

function mediatorValues(body: Record<string, unknown>): MediatorValues {
  return { name: text(body.name), email: text(body.email), userId: text(body.userId), placeIds: list(body.placeIds), active: text(body.active) === "oui" };
}

async function formChoices(request: FastifyRequest, current?: MediatorDetails) {
  const territoryId = request.territory!.id;
  const [places, accounts] = await request.tenant(async (tx) => [await listPlaceChoices(tx, { territoryId }), await listMediatorAccounts(tx, { territoryId })] as const);
  // The account already linked stays selectable even if the person lost the mediator role since.
  if (current?.userId && !accounts.some((a) => a.userId === current.userId)) accounts.push({ userId: current.userId, label: current.accountEmail ?? String(current.userId) });
  return { places, accounts };
}

/** Registers the mediators pages, their availability routes, motifs and settings. */
export function registerMediatorRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/mediateurs", text: "Médiateurs", order: 20, visible: (a, t) => canMediators(a, "mediators.view", t) });

  app.get("/t/:code/mediateurs", async (request, reply) => {
    const territory = request.territory!;
    if (!canMediators(request.actor, "mediators.view", territory.id)) throw new NotFoundError();
    const mediators = await request.tenant((tx) => listMediators(tx, { territoryId: territory.id }));
    const canManage = canMediators(request.actor, "mediators.manage", territory.id);
    return reply.page(<MediatorsPage ctx={reply.viewContext()} mediators={mediators} canManage={canManage} notice={doneCode(request)} />);
  });

  app.get("/t/:code/mediateurs/nouveau", async (request, reply) => {
    if (!canMediators(request.actor, "mediators.manage", request.territory!.id)) throw new ForbiddenError();
    const choices = await formChoices(request);
    const values: MediatorValues = { name: "", email: "", userId: "", placeIds: [], active: true };
    return reply.page(<MediatorFormPage ctx={reply.viewContext()} values={values} {...choices} />);
  });

  app.post("/t/:code/mediateurs", async (request, reply) => {
    const territory = request.territory!;
    if (!canMediators(request.actor, "mediators.manage", territory.id)) throw new ForbiddenError();
    const values = mediatorValues(formBody(request));
    const choices = await formChoices(request);
    const form = parseMediatorForm(values, choices.places.map((p) => p.id), choices.accounts.map((a) => a.userId));
    const result = form.ok
      ? await request.tenant((tx) => saveMediator(tx, { territoryId: territory.id, input: form.data, today: parisDateOf(deps.clock().getTime()), actor: actorForAudit(request) }))
      : ({ status: "invalid", errors: form.errors } as const);
    if (result.status === "invalid") return reply.page(<MediatorFormPage ctx={reply.viewContext()} values={values} errors={result.errors} {...choices} />, 400);
    if (result.status === "missing") throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/mediateurs/${result.id}?fait=fiche`, 303);
  });

  app.get("/t/:code/mediateurs/:mediatorId/modifier", async (request, reply) => {
    const mediator = await mediatorOfPath(request);
    if (!canMediators(request.actor, "mediators.manage", request.territory!.id)) throw new ForbiddenError();
    const values: MediatorValues = { name: mediator.name, email: mediator.email ?? "", userId: mediator.userId ? String(mediator.userId) : "", placeIds: mediator.places.map((p) => String(p.id)), active: mediator.active };
    return reply.page(<MediatorFormPage ctx={reply.viewContext()} mediatorId={mediator.id} values={values} {...await formChoices(request, mediator)} />);
  });

  app.post("/t/:code/mediateurs/:mediatorId/modifier", async (request, reply) => {
    const territory = request.territory!;
    const mediator = await mediatorOfPath(request);
    if (!canMediators(request.actor, "mediators.manage", territory.id)) throw new ForbiddenError();
    const values = mediatorValues(formBody(request));
    const choices = await formChoices(request, mediator);
    const form = parseMediatorForm(values, choices.places.map((p) => p.id), choices.accounts.map((a) => a.userId));
    const result = form.ok
      ? await request.tenant((tx) =>
          saveMediator(tx, { territoryId: territory.id, mediatorId: mediator.id, input: form.data, today: parisDateOf(deps.clock().getTime()), actor: actorForAudit(request) }),
        )
      : ({ status: "invalid", errors: form.errors } as const);
    if (result.status === "invalid") return reply.page(<MediatorFormPage ctx={reply.viewContext()} mediatorId={mediator.id} values={values} errors={result.errors} {...choices} />, 400);
    if (result.status === "missing") throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/mediateurs/${mediator.id}?fait=fiche`, 303);
  });

  registerAvailabilityRoutes(app, deps);
  registerMotifRoutes(app, deps);
}
