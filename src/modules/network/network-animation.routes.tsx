// The facilitators' running of the network besides motions: member territories, working groups and the people who
// animate them, the themes of the sheets, consultations from an outside body (/reseau/animation/…).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppDeps } from "../../app-deps.js";
import type { Tx } from "../../db/client.js";
import { list, text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { findTerritory } from "../territories/territories.queries.js";
import { createConsultation, getConsultation, publishConsultation, synthesisCsv, synthesisDocx } from "./consultations.js";
import { createGroup, groupNameTaken, listGroups, saveTheme, updateGroup, usersByEmail } from "./groups-themes.js";
import { facilitating, facilitationPage, isoDate } from "./network-animation.shared.js";
import { routeId } from "../../plugins/route-id.js";
import { sendAttachment } from "./network-http.js";
import { joinNetwork } from "./network.commands.js";
import { listMembers } from "./network.queries.js";
import { FacilitatorConsultationPage } from "./views/consultation-pages.js";
import { GroupPage } from "./views/network-pages.js";

/** Registers the facilitators' pages for members, groups, themes and consultations. */
export function registerNetworkAnimationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const asFacilitator = <T,>(request: FastifyRequest, work: (tx: Tx) => Promise<T>) => facilitating(db, request, work);
  const form = (request: FastifyRequest, names: string[]) => Object.fromEntries(names.map((k) => [k, text((request.body as Record<string, unknown>)[k])]));
  app.post("/reseau/animation/membres", async (request, reply) => {
    const values = form(request, ["membre_code"]);
    const territory = values.membre_code ? await findTerritory(db, { code: values.membre_code }) : undefined;
    if (!territory) return facilitationPage(db, request, reply, { errors: { membre_code: "Aucun territoire de l'instance ne porte ce code : l'opérateur le crée d'abord depuis la géographie officielle" }, values, status: 400 });
    await asFacilitator(request, (tx) => joinNetwork(tx, { territory, actor: actorForAudit(request) }));
    return reply.redirect("/reseau/animation?fait=membre", 303);
  });
  app.post("/reseau/animation/groupes", async (request, reply) => {
    const values = form(request, ["groupe_nom", "groupe_description"]);
    const territoryIds = list((request.body as Record<string, unknown>).groupe_membres).filter((v) => /^\d{1,9}$/.test(v)).map(Number);
    const errors: Record<string, string> = {};
    if (!values.groupe_nom || values.groupe_nom.length > 120) errors.groupe_nom = "Saisissez le nom du groupe (120 caractères au plus)";
    else if (await asFacilitator(request, (tx) => groupNameTaken(tx, values.groupe_nom!))) errors.groupe_nom = "Un groupe porte déjà ce nom";
    if (Object.keys(errors).length > 0) return facilitationPage(db, request, reply, { errors, values, status: 400 });
    await asFacilitator(request, async (tx) => {
      const members = new Set((await listMembers(tx)).map((m) => m.territoryId));
      await createGroup(tx, { name: values.groupe_nom!, description: values.groupe_description!.slice(0, 1_000), territoryIds: territoryIds.filter((id) => members.has(id)), actor: actorForAudit(request) });
    });
    return reply.redirect("/reseau/animation?fait=groupe", 303);
  });
  const groupOf = async (request: FastifyRequest) => {
    const groupId = routeId(request, "groupId");
    const [group, members] = await asFacilitator(request, async (tx) => [(await listGroups(tx, { groupId }))[0], await listMembers(tx)] as const);
    if (!group) throw new NotFoundError();
    return { group, members };
  };
  app.get("/reseau/animation/groupes/:groupId", async (request, reply) => {
    const { group, members } = await groupOf(request);
    return reply.page(<GroupPage ctx={reply.viewContext()} group={group} members={members} errors={{}} />);
  });
  app.post("/reseau/animation/groupes/:groupId", async (request, reply) => {
    const { group, members } = await groupOf(request);
    const body = request.body as Record<string, unknown>;
    const values = { name: text(body.groupe_nom), description: text(body.groupe_description), territoryIds: list(body.groupe_membres), facilitators: text(body.groupe_animation) };
    const emails = [...new Set(values.facilitators.split(/[\s,;]+/).filter(Boolean))];
    const errors: Record<string, string> = {};
    if (!values.name || values.name.length > 120) errors.groupe_nom = "Saisissez le nom du groupe (120 caractères au plus)";
    else if (await asFacilitator(request, (tx) => groupNameTaken(tx, values.name, group.id))) errors.groupe_nom = "Un autre groupe porte déjà ce nom";
    const known = await asFacilitator(request, (tx) => usersByEmail(tx, emails.slice(0, 50)));
    const unknown = emails.filter((e) => !known.has(e.toLowerCase()));
    if (emails.length > 50) errors.groupe_animation = "Indiquez 50 personnes au plus";
    else if (unknown.length > 0) errors.groupe_animation = `Aucun compte sur Maillage pour ${unknown.join(", ")} : invitez d'abord la personne dans son territoire, ou corrigez l'adresse`;
    if (Object.keys(errors).length > 0) return reply.page(<GroupPage ctx={reply.viewContext()} group={group} members={members} errors={errors} values={values} />, 400);
    const memberIds = new Set(members.map((m) => m.territoryId));
    await asFacilitator(request, (tx) =>
      updateGroup(tx, {
        groupId: group.id,
        name: values.name,
        description: values.description.slice(0, 1_000),
        territoryIds: values.territoryIds.filter((v) => /^\d{1,9}$/.test(v)).map(Number).filter((id) => memberIds.has(id)),
        facilitatorIds: emails.map((e) => known.get(e.toLowerCase())!),
        actor: actorForAudit(request),
      }),
    );
    return reply.redirect("/reseau/animation?fait=groupe_modifie", 303);
  });
  app.post("/reseau/animation/themes", async (request, reply) => {
    const values = form(request, ["theme_code", "theme_libelle"]);
    const errors: Record<string, string> = {};
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.theme_code!) || values.theme_code!.length > 40) errors.theme_code = "Le code s'écrit en lettres minuscules sans accent, chiffres et tirets, par exemple inclusion-numerique";
    if (!values.theme_libelle || values.theme_libelle.length > 80) errors.theme_libelle = "Saisissez le libellé du thème (80 caractères au plus)";
    if (Object.keys(errors).length > 0) return facilitationPage(db, request, reply, { errors, values, status: 400 });
    await asFacilitator(request, (tx) => saveTheme(tx, { code: values.theme_code!, label: values.theme_libelle!, actor: actorForAudit(request) }));
    return reply.redirect("/reseau/animation?fait=theme", 303);
  });

  // Consultations.
  app.post("/reseau/animation/consultations", async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = Object.fromEntries(["consultation_titre", "consultation_auteur", "consultation_texte", "consultation_questions", "consultation_cloture"].map((k) => [k, text(body[k])]));
    const questions = values.consultation_questions!.split(/\r?\n/).map((q) => q.trim()).filter(Boolean);
    const errors: Record<string, string> = {};
    if (!values.consultation_titre || values.consultation_titre.length > 200) errors.consultation_titre = "Saisissez le titre de la consultation (200 caractères au plus)";
    if (!values.consultation_auteur || values.consultation_auteur.length > 200) errors.consultation_auteur = "Saisissez qui consulte (200 caractères au plus)";
    if (questions.length === 0) errors.consultation_questions = "Saisissez au moins une question, une par ligne";
    else if (questions.length > 50 || questions.some((q) => q.length > 1_000)) errors.consultation_questions = "50 questions au plus, de 1 000 caractères au plus";
    if (!isoDate(values.consultation_cloture!)) errors.consultation_cloture = "Saisissez le dernier jour pour répondre, par exemple 2027-06-30";
    if (Object.keys(errors).length > 0) return facilitationPage(db, request, reply, { errors, values, status: 400 });
    const id = await asFacilitator(request, (tx) => createConsultation(tx, { title: values.consultation_titre!, body: values.consultation_texte!.slice(0, 5_000), askedBy: values.consultation_auteur!, closesOn: values.consultation_cloture!, questions, actor: actorForAudit(request) }));
    return reply.redirect(`/reseau/animation/consultations/${id}`, 303);
  });
  const consultationOf = async (request: FastifyRequest) => {
    const id = routeId(request, "id");
    const found = await asFacilitator(request, async (tx) => {
      const data = await getConsultation(tx, { id });
      return data ? { ...data, members: (await listMembers(tx)).length } : undefined;
    });
    if (!found) throw new NotFoundError();
    return found;
  };
  app.get("/reseau/animation/consultations/:id", async (request, reply) => {
    const data = await consultationOf(request);
    const notice = text((request.query as { fait?: string }).fait) === "publiee" ? "La consultation est publiée : les territoires membres peuvent répondre." : undefined;
    return reply.page(<FacilitatorConsultationPage ctx={reply.viewContext()} {...data} {...(notice ? { notice } : {})} />);
  });
  app.post("/reseau/animation/consultations/:id/publier", async (request, reply) => {
    const data = await consultationOf(request);
    await asFacilitator(request, (tx) => publishConsultation(tx, { id: data.consultation.id, actor: actorForAudit(request) }));
    return reply.redirect(`/reseau/animation/consultations/${data.consultation.id}?fait=publiee`, 303);
  });
  app.get("/reseau/animation/consultations/:id/synthese.csv", async (request, reply) => {
    const data = await consultationOf(request);
    return sendAttachment(reply, { content: Buffer.from(synthesisCsv(data)), mediaType: "text/csv; charset=utf-8", filename: `consultation-${data.consultation.id}.csv` });
  });
  app.get("/reseau/animation/consultations/:id/synthese.docx", async (request, reply) => {
    const data = await consultationOf(request);
    return sendAttachment(reply, { content: await synthesisDocx(data), mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", filename: `consultation-${data.consultation.id}.docx` });
  });
}
