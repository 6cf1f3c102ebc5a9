// Training routes for the territory's members: sessions (list, create, edit, delete), attendance, and per
// school the registration link and the share of trained teachers. The teachers' pages are in
// registration.routes.tsx.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../../app-deps.js";
import { formatDay } from "../../../lib/format.js";
import { list } from "../../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../../plugins/tenant.js";
import { addNavEntry } from "../../../ui/navigation.js";
import { actorForAudit } from "../../audit/audit.routes.js";
import { doneCode, formBody, idParam } from "../plan/route-helpers.js";
import { registerRegistrationRoutes } from "./registration.routes.js";
import type { FieldErrors } from "../../../ui/form.js";
import { parseSession, readSessionValues, sessionValuesOf, type SessionValues } from "./training-form.js";
import { schoolRegistrationPath, schoolYearEnd } from "./training-links.js";
import { deleteSession, saveSession, setAttendance } from "./training.commands.js";
import { canTraining, trainingScope, type TrainingAction } from "./training.policy.js";
import { getSession, listRegistrations, listSessions, schoolTrainingShares } from "./training.queries.js";
import { SchoolsTrainingPage } from "./views/schools-training-page.js";
import { SessionFormPage } from "./views/session-form-page.js";
import { SessionPage } from "./views/session-page.js";
import { SessionsPage } from "./views/sessions-page.js";

/** The territory once the person may do `action` (readers without the right get a 404, writers a 403). */
function authorize(request: FastifyRequest, action: TrainingAction) {
  const territory = request.territory!;
  if (!canTraining(request.actor, action, territory.id)) throw action === "training.view" ? new NotFoundError() : new ForbiddenError();
  return territory;
}

/** Registers the training routes, the teachers' registration pages and the "Formations" menu entry. */
export function registerTrainingRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/formations", text: "Formations", order: 43, visible: (a, t) => canTraining(a, "training.view", t) });
  const organizerEmail = deps.config.mailFrom.replace(/^.*<|>.*$/g, "");
  registerRegistrationRoutes(app, deps);

  app.get("/t/:code/formations", async (request, reply) => {
    const territory = authorize(request, "training.view");
    const sessions = await request.tenant((tx) => listSessions(tx, { territoryId: territory.id }));
    const canManage = canTraining(request.actor, "training.manage", territory.id);
    return reply.page(<SessionsPage ctx={reply.viewContext()} sessions={sessions} now={deps.clock()} canManage={canManage} notice={doneCode(request)} />);
  });

  app.get("/t/:code/formations/ecoles", async (request, reply) => {
    const territory = authorize(request, "training.view");
    const scope = trainingScope(request.actor, territory.id);
    const shares = await request.tenant((tx) => schoolTrainingShares(tx, { territoryId: territory.id, scope }));
    const [secret, now] = [deps.linkSecret, deps.clock()];
    const rows = shares.map((s) => ({ ...s, link: `${deps.config.publicUrl}${schoolRegistrationPath({ secret, schoolId: s.schoolId, now })}` }));
    return reply.page(<SchoolsTrainingPage ctx={reply.viewContext()} rows={rows} linkValidUntil={formatDay(schoolYearEnd(now), true)} />);
  });

  app.get("/t/:code/formations/nouvelle", async (request, reply) => {
    authorize(request, "training.manage");
    const values = { title: "", categories: [], date: "", startTime: "09:00", endTime: "12:00", place: "", trainer: "", capacity: "20" };
    return reply.page(<SessionFormPage ctx={reply.viewContext()} values={values} />);
  });

  /** Validates and saves a session form; the page to redirect to, or the values and errors to show again. */
  const save = async (request: FastifyRequest, sessionId?: number): Promise<{ redirect: string } | { values: SessionValues; errors: FieldErrors }> => {
    const territory = authorize(request, "training.manage");
    const values = readSessionValues(formBody(request));
    const parsed = parseSession(values);
    if (!parsed.ok) return { values, errors: parsed.errors };
    const result = await request.tenant((tx) => saveSession(tx, { territoryId: territory.id, input: parsed.data, actor: actorForAudit(request), notify: { organizerEmail, now: deps.clock() }, ...(sessionId ? { sessionId } : {}) }));
    if (!result.ok && result.reason === "introuvable") throw new NotFoundError();
    if (!result.ok) return { values, errors: { capacity: `Le nombre de places ne peut pas être inférieur au nombre de personnes déjà inscrites (${result.reason === "capacite" ? result.registered : 0})` } };
    return { redirect: `/t/${territory.code}/formations/${result.sessionId}?fait=${sessionId ? "modification" : "creation"}` };
  };

  app.post("/t/:code/formations", async (request, reply) => {
    const outcome = await save(request);
    if ("redirect" in outcome) return reply.redirect(outcome.redirect, 303);
    return reply.page(<SessionFormPage ctx={reply.viewContext()} values={outcome.values} errors={outcome.errors} />, 400);
  });

  app.get("/t/:code/formations/:sessionId", async (request, reply) => {
    const territory = authorize(request, "training.view");
    const sessionId = idParam(request, "sessionId");
    const canManage = canTraining(request.actor, "training.manage", territory.id);
    const { session, registrations } = await request.tenant(async (tx) => ({
      session: await getSession(tx, { territoryId: territory.id, sessionId }),
      // Names of teachers of other schools are not the business of elected officials or referents.
      registrations: canManage ? await listRegistrations(tx, { territoryId: territory.id, sessionId }) : [],
    }));
    if (!session) throw new NotFoundError();
    return reply.page(<SessionPage ctx={reply.viewContext()} session={session} registrations={registrations} canManage={canManage} notice={doneCode(request)} />);
  });

  app.get("/t/:code/formations/:sessionId/modifier", async (request, reply) => {
    const territory = authorize(request, "training.manage");
    const sessionId = idParam(request, "sessionId");
    const session = await request.tenant((tx) => getSession(tx, { territoryId: territory.id, sessionId }));
    if (!session) throw new NotFoundError();
    return reply.page(<SessionFormPage ctx={reply.viewContext()} values={sessionValuesOf(session)} sessionId={sessionId} />);
  });

  app.post("/t/:code/formations/:sessionId", async (request, reply) => {
    const sessionId = idParam(request, "sessionId");
    const outcome = await save(request, sessionId);
    if ("redirect" in outcome) return reply.redirect(outcome.redirect, 303);
    return reply.page(<SessionFormPage ctx={reply.viewContext()} values={outcome.values} errors={outcome.errors} sessionId={sessionId} />, 400);
  });

  app.post("/t/:code/formations/:sessionId/presences", async (request, reply) => {
    const territory = authorize(request, "training.manage");
    const sessionId = idParam(request, "sessionId");
    const presentIds = list(formBody(request).present).filter((v) => /^[1-9]\d{0,8}$/.test(v)).map(Number);
    const done = await request.tenant((tx) => setAttendance(tx, { territoryId: territory.id, sessionId, presentIds, actor: actorForAudit(request) }));
    if (!done) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/formations/${sessionId}?fait=presences`, 303);
  });

  app.post("/t/:code/formations/:sessionId/suppression", async (request, reply) => {
    const territory = authorize(request, "training.manage");
    const sessionId = idParam(request, "sessionId");
    const deleted = await request.tenant((tx) => deleteSession(tx, { territoryId: territory.id, sessionId, now: deps.clock(), organizerEmail, actor: actorForAudit(request) }));
    if (!deleted) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/formations?fait=suppression`, 303);
  });
}
