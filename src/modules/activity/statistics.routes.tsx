// Statistics routes: the territory page, its exports, share links, and the public page behind a share link.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import type { Tx } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import { hashToken } from "../../lib/crypto.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { routeId } from "../../plugins/route-id.js";
import { addNavEntry } from "../../ui/navigation.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { listCommunes } from "../territories/territories.queries.js";
import { auditExport, createShareLink, revokeShareLink } from "./activity.commands.js";
import { canActivity } from "./activity.policy.js";
import { listActivitiesAfter, listMediatorOptions, listPlaceOptions, listPublishedPlaceIds, type ActivityRow } from "./activity.queries.js";
import { parseFilters, type ActivityFilters } from "./domain/filters.js";
import { OTHERS_KEY, publicReport } from "./domain/public-statistics.js";
import { statisticsReport } from "./domain/statistics.js";
import {
  CSV_TYPE,
  XLSX_TYPE,
  figureRows,
  makeNames,
  recordsCsvStream,
  recordsXlsxStream,
  toCsv,
  toXlsx,
} from "./import-export/statistics-export.js";
import { listShareLinks, loadStatisticsInput, resolveShareLink } from "./statistics.queries.js";
import { SharedStatisticsPage } from "./views/shared-statistics-page.js";
import { StatisticsPage } from "./views/statistics-page.js";

const EXPORT_PAGE = 1000;

/** Everything a statistics view needs for one territory and one query, read under row-level security. */
async function loadView(tx: Tx, territoryId: number, query: Record<string, unknown>, today: string, withMediators: boolean) {
  const places = await listPlaceOptions(tx, { territoryId });
  const mediators = withMediators ? await listMediatorOptions(tx, { territoryId, activeOnly: false }) : [];
  const communes = await listCommunes(tx, { territoryId });
  const parsed = parseFilters(query, { today, communes: communes.map((c) => c.insee), placeIds: places.map((p) => p.id), mediatorIds: mediators.map((m) => m.id) });
  const input = await loadStatisticsInput(tx, { territoryId, filters: parsed.filters });
  const report = statisticsReport(input, parsed.filters.from, parsed.filters.to);
  return { places, mediators, communes, parsed, report, names: makeNames(places, mediators, communes) };
}

function attachment(reply: FastifyReply, type: string, filename: string): FastifyReply {
  return reply.type(type).header("content-disposition", `attachment; filename="${filename}"`).header("cache-control", "no-store");
}

/** Registers the statistics pages and exports. */
export function registerStatisticsRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/statistiques", text: "Statistiques", order: 50, visible: (a, t) => canActivity(a, "statistics.view", t) });
  const today = () => parisDateOf(deps.clock().getTime());

  async function renderPage(request: FastifyRequest, reply: FastifyReply, query: Record<string, unknown>, newLink?: { url: string; label: string }) {
    const territory = request.territory!;
    const canShare = canActivity(request.actor, "statistics.share", territory.id);
    const { view, links } = await request.tenant(async (tx) => ({
      view: await loadView(tx, territory.id, query, today(), true),
      links: canShare ? await listShareLinks(tx, { territoryId: territory.id }) : [],
    }));
    return reply.page(
      <StatisticsPage
        ctx={reply.viewContext()}
        report={view.report}
        names={view.names}
        values={view.parsed.values}
        chosen={view.parsed.chosen}
        errors={view.parsed.errors}
        places={view.places}
        mediators={view.mediators}
        communes={view.communes}
        canExport={canActivity(request.actor, "statistics.export", territory.id)}
        canShare={canShare}
        shareLinks={links}
        newLink={newLink}
        notice={text((request.query as { fait?: string }).fait)}
      />,
    );
  }

  app.get("/t/:code/statistiques", async (request, reply) => {
    if (!canActivity(request.actor, "statistics.view", request.territory!.id)) throw new ForbiddenError();
    return renderPage(request, reply, request.query as Record<string, unknown>);
  });

  app.get("/t/:code/statistiques/export", async (request, reply) => {
    const territory = request.territory!;
    if (!canActivity(request.actor, "statistics.export", territory.id)) throw new ForbiddenError();
    const query = request.query as Record<string, unknown>;
    const content = text(query.donnees);
    const format = text(query.format);
    if ((content !== "chiffres" && content !== "accompagnements") || (format !== "csv" && format !== "xlsx")) throw new NotFoundError();
    const view = await request.tenant(async (tx) => {
      const loaded = await loadView(tx, territory.id, query, today(), true);
      await auditExport(tx, { territoryId: territory.id, actor: actorForAudit(request), content, format, filters: { ...loaded.parsed.chosen } });
      return loaded;
    });
    const { from, to } = view.parsed.filters;
    const filename = `${content === "chiffres" ? "statistiques" : "accompagnements"}-${territory.code}-${from}-${to}.${format}`;
    if (content === "chiffres") {
      const rows = figureRows(view.report, view.names, { period: { from, to }, withMediators: true });
      return attachment(reply, format === "csv" ? CSV_TYPE : XLSX_TYPE, filename).send(format === "csv" ? toCsv(rows) : await toXlsx(rows, "Statistiques"));
    }
    const pages = exportPages(request, territory.id, view.parsed.filters);
    const communeName = view.names.commune;
    return attachment(reply, format === "csv" ? CSV_TYPE : XLSX_TYPE, filename).send(format === "csv" ? recordsCsvStream(pages, communeName) : recordsXlsxStream(pages, communeName));
  });

  app.post("/t/:code/statistiques/partages", async (request, reply) => {
    const territory = request.territory!;
    if (!canActivity(request.actor, "statistics.share", territory.id)) throw new ForbiddenError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    // The mediator filter is never shared: the public page shows no detail per person.
    const query = { du: body.du, au: body.au, commune: body.commune, lieu: body.lieu };
    const label = text(body.label).slice(0, 120);
    const { token } = await request.tenant(async (tx) => {
      const { parsed } = await loadView(tx, territory.id, query, today(), false);
      return createShareLink(tx, { territoryId: territory.id, label, filters: { ...parsed.chosen }, actor: actorForAudit(request) });
    });
    const url = `${deps.config.publicUrl.replace(/\/$/, "")}/statistiques/partage/${token}`;
    return renderPage(request, reply, query, { url, label: label || "sans nom" });
  });

  app.post("/t/:code/statistiques/partages/:id/revoquer", async (request, reply) => {
    const territory = request.territory!;
    if (!canActivity(request.actor, "statistics.share", territory.id)) throw new ForbiddenError();
    const linkId = routeId(request, "id");
    const revoked = await request.tenant((tx) => revokeShareLink(tx, { territoryId: territory.id, linkId, actor: actorForAudit(request), now: deps.clock() }));
    if (!revoked) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/statistiques?fait=desactive`, 303);
  });

  app.get("/statistiques/partage/:token", async (request, reply) => {
    const token = (request.params as { token: string }).token;
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError();
    // No territory is known before the link is read: it is resolved in the system context, then every read of
    // statistics runs under that link's territory only.
    const link = await resolveShareLink(deps.database.db, { tokenHash: hashToken(token) });
    if (!link) throw new NotFoundError();
    const { view, published } = await withTenant(deps.database.db, link.territoryId, async (tx) => ({
      view: await loadView(tx, link.territoryId, link.filters, today(), false),
      published: await listPublishedPlaceIds(tx, { territoryId: link.territoryId }),
    }));
    // Published places only, and no cell of fewer than 5 people (decision 0051).
    const report = publicReport(view.report, { publishedPlaceIds: new Set(published) });
    const names = {
      ...view.names,
      place: (key: string) => (key === OTHERS_KEY ? "Autres lieux (moins de 5 personnes chacun, ou non publiés)" : view.names.place(key)),
      commune: (key: string) => (key === OTHERS_KEY ? "Autres communes (moins de 5 personnes chacune)" : view.names.commune(key)),
    };
    reply.header("x-robots-tag", "noindex, nofollow");
    return reply.page(
      <SharedStatisticsPage
        ctx={reply.viewContext()}
        territoryName={link.territoryName}
        demo={link.territoryDemo}
        label={link.label}
        period={{ from: view.parsed.filters.from, to: view.parsed.filters.to }}
        report={report}
        names={names}
      />,
    );
  });
}

/** Pages of records read one after the other, each in its own short transaction under row-level security. */
async function* exportPages(request: FastifyRequest, territoryId: number, filters: ActivityFilters): AsyncGenerator<ActivityRow[]> {
  let afterId = 0;
  for (;;) {
    const page = await request.tenant((tx) => listActivitiesAfter(tx, { territoryId, filters, afterId, limit: EXPORT_PAGE }));
    if (page.length === 0) return;
    yield page;
    afterId = page.at(-1)!.id;
    if (page.length < EXPORT_PAGE) return;
  }
}
