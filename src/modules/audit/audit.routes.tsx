// The audit log page for territory admins.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { can } from "../accounts/accounts.policy.js";
import type { AuditActor } from "./audit.commands.js";
import { listAuditEvents } from "./audit.queries.js";
import { AuditPage } from "./views/audit-page.js";

/** The audit actor of a request: the signed-in person and their address. */
export function actorForAudit(request: FastifyRequest): AuditActor {
  const actor = request.actor;
  return { userId: actor?.userId ?? null, label: actor ? actor.email : "anonyme", ip: request.ip, at: request.now };
}

/** Registers the audit log page. */
export function registerAuditRoutes(app: FastifyInstance, _deps: AppDeps): void {
  addNavEntry({ path: "/journal", text: "Journal", order: 95, visible: (a, t) => can(a, "audit.view", t) });
  app.get("/t/:code/journal", async (request, reply) => {
    const territory = request.territory!;
    if (!can(request.actor, "audit.view", territory.id)) throw new NotFoundError();
    const before = Number((request.query as { avant?: string }).avant) || undefined;
    const events = await request.tenant((tx) => listAuditEvents(tx, { territoryId: territory.id, ...(before ? { before } : {}) }));
    return reply.page(<AuditPage ctx={reply.viewContext()} events={events} />);
  });
}
