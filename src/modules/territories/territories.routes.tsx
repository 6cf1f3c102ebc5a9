// Territory home, communes and groups of communes.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppDeps } from "../../app-deps.js";
import { list, parseForm, text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import { abilities, can, isMember } from "../accounts/accounts.policy.js";
import { actorForAudit, registerAuditRoutes } from "../audit/audit.routes.js";
import { deleteCommuneGroup, saveCommuneGroup } from "./territories.commands.js";
import { listCommuneGroups, listCommunes } from "./territories.queries.js";
import { CommunesPage } from "./views/communes-page.js";
import { TerritoryHomePage } from "./views/territory-home-page.js";

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
    const [communes, groups] = await request.tenant(async (tx) => [
      await listCommunes(tx, { territoryId: territory.id }),
      await listCommuneGroups(tx, { territoryId: territory.id }),
    ] as const);
    const ctx = reply.viewContext();
    return reply.page(
      <TerritoryHomePage ctx={ctx} communes={communes.length} population={communes.reduce((s, c) => s + (c.population ?? 0), 0)} groups={groups.length} abilities={abilities(request.actor, territory.id)} />,
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
    const groupId = Number((request.params as { groupId: string }).groupId);
    const deleted = Number.isInteger(groupId) && (await request.tenant((tx) => deleteCommuneGroup(tx, { territoryId: territory.id, groupId, actor: actorForAudit(request) })));
    if (!deleted) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/communes?fait=suppression`, 303);
  });
}
