// Territory home, communes and groups of communes.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../app-deps.js";
import { list, parseForm, text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { routeId } from "../../plugins/route-id.js";
import { addNavEntry } from "../../ui/navigation.js";
import { abilities, can, isMember, rolesIn } from "../accounts/accounts.policy.js";
import type { TerritoryRole } from "../../db/schema/index.js";
import { mediatorOfUser } from "../booking/booking.commands.js";
import { appointmentsOfDay, attentionCounts, keyFigures, recordsToWrite, schoolsOfReferent } from "./home.queries.js";
import { actorForAudit, registerAuditRoutes } from "../audit/audit.routes.js";
import { deleteCommuneGroup, saveCommuneGroup } from "./territories.commands.js";
import { listCommuneGroups, listCommunes } from "./territories.queries.js";
import { CommunesPage } from "./views/communes-page.js";
import { TerritoryHomePage, type HomeSections } from "./views/territory-home-page.js";

const groupSchema = z.object({
  name: z.string().trim().min(1, "Saisissez le nom du groupe").max(120, "120 caractères au maximum"),
  description: z.string().trim().max(500, "500 caractères au maximum"),
  communeIds: z.array(z.coerce.number().int().positive()).min(1, "Choisissez au moins une commune"),
});

/** Registers the territory pages. */
export function registerTerritoryRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "", text: "Accueil", order: 0, visible: isMember });
  addNavEntry({ path: "/communes", text: "Communes", order: 80, visible: isMember });
  registerAuditRoutes(app, deps);

  app.get("/t/:code", async (request, reply) => {
    const territory = request.territory!;
    const held = rolesIn(request.actor, territory.id);
    const has = (role: TerritoryRole) => held.includes(role) || held.includes("admin");
    const now = deps.clock();
    const view = await request.tenant(async (tx) => {
      const communes = await listCommunes(tx, { territoryId: territory.id });
      const groups = await listCommuneGroups(tx, { territoryId: territory.id });
      const sections: HomeSections = {};
      // A mediator sees their own day; a coordinator without a mediator's agenda sees the network's.
      if (has("mediator") || has("coordinator")) {
        const own = request.actor ? await mediatorOfUser(tx, { territoryId: territory.id, userId: request.actor.userId }) : undefined;
        if (own || held.includes("mediator")) {
          const mediatorId = own?.id;
          sections.day = { mine: own !== undefined, appointments: await appointmentsOfDay(tx, { territoryId: territory.id, mediatorId, now }), toWrite: await recordsToWrite(tx, { territoryId: territory.id, mediatorId, now }) };
        }
      }
      if (has("coordinator")) sections.attention = await attentionCounts(tx, { territoryId: territory.id, now });
      if (held.includes("school_referent") && request.actor) sections.schools = await schoolsOfReferent(tx, { territoryId: territory.id, userId: request.actor.userId });
      if (held.includes("elected") || held.includes("admin")) sections.figures = await keyFigures(tx, { territoryId: territory.id, now });
      return { communes, groups, sections };
    });
    const ctx = reply.viewContext();
    return reply.page(
      <TerritoryHomePage
        ctx={ctx}
        communes={view.communes.length}
        population={view.communes.reduce((s, c) => s + (c.population ?? 0), 0)}
        groups={view.groups.length}
        abilities={abilities(request.actor, territory.id)}
        sections={view.sections}
      />,
    );
  });

  app.get("/t/:code/communes", async (request, reply) => {
    const territory = request.territory!;
    const [communes, groups] = await request.tenant(async (tx) => [
      await listCommunes(tx, { territoryId: territory.id }),
      await listCommuneGroups(tx, { territoryId: territory.id }),
    ] as const);
    const notice = text((request.query as { fait?: string }).fait);
    return reply.page(<CommunesPage ctx={reply.viewContext()} communes={communes} groups={groups} canManage={can(request.actor, "groups.manage", territory.id)} notice={notice} />);
  });

  app.post("/t/:code/groupes", async (request, reply) => {
    const territory = request.territory!;
    if (!can(request.actor, "groups.manage", territory.id)) throw new ForbiddenError();
    const body = request.body as Record<string, unknown>;
    const values = { name: text(body.name), description: text(body.description), communeIds: list(body.communeIds) };
    const form = parseForm(groupSchema, values);
    if (!form.ok) {
      const [communes, groups] = await request.tenant(async (tx) => [
        await listCommunes(tx, { territoryId: territory.id }),
        await listCommuneGroups(tx, { territoryId: territory.id }),
      ] as const);
      return reply.page(<CommunesPage ctx={reply.viewContext()} communes={communes} groups={groups} canManage values={values} errors={form.errors} />, 400);
    }
    await request.tenant((tx) => saveCommuneGroup(tx, { territoryId: territory.id, ...form.data, actor: actorForAudit(request) }));
    return reply.redirect(`/t/${territory.code}/communes?fait=groupe`, 303);
  });

  app.post("/t/:code/groupes/:groupId/supprimer", async (request, reply) => {
    const territory = request.territory!;
    if (!can(request.actor, "groups.manage", territory.id)) throw new ForbiddenError();
    const groupId = routeId(request, "groupId");
    const deleted = await request.tenant((tx) => deleteCommuneGroup(tx, { territoryId: territory.id, groupId, actor: actorForAudit(request) }));
    if (!deleted) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/communes?fait=suppression`, 303);
  });
}
