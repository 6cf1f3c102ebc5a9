// A member territory's motions, consultations, similar territories and delegates (/t/<code>/reseau/…), in the
// territory's context (row-level security checks the territory again).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sql } from "drizzle-orm";
import type { AppDeps } from "../../app-deps.js";
import { queryRows, type Tx } from "../../db/client.js";
import { amendmentKinds, type AmendmentKind, type VoteChoice } from "../../db/schema/index.js";
import { list, text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import type { FieldErrors } from "../../ui/form.js";
import { listMembers as listTerritoryMembers } from "../accounts/members.queries.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { answerQuestion, ConsultationClosedError, getConsultation } from "./consultations.js";
import { TerritoryConsultationPage } from "./views/consultation-pages.js";
import { SimilarMembersPage } from "./views/similar-page.js";
import { similarMembers } from "./similar.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { addContribution, castVote, changeOwnAmendment, MotionRuleError, submitAmendment } from "./motions.commands.js";
import { getMotion } from "./motions.queries.js";
import { setDelegate } from "./network.commands.js";
import { isContributor, namesDelegates } from "./network.policy.js";
import { motionText } from "./network.queries.js";
import { routeId } from "../../plugins/route-id.js";

import { getSheet, listThemes, searchSheets } from "./sheets.queries.js";
import { DelegatesPage } from "./views/delegates-page.js";
import { TerritoryMotionPage } from "./views/motion-pages.js";
import { inNetwork, isDelegate, requireContributor } from "./network-territory.shared.js";

export function registerTerritoryMotionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const code = (request: FastifyRequest) => request.territory!.code;
  // Motions.
  const motionPage = async (request: FastifyRequest, reply: FastifyReply, extra: { notice?: string; errors?: FieldErrors; values?: Record<string, string>; status?: number } = {}) => {
    const territory = request.territory!;
    const motionId = routeId(request, "id");
    const view = await inNetwork(request, reply, async (tx) => {
      const motion = await getMotion(tx, { id: motionId });
      if (!motion) return undefined;
      return { motion, text: await motionText(tx, motion), themes: await listThemes(tx), delegate: request.actor ? await isDelegate(tx, territory.id, request.actor.userId) : false };
    });
    if (reply.sent) return reply;
    if (!view) throw new NotFoundError();
    const notices: Record<string, string> = { contribution: "Votre contribution est enregistrée.", amendement: "L'amendement est enregistré.", vote: "Le vote de votre territoire est enregistré ; il peut changer jusqu'à la clôture." };
    const notice = extra.notice ?? notices[text((request.query as { fait?: string }).fait)];
    return reply.page(
      <TerritoryMotionPage
        ctx={reply.viewContext()}
        motion={view.motion}
        text={view.text}
        territoryId={territory.id}
        canContribute={isContributor(request.actor, territory.id)}
        isDelegate={view.delegate}
        themes={view.themes}
        {...(notice ? { notice } : {})}
        {...(extra.errors ? { errors: extra.errors } : {})}
        {...(extra.values ? { values: extra.values } : {})}
      />,
      extra.status ?? 200,
    );
  };
  app.get("/t/:code/reseau/motions/:id", (request, reply) => motionPage(request, reply));

  /** A territory's step on a motion; a refused rule or a wrong field comes back on the page, what was typed kept. */
  const territoryStep = (path: string, step: (request: FastifyRequest, tx: Tx, motionId: number) => Promise<string | { errors: FieldErrors; values: Record<string, string> }>) =>
    app.post(`/t/:code/reseau/motions/:id${path}`, async (request, reply) => {
      const motionId = routeId(request, "id");
      try {
        const outcome = await inNetwork(request, reply, async (tx) => {
          if (!(await getMotion(tx, { id: motionId }))) throw new NotFoundError();
          return step(request, tx, motionId);
        });
        if (reply.sent) return reply;
        if (typeof outcome === "object") return motionPage(request, reply, { ...outcome, status: 400 });
        return reply.redirect(`/t/${code(request)}/reseau/motions/${motionId}?fait=${outcome}`, 303);
      } catch (error) {
        if (error instanceof MotionRuleError) return motionPage(request, reply, { errors: { formulaire: error.message }, status: 400 });
        throw error;
      }
    });

  territoryStep("/contributions", async (request, tx, motionId) => {
    requireContributor(request);
    const body = request.body as Record<string, unknown>;
    const values = { theme: text(body.theme), texte: text(body.texte) };
    const errors: FieldErrors = {};
    if (!values.theme || values.theme.length > 100) errors.theme = "Choisissez le thème de la contribution";
    if (!values.texte) errors.texte = "Saisissez votre contribution";
    else if (values.texte.length > 5_000) errors.texte = "5 000 caractères au maximum";
    if (Object.keys(errors).length > 0) return { errors, values };
    await addContribution(tx, { motionId, territoryId: request.territory!.id, theme: values.theme, body: values.texte, actor: actorForAudit(request) });
    return "contribution";
  });

  territoryStep("/amendements", async (request, tx, motionId) => {
    requireContributor(request);
    const body = request.body as Record<string, unknown>;
    const section = text(body.section);
    if (!/^\d{1,9}$/.test(section)) throw new MotionRuleError("Choisissez la proposition à amender.");
    const kind = text(body[`nature-${section}`]) || "remplacer";
    const values = { section, nature: kind, texte: text(body[`texte-${section}`]), justification: text(body[`justification-${section}`]) };
    const errors: FieldErrors = {};
    if (!(amendmentKinds as readonly string[]).includes(kind)) errors.nature = "Choisissez la nature de l'amendement";
    if (kind !== "supprimer" && !values.texte) errors.texte = "Saisissez le texte proposé";
    if (values.texte.length > 10_000) errors.texte = "10 000 caractères au maximum";
    if (!values.justification) errors.justification = "Saisissez la justification de l'amendement";
    if (values.justification.length > 5_000) errors.justification = "5 000 caractères au maximum";
    if (Object.keys(errors).length > 0) return { errors, values };
    await submitAmendment(tx, { motionId, sectionId: Number(section), territoryId: request.territory!.id, kind: kind as AmendmentKind, proposed: values.texte, justification: values.justification, submit: text(body.deposer) !== "non", actor: actorForAudit(request) });
    return "amendement";
  });

  for (const [path, to] of [["deposer", "depose"], ["retirer", "retire"]] as const) {
    territoryStep(`/amendements/:amendmentId/${path}`, async (request, tx) => {
      requireContributor(request);
      const amendmentId = routeId(request, "amendmentId");
      if (!(await changeOwnAmendment(tx, { amendmentId, territoryId: request.territory!.id, to, actor: actorForAudit(request) }))) throw new NotFoundError();
      return "amendement";
    });
  }

  territoryStep("/votes", async (request, tx, motionId) => {
    const territory = request.territory!;
    if (!request.actor || !(await isDelegate(tx, territory.id, request.actor.userId))) throw new ForbiddenError();
    const body = request.body as Record<string, unknown>;
    const section = text(body.section);
    const sectionId = section === "texte" ? null : /^\d{1,9}$/.test(section) ? Number(section) : undefined;
    if (sectionId === undefined) throw new MotionRuleError("Choisissez ce sur quoi votre territoire vote.");
    const choice = text(body[`choix-${section}`]);
    if (choice !== "pour" && choice !== "contre" && choice !== "abstention") throw new MotionRuleError("Choisissez pour, contre ou abstention.");
    await castVote(tx, { motionId, sectionId, territoryId: territory.id, choice: choice as VoteChoice, actor: { ...actorForAudit(request), userId: request.actor.userId } });
    return "vote";
  });

  // Similar territories: to mine, or to a sheet's author (?fiche=<id>).
  app.get("/t/:code/reseau/semblables", async (request, reply) => {
    const territory = request.territory!;
    const sheetParam = text((request.query as { fiche?: string }).fiche);
    const view = await inNetwork(request, reply, async (tx) => {
      let of = { id: territory.id, name: territory.name };
      if (/^\d{1,9}$/.test(sheetParam)) {
        const sheet = await getSheet(tx, { id: Number(sheetParam), withContact: false });
        if (!sheet) return undefined;
        of = { id: sheet.territoryId, name: sheet.territoryName };
      }
      const found = await similarMembers(tx, { territoryId: of.id });
      const sheets = new Map<number, Awaited<ReturnType<typeof searchSheets>>["items"]>();
      for (const s of found.similar) sheets.set(s.territoryId, (await searchSheets(tx, { territoryId: s.territoryId }, { limit: 5, offset: 0 })).items);
      return { of: of.name, ...found, sheets };
    });
    if (reply.sent) return reply;
    if (!view) throw new NotFoundError();
    return reply.page(<SimilarMembersPage ctx={reply.viewContext()} {...view} />);
  });

  // Consultations.
  const consultationPage = async (request: FastifyRequest, reply: FastifyReply, extra: { error?: string } = {}) => {
    const territory = request.territory!;
    const id = routeId(request, "id");
    const data = await inNetwork(request, reply, (tx) => getConsultation(tx, { id }));
    if (reply.sent) return reply;
    if (!data) throw new NotFoundError();
    const today = parisDateOf(deps.clock().getTime());
    const notice = text((request.query as { fait?: string }).fait) === "reponse" ? "La réponse de votre territoire est enregistrée." : undefined;
    return reply.page(
      <TerritoryConsultationPage ctx={reply.viewContext()} {...data} territoryId={territory.id} open={today <= data.consultation.closesOn} canAnswer={isContributor(request.actor, territory.id)} {...(notice && !extra.error ? { notice } : {})} {...(extra.error ? { error: extra.error } : {})} />,
      extra.error ? 400 : 200,
    );
  };
  app.get("/t/:code/reseau/consultations/:id", (request, reply) => consultationPage(request, reply));
  app.post("/t/:code/reseau/consultations/:id/reponses", async (request, reply) => {
    requireContributor(request);
    const territory = request.territory!;
    const id = routeId(request, "id");
    const body = request.body as Record<string, unknown>;
    const question = text(body.question);
    if (!/^[1-9]\d{0,8}$/.test(question)) throw new NotFoundError();
    const answer = text(body[`reponse-${question}`]);
    if (answer.length > 10_000) return consultationPage(request, reply, { error: "La réponse fait plus de 10 000 caractères : raccourcissez-la." });
    try {
      await inNetwork(request, reply, (tx) => answerQuestion(tx, { consultationId: id, questionId: Number(question), territoryId: territory.id, body: answer, today: parisDateOf(deps.clock().getTime()), actor: actorForAudit(request) }));
    } catch (error) {
      if (error instanceof ConsultationClosedError) return consultationPage(request, reply, { error: error.message });
      throw error;
    }
    if (reply.sent) return reply;
    return reply.redirect(`/t/${territory.code}/reseau/consultations/${id}?fait=reponse#question-${question}`, 303);
  });

  // Delegates.
  app.get("/t/:code/reseau/delegues", async (request, reply) => {
    const territory = request.territory!;
    if (!namesDelegates(request.actor, territory.id)) throw new ForbiddenError();
    const view = await request.tenant(async (tx) => ({
      members: await listTerritoryMembers(tx, { territoryId: territory.id }),
      delegates: (await queryRows<{ userId: number }>(tx, sql`select user_id as "userId" from network_delegates where territory_id = ${territory.id}`)).map((r) => r.userId),
    }));
    return reply.page(<DelegatesPage ctx={reply.viewContext()} members={view.members} delegates={view.delegates} saved={text((request.query as { fait?: string }).fait) === "delegues"} />);
  });
  app.post("/t/:code/reseau/delegues", async (request, reply) => {
    const territory = request.territory!;
    if (!namesDelegates(request.actor, territory.id)) throw new ForbiddenError();
    const chosen = new Set(list((request.body as Record<string, unknown>).delegues).filter((v) => /^\d{1,9}$/.test(v)).map(Number));
    await request.tenant(async (tx) => {
      const members = await listTerritoryMembers(tx, { territoryId: territory.id });
      const current = new Set((await queryRows<{ userId: number }>(tx, sql`select user_id as "userId" from network_delegates where territory_id = ${territory.id}`)).map((r) => r.userId));
      for (const m of members) {
        const want = chosen.has(m.userId);
        if (want !== current.has(m.userId)) await setDelegate(tx, { territoryId: territory.id, userId: m.userId, delegate: want, actor: actorForAudit(request) });
      }
    });
    return reply.redirect(`/t/${territory.code}/reseau/delegues?fait=delegues`, 303);
  });
}
