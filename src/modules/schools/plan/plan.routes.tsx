// Multi-year plan routes: settings (prices, co-funding), scenarios (create, edit, copy, delete), the plan
// page, the comparison of two scenarios and the XLSX export for a budget vote.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../app-deps.js";
import type { Tx } from "../../../db/client.js";
import { parisDateOf } from "../../../lib/paris-time.js";
import { ForbiddenError, NotFoundError } from "../../../plugins/tenant.js";
import { addNavEntry } from "../../../ui/navigation.js";
import { actorForAudit } from "../../audit/audit.routes.js";
import { comparePlans } from "../domain/plan.js";
import { doneCode, formBody, idParam } from "./route-helpers.js";
import { buildScenarioPlan } from "./plan-build.js";
import { planWorkbook, XLSX_TYPE } from "./plan-export.js";
import { emptyRule, parsePrices, parseRules, parseScenario, priceValuesOf, readPriceValues, readRuleValues, readScenarioValues, ruleValuesOf, type PriceValues, type RuleValues } from "./plan-form.js";
import { planReport } from "./plan-report.js";
import { copyScenario, createScenario, deleteScenario, saveCofundingRules, saveUnitPrices, updateScenario } from "./plan.commands.js";
import { canPlan, type PlanAction } from "./plan.policy.js";
import { getCatalogue, getScenario, listScenarios, loadPlanInputs, type ScenarioRow } from "./plan.queries.js";
import { ComparePage } from "./views/compare-page.js";
import { PlanSettingsPage } from "./views/plan-settings-page.js";
import { PlanPage } from "./views/plan-page.js";
import { ScenarioFormPage } from "./views/scenario-form-page.js";
import { ScenariosPage } from "./views/scenarios-page.js";

/** The territory once the person may do `action` (readers without the right get a 404, writers a 403). */
function authorize(request: FastifyRequest, action: PlanAction) {
  const territory = request.territory!;
  if (!canPlan(request.actor, action, territory.id)) throw action === "plan.view" ? new NotFoundError() : new ForbiddenError();
  return territory;
}

/** Builds a scenario's plan on the territory's current inventory, arranged for the page and the export. */
async function scenarioReport(tx: Tx, territoryId: number, scenario: ScenarioRow) {
  const inputs = await loadPlanInputs(tx, { territoryId });
  const plan = buildScenarioPlan(inputs.schools, {
    startYear: scenario.startYear,
    years: scenario.years,
    gapSchedule: scenario.gapSchedule,
    prices: scenario.unitPrices,
    cofunding: scenario.cofunding,
    socle: inputs.socle,
    lifetimes: inputs.lifetimes,
  });
  return planReport(plan, inputs.names);
}

async function loadScenario(request: FastifyRequest, territoryId: number): Promise<ScenarioRow> {
  const scenarioId = idParam(request, "scenarioId");
  const scenario = await request.tenant((tx) => getScenario(tx, { territoryId, scenarioId }));
  if (!scenario) throw new NotFoundError();
  return scenario;
}

/** Rules as typed, plus an empty row when the person asked to add a programme. */
function rulesWithAdded(body: Record<string, unknown>): { rules: RuleValues[]; adding: boolean } {
  const rules = readRuleValues(body);
  const adding = body.action === "ajouter";
  return { rules: adding ? [...rules, emptyRule()] : rules, adding };
}

/** Registers the plan routes and the "Plan pluriannuel" menu entry. */
export function registerPlanRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/plan", text: "Plan pluriannuel", order: 41, visible: (a, t) => canPlan(a, "plan.view", t) });

  app.get("/t/:code/plan", async (request, reply) => {
    const territory = authorize(request, "plan.view");
    const scenarios = await request.tenant((tx) => listScenarios(tx, { territoryId: territory.id }));
    const canManage = canPlan(request.actor, "plan.manage", territory.id);
    return reply.page(<ScenariosPage ctx={reply.viewContext()} scenarios={scenarios} canManage={canManage} notice={doneCode(request)} />);
  });

  app.get("/t/:code/plan/reglages", async (request, reply) => {
    const territory = authorize(request, "plan.manage");
    const catalogue = await request.tenant((tx) => getCatalogue(tx, { territoryId: territory.id }));
    return reply.page(<PlanSettingsPage ctx={reply.viewContext()} prices={priceValuesOf(catalogue.unitPrices)} rules={ruleValuesOf(catalogue.cofunding)} notice={doneCode(request)} />);
  });

  app.post("/t/:code/plan/reglages/prix", async (request, reply) => {
    const territory = authorize(request, "plan.manage");
    const values = readPriceValues(formBody(request));
    const parsed = parsePrices(values);
    if (!parsed.ok) {
      const catalogue = await request.tenant((tx) => getCatalogue(tx, { territoryId: territory.id }));
      return reply.page(<PlanSettingsPage ctx={reply.viewContext()} prices={values} rules={ruleValuesOf(catalogue.cofunding)} errors={parsed.errors} />, 400);
    }
    await request.tenant((tx) => saveUnitPrices(tx, { territoryId: territory.id, prices: parsed.data, actor: actorForAudit(request) }));
    return reply.redirect(`/t/${territory.code}/plan/reglages?fait=prix`, 303);
  });

  app.post("/t/:code/plan/reglages/cofinancements", async (request, reply) => {
    const territory = authorize(request, "plan.manage");
    const { rules, adding } = rulesWithAdded(formBody(request));
    const parsed = parseRules(rules);
    if (adding || !parsed.ok) {
      const catalogue = await request.tenant((tx) => getCatalogue(tx, { territoryId: territory.id }));
      const errors = parsed.ok || adding ? {} : parsed.errors;
      return reply.page(<PlanSettingsPage ctx={reply.viewContext()} prices={priceValuesOf(catalogue.unitPrices)} rules={rules} errors={errors} />, adding ? 200 : 400);
    }
    await request.tenant((tx) => saveCofundingRules(tx, { territoryId: territory.id, rules: parsed.data, actor: actorForAudit(request) }));
    return reply.redirect(`/t/${territory.code}/plan/reglages?fait=cofinancements`, 303);
  });

  app.get("/t/:code/plan/nouveau", async (request, reply) => {
    authorize(request, "plan.manage");
    const nextYear = String(Number(parisDateOf(deps.clock().getTime()).slice(0, 4)) + 1);
    return reply.page(<ScenarioFormPage ctx={reply.viewContext()} values={{ name: "", startYear: nextYear, years: "3", gapSchedule: "first_year" }} />);
  });

  app.post("/t/:code/plan", async (request, reply) => {
    const territory = authorize(request, "plan.manage");
    const values = readScenarioValues(formBody(request));
    const parsed = parseScenario(values);
    if (!parsed.ok) return reply.page(<ScenarioFormPage ctx={reply.viewContext()} values={values} errors={parsed.errors} />, 400);
    const id = await request.tenant((tx) => createScenario(tx, { territoryId: territory.id, input: parsed.data, actor: actorForAudit(request) }));
    return reply.redirect(`/t/${territory.code}/plan/${id}?fait=creation`, 303);
  });

  app.get("/t/:code/plan/comparaison", async (request, reply) => {
    const territory = authorize(request, "plan.view");
    const [idA, idB] = [idParam(request, "a", "query"), idParam(request, "b", "query")];
    const [a, b] = await request.tenant(async (tx) => {
      // One after the other: a transaction's statements share one connection.
      const found = [await getScenario(tx, { territoryId: territory.id, scenarioId: idA }), await getScenario(tx, { territoryId: territory.id, scenarioId: idB })];
      if (!found[0] || !found[1]) throw new NotFoundError();
      const reports = [];
      for (const scenario of found) reports.push({ scenario: scenario!, report: await scenarioReport(tx, territory.id, scenario!) });
      return reports;
    });
    const rows = comparePlans(a!.report.plan, b!.report.plan);
    const side = (s: typeof a) => ({ scenario: s!.scenario, total: s!.report.plan.total });
    return reply.page(<ComparePage ctx={reply.viewContext()} a={side(a)} b={side(b)} rows={rows} />);
  });

  app.get("/t/:code/plan/:scenarioId", async (request, reply) => {
    const territory = authorize(request, "plan.view");
    const scenario = await loadScenario(request, territory.id);
    const report = await request.tenant((tx) => scenarioReport(tx, territory.id, scenario));
    const canManage = canPlan(request.actor, "plan.manage", territory.id);
    return reply.page(<PlanPage ctx={reply.viewContext()} scenario={scenario} report={report} canManage={canManage} notice={doneCode(request)} />);
  });

  app.get("/t/:code/plan/:scenarioId/plan.xlsx", async (request, reply) => {
    const territory = authorize(request, "plan.view");
    const scenario = await loadScenario(request, territory.id);
    const report = await request.tenant((tx) => scenarioReport(tx, territory.id, scenario));
    const bytes = await planWorkbook(report, scenario, territory.name);
    const filename = `plan-${scenario.startYear}-${scenario.startYear + scenario.years - 1}-scenario-${scenario.id}.xlsx`;
    return reply.type(XLSX_TYPE).header("content-disposition", `attachment; filename="${filename}"`).send(bytes);
  });

  const showEdit = (reply: FastifyReply, scenario: ScenarioRow, extra: { prices?: PriceValues; rules?: RuleValues[]; values?: ReturnType<typeof readScenarioValues>; errors?: Record<string, string> } = {}) =>
    reply.page(
      <ScenarioFormPage
        ctx={reply.viewContext()}
        values={extra.values ?? { name: scenario.name, startYear: String(scenario.startYear), years: String(scenario.years), gapSchedule: scenario.gapSchedule }}
        errors={extra.errors ?? {}}
        edit={{ scenarioId: scenario.id, prices: extra.prices ?? priceValuesOf(scenario.unitPrices), rules: extra.rules ?? ruleValuesOf(scenario.cofunding, { examples: false }) }}
      />,
      extra.errors && Object.keys(extra.errors).length > 0 ? 400 : 200,
    );

  app.get("/t/:code/plan/:scenarioId/modifier", async (request, reply) => {
    const territory = authorize(request, "plan.manage");
    return showEdit(reply, await loadScenario(request, territory.id));
  });

  app.post("/t/:code/plan/:scenarioId", async (request, reply) => {
    const territory = authorize(request, "plan.manage");
    const scenario = await loadScenario(request, territory.id);
    const body = formBody(request);
    const values = readScenarioValues(body);
    const prices = readPriceValues(body);
    const { rules, adding } = rulesWithAdded(body);
    const [form, priceForm, ruleForm] = [parseScenario(values), parsePrices(prices), parseRules(rules)];
    if (adding) return showEdit(reply, scenario, { values, prices, rules });
    if (!form.ok || !priceForm.ok || !ruleForm.ok) {
      const errors = { ...(form.ok ? {} : form.errors), ...(priceForm.ok ? {} : priceForm.errors), ...(ruleForm.ok ? {} : ruleForm.errors) };
      return showEdit(reply, scenario, { values, prices, rules, errors });
    }
    const props = { territoryId: territory.id, scenarioId: scenario.id, input: form.data, unitPrices: priceForm.data, cofunding: ruleForm.data, actor: actorForAudit(request) };
    if (!(await request.tenant((tx) => updateScenario(tx, props)))) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/plan/${scenario.id}?fait=modification`, 303);
  });

  app.post("/t/:code/plan/:scenarioId/copie", async (request, reply) => {
    const territory = authorize(request, "plan.manage");
    const scenarioId = idParam(request, "scenarioId");
    const id = await request.tenant((tx) => copyScenario(tx, { territoryId: territory.id, scenarioId, actor: actorForAudit(request) }));
    if (id === undefined) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/plan/${id}?fait=copie`, 303);
  });

  app.post("/t/:code/plan/:scenarioId/suppression", async (request, reply) => {
    const territory = authorize(request, "plan.manage");
    const scenarioId = idParam(request, "scenarioId");
    const deleted = await request.tenant((tx) => deleteScenario(tx, { territoryId: territory.id, scenarioId, actor: actorForAudit(request) }));
    if (!deleted) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/plan?fait=suppression`, 303);
  });
}
