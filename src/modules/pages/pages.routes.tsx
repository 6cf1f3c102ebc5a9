// Public pages: home, accessibility statement, personal-data notice, territory switch.
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { listTerritories } from "../territories/territories.queries.js";
import { AccessibilityPage } from "./views/accessibility-page.js";
import { HomePage } from "./views/home-page.js";
import { PrivacyPage } from "./views/privacy-page.js";

/** Registers the public pages. */
export function registerPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/", async (request, reply) => {
    const ctx = reply.viewContext();
    if (request.actor && request.actor.memberships.length === 1) {
      return reply.redirect(`/t/${request.actor.memberships[0]!.code}`, 303);
    }
    const territories = (await listTerritories(deps.database.db)).map((t) => ({ code: t.code, name: t.name, communes: t.communes, demo: t.demo }));
    return reply.page(<HomePage ctx={ctx} territories={territories} />);
  });
  app.get("/accessibilite", async (_request, reply) => reply.page(<AccessibilityPage ctx={reply.viewContext()} />));
  app.get("/donnees-personnelles", async (_request, reply) => reply.page(<PrivacyPage ctx={reply.viewContext()} />));
  app.get("/territoire", async (request, reply) => {
    const code = String((request.query as { code?: string }).code ?? "");
    return reply.redirect(/^[0-9A-Za-z]{2,9}$/.test(code) ? `/t/${code}` : "/", 303);
  });
  // Health check for a load balancer or a monitor: public, so it says whether this instance can serve (it reaches
  // its database) and nothing else: no engine, version or error text (docs/decisions/0048).
  app.get("/sante", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    try {
      await deps.database.db.execute(sql`select 1`);
      return { statut: "ok" };
    } catch {
      return reply.code(503).send({ statut: "indisponible" });
    }
  });
}
