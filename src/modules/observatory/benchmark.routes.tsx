// Similar territories (/t/:code/observatoire/territoires-similaires): share figures, see the closest territories.
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { list, text } from "../../lib/validation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { setSharedFigures, sharedByOthers, sharedByTerritory, SHAREABLE, territoryFigures, type ShareableKey } from "./benchmark.js";
import { mostSimilar } from "./domain/similarity.js";
import { authorize, mayManage } from "./observatory.guards.js";
import { loadObservatory } from "./observatory.queries.js";
import { SimilarPage } from "./views/similar-page.js";

/** Registers the benchmark page. */
export function registerBenchmarkRoutes(app: FastifyInstance, _deps: AppDeps): void {
  const path = "/t/:code/observatoire/territoires-similaires";

  app.get(path, async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const data = await request.tenant(async (tx) => ({
      observatory: await loadObservatory(tx, { territoryId: territory.id, territoryCode: territory.code, now: request.now }),
      shared: await sharedByTerritory(tx, { territoryId: territory.id }),
      others: await sharedByOthers(tx, { territoryId: territory.id }),
    }));
    const own = territoryFigures(data.observatory);
    const values: Record<string, number> = {};
    for (const [key, s] of data.shared) if (s.value !== null) values[key] = s.value;
    const similar = mostSimilar({ territoryId: territory.id, name: territory.name, kind: territory.kind, values }, data.others);
    const notice = text((request.query as Record<string, unknown>).fait) || undefined;
    return reply.page(<SimilarPage ctx={reply.viewContext()} own={own} shared={data.shared} similar={similar} others={data.others.length} canManage={mayManage(request)} notice={notice} />);
  });

  app.post(path, async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const keys = list(((request.body ?? {}) as Record<string, unknown>).partage).filter((k): k is ShareableKey => (SHAREABLE as readonly string[]).includes(k));
    await request.tenant(async (tx) => {
      const values = territoryFigures(await loadObservatory(tx, { territoryId: territory.id, territoryCode: territory.code, now: request.now }));
      await setSharedFigures(tx, { territoryId: territory.id, keys: keys.filter((k) => values[k] !== null), values, actor: actorForAudit(request) });
    });
    return reply.redirect(`/t/${territory.code}/observatoire/territoires-similaires?fait=partage`, 303);
  });
}
