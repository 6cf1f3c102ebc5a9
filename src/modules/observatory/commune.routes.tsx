// The commune page (/t/:code/communes/:insee) for elected officials and coordinators.
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { loadCommunePage } from "./commune.queries.js";
import { authorize, inseeParam } from "./observatory.guards.js";
import { CommunePage } from "./views/commune-page.js";

/** Registers the commune page. */
export function registerCommuneRoutes(app: FastifyInstance, _deps: AppDeps): void {
  app.get("/t/:code/communes/:insee", async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const insee = inseeParam(request);
    const data = await request.tenant((tx) => loadCommunePage(tx, { territoryId: territory.id, territoryCode: territory.code, insee, now: request.now }));
    if (!data) throw new NotFoundError();
    return reply.page(<CommunePage ctx={reply.viewContext()} data={data} />);
  });
}
