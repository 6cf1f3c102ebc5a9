// Operator pages: create territories from the official geography, read stored mail (development), watch jobs,
// read the instance's audit log.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { jobStatuses, type JobStatus } from "../../db/schema/index.js";
import { withNetwork } from "../../db/tenant.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { routeId } from "../../plugins/route-id.js";
import { listAuditEvents } from "../audit/audit.queries.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { AuditPage } from "../audit/views/audit-page.js";
import { listJobs } from "../jobs/jobs.queue.js";
import { getMail, listMails } from "../mail/mail.queries.js";
import { findTerritoryByCode, searchGeography } from "../territories/geography.js";
import { createTerritory } from "../territories/territories.commands.js";
import { findTerritory, listTerritories } from "../territories/territories.queries.js";
import { JobsPage, MailPage, MailsPage, OperatorHomePage } from "./views/operator-pages.js";

function requireOperator(request: FastifyRequest): NonNullable<FastifyRequest["actor"]> {
  if (!request.actor?.isOperator) throw new NotFoundError();
  return request.actor;
}

/** Registers the operator pages (only people flagged as operators see them; everyone else gets a 404). */
export function registerOperatorRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;

  app.get("/operateur", async (request, reply) => {
    requireOperator(request);
    const query = text((request.query as { q?: string }).q);
    const results = query ? searchGeography(query) : [];
    const territories = await listTerritories(db);
    const notice = text((request.query as { cree?: string }).cree);
    return reply.page(<OperatorHomePage ctx={reply.viewContext()} query={query} results={results} territories={territories} created={notice} />);
  });

  app.post("/operateur/territoires", async (request, reply) => {
    requireOperator(request);
    const code = text((request.body as { code?: string }).code);
    const geo = findTerritoryByCode(code);
    if (!geo) throw new NotFoundError();
    // A territory that exists already is left as it is (the command line refreshes its communes).
    const existing = await findTerritory(db, { code: geo.code });
    if (!existing) await db.transaction((tx) => createTerritory(tx, { geo, actor: actorForAudit(request) }));
    return reply.redirect(`/operateur?cree=${encodeURIComponent(geo.code)}`, 303);
  });

  // Events that belong to no territory (a territory's own are on its /journal page).
  app.get("/operateur/journal", async (request, reply) => {
    const before = Number((request.query as { avant?: string }).avant) || undefined;
    // Readable only in a signed operator context (migration 0025), which the database checks against is_operator.
    const operator = requireOperator(request);
    const events = await withNetwork(db, { role: "operator", userId: operator.userId }, (tx) => listAuditEvents(tx, { territoryId: null, ...(before ? { before } : {}) }));
    return reply.page(<AuditPage ctx={reply.viewContext()} events={events} instance />);
  });

  app.get("/operateur/taches", async (request, reply) => {
    requireOperator(request);
    const status = text((request.query as { statut?: string }).statut);
    const filter = (jobStatuses as readonly string[]).includes(status) ? (status as JobStatus) : undefined;
    const jobs = await listJobs(db, filter ? { status: filter } : {});
    return reply.page(<JobsPage ctx={reply.viewContext()} jobs={jobs} status={filter} />);
  });

  // Stored mail is readable on the web only outside production: in production, use `maillage mail list`.
  if (!deps.config.production) {
    app.get("/operateur/courriels", async (request, reply) => {
      requireOperator(request);
      return reply.page(<MailsPage ctx={reply.viewContext()} mails={await listMails(db)} />);
    });
    app.get("/operateur/courriels/:id", async (request, reply) => {
      requireOperator(request);
      const mail = await getMail(db, { id: routeId(request, "id") });
      if (!mail) throw new NotFoundError();
      return reply.page(<MailPage ctx={reply.viewContext()} mail={mail} />);
    });
  }
}
