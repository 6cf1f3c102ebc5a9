// The admins' tool to answer a citizen's data-protection request (access and erasure). The contact is only ever
// posted, never put in a URL: addresses in URLs end up in logs and browser history.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { doneCode, formBody } from "../mediators/route-helpers.js";
import { parseContact } from "./domain/contact.js";
import { erasePersonalData, lookUpPersonalData, type ErasureReport } from "./personal-data.commands.js";
import { canAnswerDataRequests } from "./personal-data.policy.js";
import { DataRequestResultsPage, DataRequestSearchPage } from "./views/data-request-pages.js";

/** The counts of the last erasure, carried by the redirect (`?fait=effacement&rdv=…`): counts only, no contact. */
function erasedCounts(request: FastifyRequest): ErasureReport | undefined {
  if (doneCode(request) !== "effacement") return undefined;
  const query = request.query as Record<string, unknown>;
  const count = (value: unknown) => (typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : 0);
  return { appointments: count(query.rdv), mails: count(query.courriels), sms: count(query.sms) };
}

/** Registers the search page, its answer and the erasure. */
export function registerPersonalDataRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/t/:code/donnees-personnelles", async (request, reply) => {
    if (!canAnswerDataRequests(request.actor, request.territory!.id)) throw new NotFoundError();
    return reply.page(<DataRequestSearchPage ctx={reply.viewContext()} typed="" erased={erasedCounts(request)} />);
  });

  app.post("/t/:code/donnees-personnelles", async (request, reply) => {
    const territory = request.territory!;
    if (!canAnswerDataRequests(request.actor, territory.id)) throw new ForbiddenError();
    const typed = text(formBody(request).contact);
    const parsed = parseContact(typed);
    if (!parsed.ok) return reply.page(<DataRequestSearchPage ctx={reply.viewContext()} typed={typed} error={parsed.error} />, 400);
    const data = await request.tenant((tx) => lookUpPersonalData(tx, { territoryId: territory.id, contact: parsed.contact, actor: actorForAudit(request) }));
    return reply.page(<DataRequestResultsPage ctx={reply.viewContext()} typed={typed} contact={parsed.contact} data={data} now={deps.clock()} />);
  });

  app.post("/t/:code/donnees-personnelles/effacement", async (request, reply) => {
    const territory = request.territory!;
    if (!canAnswerDataRequests(request.actor, territory.id)) throw new ForbiddenError();
    const body = formBody(request);
    const typed = text(body.contact);
    const parsed = parseContact(typed);
    if (!parsed.ok) return reply.page(<DataRequestSearchPage ctx={reply.viewContext()} typed={typed} error={parsed.error} />, 400);
    const args = { territoryId: territory.id, contact: parsed.contact, actor: actorForAudit(request) };
    if (text(body.confirmation) !== "oui") {
      // The page shows the data again, so this counts as another search in the audit log.
      const data = await request.tenant((tx) => lookUpPersonalData(tx, args));
      const error = "Cochez la case pour confirmer que la personne a demandé l'effacement";
      return reply.page(<DataRequestResultsPage ctx={reply.viewContext()} typed={typed} contact={parsed.contact} data={data} now={deps.clock()} confirmationError={error} />, 400);
    }
    const erased = await request.tenant((tx) => erasePersonalData(tx, { ...args, now: deps.clock() }));
    return reply.redirect(`/t/${territory.code}/donnees-personnelles?fait=effacement&rdv=${erased.appointments}&courriels=${erased.mails}&sms=${erased.sms}`, 303);
  });
}
