// The fragility index (/t/:code/observatoire/indice) and the indicators catalogue (/t/:code/observatoire/indicateurs).
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { optionalId } from "../schools/schools.guards.js";
import { compareVersions } from "./domain/fragility-index.js";
import { saveIndexVersion, setCurrentIndexVersion } from "./index.commands.js";
import { parseVersionForm, versionFormValues } from "./index-form.js";
import { DEFAULT_VERSION, getIndexVersion, listIndexVersions, loadIndex, scoreCommunes } from "./index.queries.js";
import { indicatorCatalogue, loadCommuneValues } from "./indicators.queries.js";
import { authorize, mayManage } from "./observatory.guards.js";
import { CataloguePage } from "./views/catalogue-page.js";
import { IndexComparePage, IndexPage, IndexVersionFormPage } from "./views/index-pages.js";

/** A version chosen in the comparison form: "defaut" or an id. */
function versionChoice(value: unknown): number | "defaut" | undefined {
  const v = text(value);
  return v === "defaut" ? "defaut" : optionalId(v);
}

/** Registers the index and catalogue pages. */
export function registerIndexRoutes(app: FastifyInstance, _deps: AppDeps): void {
  app.get("/t/:code/observatoire/indicateurs", async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const { rows, values } = await request.tenant(async (tx) => ({
      rows: await indicatorCatalogue(tx, { territoryId: territory.id, territoryCode: territory.code }),
      values: await loadCommuneValues(tx, { territoryId: territory.id, territoryCode: territory.code }),
    }));
    const connectivity = { ftth: values.filter((v) => v.ftth).length, thd30: values.filter((v) => v.thd30).length };
    return reply.page(<CataloguePage ctx={reply.viewContext()} rows={rows} communes={values.length} connectivity={connectivity} canManage={mayManage(request)} />);
  });

  app.get("/t/:code/observatoire/indice", async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const data = await request.tenant(async (tx) => ({
      index: (await loadIndex(tx, { territoryId: territory.id, territoryCode: territory.code, versionId: null }))!,
      versions: await listIndexVersions(tx, { territoryId: territory.id }),
    }));
    const notice = text((request.query as Record<string, unknown>).fait) || undefined;
    return reply.page(<IndexPage ctx={reply.viewContext()} version={data.index.version} communes={data.index.communes} versions={data.versions} canManage={mayManage(request)} notice={notice} />);
  });

  app.get("/t/:code/observatoire/indice/nouvelle-version", async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const current = (await request.tenant((tx) => getIndexVersion(tx, { territoryId: territory.id, versionId: null })))!;
    return reply.page(<IndexVersionFormPage ctx={reply.viewContext()} values={versionFormValues(current.weights)} />);
  });

  app.post("/t/:code/observatoire/indice/nouvelle-version", async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const form = parseVersionForm((request.body ?? {}) as Record<string, unknown>);
    if (!form.ok) return reply.page(<IndexVersionFormPage ctx={reply.viewContext()} values={form.values} errors={form.errors} />, 400);
    const id = await request.tenant((tx) => saveIndexVersion(tx, { territoryId: territory.id, name: form.name, weights: form.weights, note: form.note, actor: actorForAudit(request) }));
    if (id === undefined) {
      const values = versionFormValues(form.weights, form.name, form.note);
      return reply.page(<IndexVersionFormPage ctx={reply.viewContext()} values={values} errors={{ nom: "Une version porte déjà ce nom : choisissez-en un autre" }} />, 400);
    }
    return reply.redirect(`/t/${territory.code}/observatoire/indice?fait=version`, 303);
  });

  app.post("/t/:code/observatoire/indice/courante", async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const versionId = optionalId(text(((request.body ?? {}) as Record<string, unknown>).version));
    if (!versionId) throw new NotFoundError();
    const done = await request.tenant((tx) => setCurrentIndexVersion(tx, { territoryId: territory.id, versionId, actor: actorForAudit(request) }));
    if (!done) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/observatoire/indice?fait=courante`, 303);
  });

  app.get("/t/:code/observatoire/indice/comparer", async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const query = request.query as Record<string, unknown>;
    const data = await request.tenant(async (tx) => {
      const versions = await listIndexVersions(tx, { territoryId: territory.id });
      const pick = async (choice: number | "defaut" | undefined, fallback: typeof DEFAULT_VERSION | undefined) =>
        choice === "defaut" ? DEFAULT_VERSION : choice === undefined ? fallback : await getIndexVersion(tx, { territoryId: territory.id, versionId: choice });
      const a = await pick(versionChoice(query.a), versions.find((v) => !v.isCurrent) ?? DEFAULT_VERSION);
      const b = await pick(versionChoice(query.b), versions.find((v) => v.isCurrent) ?? DEFAULT_VERSION);
      if (!a || !b) return undefined;
      const values = await loadCommuneValues(tx, { territoryId: territory.id, territoryCode: territory.code });
      return { versions, a, b, values };
    });
    if (!data) throw new NotFoundError();
    const scoresA = scoreCommunes(data.values, data.a);
    const scoresB = scoreCommunes(data.values, data.b);
    const changes = compareVersions(scoresA.map((s) => s.score), scoresB.map((s) => s.score));
    const names = new Map(data.values.map((v) => [v.commune.insee, v.commune.name]));
    return reply.page(<IndexComparePage ctx={reply.viewContext()} versions={data.versions} a={data.a} b={data.b} changes={changes} names={names} />);
  });
}
