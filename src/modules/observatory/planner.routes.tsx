// The allocation planner (/t/:code/observatoire/repartition): compute, save, edit, copy, compare, export.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import { text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { XLSX_TYPE } from "../schools/import-export/spreadsheet.js";
import { idParam, optionalId } from "../schools/schools.guards.js";
import { DEFAULT_PARAMS, equityFrontier, planAllocation, type PlannerParams, type PlannerUnit } from "./domain/planner.js";
import { plannerWorkbook } from "./import-export/planner-export.js";
import { authorize, mayManage } from "./observatory.guards.js";
import { parsePlannerForm, plannerFormValues } from "./planner-form.js";
import { copyScenario, saveScenario, updateScenario } from "./planner.commands.js";
import { getScenario, listScenarios, loadPlannerUnits } from "./planner.queries.js";
import { PlannerPage, ScenarioComparePage, ScenarioPage } from "./views/planner-pages.js";

function compute(units: PlannerUnit[], params: PlannerParams) {
  return { plan: planAllocation(units, params), frontier: equityFrontier(units, params) };
}

async function unitsOf(request: FastifyRequest, versionId: number | null = null): Promise<PlannerUnit[]> {
  const territory = request.territory!;
  return (await request.tenant((tx) => loadPlannerUnits(tx, { territoryId: territory.id, territoryCode: territory.code, versionId }))) ?? [];
}

/** Registers the planner pages. */
export function registerPlannerRoutes(app: FastifyInstance, _deps: AppDeps): void {
  const base = "/t/:code/observatoire/repartition";

  app.get(base, async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const scenarios = await request.tenant((tx) => listScenarios(tx, { territoryId: territory.id }));
    return reply.page(<PlannerPage ctx={reply.viewContext()} scenarios={scenarios} values={plannerFormValues(DEFAULT_PARAMS)} canManage={mayManage(request)} />);
  });

  app.post(base, async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const body = (request.body ?? {}) as Record<string, unknown>;
    const saving = text(body.action) === "enregistrer";
    const form = parsePlannerForm(body, { requireName: saving });
    const scenarios = await request.tenant((tx) => listScenarios(tx, { territoryId: territory.id }));
    if (!form.ok) return reply.page(<PlannerPage ctx={reply.viewContext()} scenarios={scenarios} values={form.values} errors={form.errors} canManage />, 400);
    if (saving) {
      const id = await request.tenant((tx) => saveScenario(tx, { territoryId: territory.id, name: form.name, params: form.params, actor: actorForAudit(request) }));
      if (id !== undefined) return reply.redirect(`/t/${territory.code}/observatoire/repartition/${id}?fait=enregistre`, 303);
      const values = plannerFormValues(form.params, form.name);
      return reply.page(<PlannerPage ctx={reply.viewContext()} scenarios={scenarios} values={values} errors={{ nom: "Un scénario porte déjà ce nom : choisissez-en un autre" }} canManage />, 400);
    }
    const { plan, frontier } = compute(await unitsOf(request), form.params);
    return reply.page(<PlannerPage ctx={reply.viewContext()} scenarios={scenarios} values={plannerFormValues(form.params, form.name)} plan={plan} frontier={frontier} canManage />);
  });

  app.get(`${base}/comparer`, async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const query = request.query as Record<string, unknown>;
    const scenarios = await request.tenant((tx) => listScenarios(tx, { territoryId: territory.id }));
    const pick = (value: unknown, fallback: number) => scenarios.find((s) => s.id === (optionalId(text(value)) ?? -1)) ?? scenarios[fallback];
    const a = pick(query.a, 0);
    const b = pick(query.b, 1);
    if (!a || !b) return reply.redirect(`/t/${territory.code}/observatoire/repartition`, 303);
    const units = await unitsOf(request);
    return reply.page(<ScenarioComparePage ctx={reply.viewContext()} scenarios={scenarios} a={a} b={b} planA={planAllocation(units, a.params)} planB={planAllocation(units, b.params)} />);
  });

  app.get(`${base}/:planId`, async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const scenarioId = idParam(request, "planId");
    const scenario = await request.tenant((tx) => getScenario(tx, { territoryId: territory.id, scenarioId }));
    if (!scenario) throw new NotFoundError();
    const { plan, frontier } = compute(await unitsOf(request, scenario.params.indexVersionId ?? null), scenario.params);
    const notice = text((request.query as Record<string, unknown>).fait) || undefined;
    return reply.page(<ScenarioPage ctx={reply.viewContext()} scenario={scenario} values={plannerFormValues(scenario.params, scenario.name)} plan={plan} frontier={frontier} canManage={mayManage(request)} notice={notice} />);
  });

  app.post(`${base}/:planId`, async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const scenarioId = idParam(request, "planId");
    const scenario = await request.tenant((tx) => getScenario(tx, { territoryId: territory.id, scenarioId }));
    if (!scenario) throw new NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parsePlannerForm(body, { requireName: true });
    const show = async (values: ReturnType<typeof plannerFormValues>, errors: Record<string, string>) => {
      const { plan, frontier } = compute(await unitsOf(request), scenario.params);
      return reply.page(<ScenarioPage ctx={reply.viewContext()} scenario={scenario} values={values} errors={errors} plan={plan} frontier={frontier} canManage />, 400);
    };
    if (!form.ok) return show(form.values, form.errors);
    const done = await request.tenant((tx) => updateScenario(tx, { territoryId: territory.id, scenarioId, name: form.name, params: form.params, actor: actorForAudit(request) }));
    if (done === "absent") throw new NotFoundError();
    if (done === "nom") return show(plannerFormValues(form.params, form.name), { nom: "Un scénario porte déjà ce nom : choisissez-en un autre" });
    return reply.redirect(`/t/${territory.code}/observatoire/repartition/${scenarioId}?fait=enregistre`, 303);
  });

  app.post(`${base}/:planId/copie`, async (request, reply) => {
    const territory = authorize(request, "observatory.manage");
    const scenarioId = idParam(request, "planId");
    const id = await request.tenant((tx) => copyScenario(tx, { territoryId: territory.id, scenarioId, actor: actorForAudit(request) }));
    if (id === undefined) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/observatoire/repartition/${id}?fait=copie`, 303);
  });

  app.get(`${base}/:planId/export.xlsx`, async (request, reply) => {
    const territory = authorize(request, "observatory.view");
    const scenarioId = idParam(request, "planId");
    const scenario = await request.tenant((tx) => getScenario(tx, { territoryId: territory.id, scenarioId }));
    if (!scenario) throw new NotFoundError();
    const plan = planAllocation(await unitsOf(request, scenario.params.indexVersionId ?? null), scenario.params);
    const bytes = await plannerWorkbook(scenario.name, scenario.params, plan);
    return reply.type(XLSX_TYPE).header("content-disposition", `attachment; filename="repartition-${scenarioId}.xlsx"`).send(bytes);
  });
}
