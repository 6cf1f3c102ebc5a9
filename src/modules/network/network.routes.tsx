// The network's instance-level pages: public (/reseau, public sheets, follow-up, adopted versions, Atom feed,
// /api/v1/experiences), the facilitator's motions (/reseau/animation, …/motions; members, groups, themes and
// consultations are in network-animation.routes.tsx) and partners' (/reseau/partenaire).
import { Feed } from "feed";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppDeps } from "../../app-deps.js";
import { queryRows, type Tx } from "../../db/client.js";
import { followUpStatuses, motionPhases, type FollowUpStatus, type MotionPhase } from "../../db/schema/index.js";
import { withNetwork, withPublic, type NetworkActor } from "../../db/tenant.js";
import { parseForm, text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { versionDiff } from "./domain/motion-text.js";
import { attachmentProblem, detectAttachmentType, getAttachment, listAttachments, MAX_ATTACHMENT_BYTES, safeFilename } from "./attachments.js";
import type { FastifyMultipartBaseOptions } from "@fastify/multipart";
import { multipartCsrfValid } from "../../plugins/security.js";
import { motionDocx, motionPdf } from "./import-export/motion-export.js";
import { adoptMotion, createMotion, decideAmendment, MotionRuleError, postAnswer, recordDelivery, saveSection, setPhase, tagContribution } from "./motions.commands.js";
import { followUp, getAnswerAttachment, getMotion, getVersion, listAnswers, listContributions, listDeliveries, listSections, listVersions } from "./motions.queries.js";
import { getSheet, listThemes, searchSheets } from "./sheets.queries.js";
import { facilitating, facilitationPage, isoDate } from "./network-animation.shared.js";
import { registerNetworkAnimationRoutes } from "./network-animation.routes.js";
import { routeId } from "../../plugins/route-id.js";
import { sendAttachment, sheetFilters, SHEETS_PAGE_SIZE } from "./network-http.js";
import { SheetPage, SheetSearch } from "./views/sheet-pages.js";
import { FacilitatorMotionPage } from "./views/motion-pages.js";
import { listMembers, motionText } from "./network.queries.js";
import { FollowUpPage, VersionPage } from "./views/follow-up-pages.js";
import { NetworkHomePage, PartnerPage } from "./views/network-pages.js";

const motionSchema = z.object({
  titre: z.string().trim().min(1, "Saisissez le titre de la motion").max(200, "200 caractères au maximum"),
  annee: z.coerce.number({ error: "Saisissez l'année, par exemple 2027" }).int("Saisissez l'année, par exemple 2027").min(2000, "Saisissez l'année, par exemple 2027").max(2100, "Saisissez l'année, par exemple 2027"),
  description: z.string().trim().max(2_000, "2 000 caractères au maximum"),
  quorum: z.coerce.number({ error: "Le quorum est un pourcentage entre 0 et 100" }).min(0, "Le quorum est un pourcentage entre 0 et 100").max(100, "Le quorum est un pourcentage entre 0 et 100"),
  majorite: z.coerce.number({ error: "La majorité est un pourcentage entre 0 et 100" }).min(0, "La majorité est un pourcentage entre 0 et 100").max(100, "La majorité est un pourcentage entre 0 et 100"),
  echeance: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, "Saisissez une date, par exemple 2027-03-31"),
});

const answerSchema = z.object({
  proposition: z.coerce.number().int().positive("Choisissez une proposition"),
  institution: z.string().trim().min(1, "Saisissez l'institution qui répond").max(200, "200 caractères au maximum"),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Saisissez la date de la réponse, par exemple 2027-11-15"),
  statut: z.enum(followUpStatuses, { error: "Choisissez un statut" }),
  resume: z.string().trim().min(1, "Saisissez le résumé de la réponse").max(5_000, "5 000 caractères au maximum"),
});

type AnswerUpload =
  | { problem: string; csrfToken?: string | undefined }
  | { problem?: undefined; csrfToken?: string | undefined; answer: z.infer<typeof answerSchema>; attachment: { filename: string; type: string; bytes: Buffer } | undefined };

/** Reads an answer's form, multipart (with an optional document) or not; the first problem in French. */
async function readAnswerUpload(request: FastifyRequest): Promise<AnswerUpload> {
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string; tooLarge: boolean } | undefined;
  if (request.isMultipart()) {
    const options: FastifyMultipartBaseOptions = { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, fieldSize: 20_000 }, throwFileSizeLimit: false };
    for await (const part of request.parts(options)) {
      if (part.type === "file") {
        const bytes = await part.toBuffer();
        if (part.fieldname === "piece" && part.filename && (bytes.length > 0 || part.file.truncated)) file = { bytes, filename: part.filename, tooLarge: part.file.truncated };
      } else if (typeof part.value === "string") fields[part.fieldname] = part.value;
    }
  } else {
    for (const [k, v] of Object.entries((request.body as Record<string, unknown>) ?? {})) if (typeof v === "string") fields[k] = v;
  }
  const csrfToken = fields._csrf;
  const form = parseForm(answerSchema, fields);
  if (!form.ok) return { problem: Object.values(form.errors)[0]!, csrfToken };
  if (file) {
    const problem = attachmentProblem(file);
    if (problem) return { problem, csrfToken };
    const type = detectAttachmentType(file.bytes)!;
    return { csrfToken, answer: form.data, attachment: { filename: safeFilename(file.filename, type), type, bytes: file.bytes } };
  }
  return { csrfToken, answer: form.data, attachment: undefined };
}

/** Registers the instance-level network pages. */
export function registerNetworkRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const asFacilitator = <T,>(request: FastifyRequest, work: (tx: Tx) => Promise<T>) => facilitating(db, request, work);
  /** The partner's institution, or a 404 for anyone else. */
  const partnerOf = async (request: FastifyRequest): Promise<{ actor: NetworkActor; institution: string }> => {
    if (!request.actor) throw new NotFoundError();
    const actor: NetworkActor = { role: "partner", userId: request.actor.userId };
    const [row] = await withNetwork(db, actor, (tx) => queryRows<{ institution: string }>(tx, sql`select institution from network_partners where user_id = ${actor.userId}`)).catch(() => []);
    if (!row) throw new NotFoundError();
    return { actor, institution: row.institution };
  };
  const isPartner = async (request: FastifyRequest) => Boolean(await partnerOf(request).catch(() => undefined));

  app.get("/reseau", async (request, reply) => {
    const members = await withPublic(deps.database, (tx) => listMembers(tx));
    const recent = (await withPublic(deps.database, (tx) => searchSheets(tx, { visibility: "public" }, { limit: 5, offset: 0 }))).items;
    const memberIds = new Set(members.map((m) => m.territoryId));
    const spaces = (request.actor?.memberships ?? []).filter((m) => memberIds.has(m.territoryId)).map((m) => ({ code: m.code, name: m.name }));
    return reply.page(<NetworkHomePage ctx={reply.viewContext()} members={members} recent={recent} spaces={spaces} isFacilitator={Boolean(request.actor?.isFacilitator)} isPartner={await isPartner(request)} />);
  });

  app.get("/reseau/fiches", async (request, reply) => {
    const { filters, page } = sheetFilters(request.query as Record<string, unknown>);
    const [themes, result] = await withPublic(deps.database, async (tx) => [await listThemes(tx), await searchSheets(tx, { ...filters, visibility: "public" }, { limit: SHEETS_PAGE_SIZE, offset: (page - 1) * SHEETS_PAGE_SIZE })] as const);
    return reply.page(<SheetSearch ctx={reply.viewContext()} base="/reseau/fiches" sheetHref={(id) => `/reseau/fiches/${id}`} filters={filters} themes={themes} result={result} page={page} pageSize={SHEETS_PAGE_SIZE} scope="public" heading="Fiches d'expérience des territoires" />);
  });

  app.get("/reseau/fiches/:id", async (request, reply) => {
    const id = routeId(request, "id");
    const [sheet, themes, attachments] = await withPublic(deps.database, async (tx) => [await getSheet(tx, { id, withContact: false }), await listThemes(tx), await listAttachments(tx, { sheetId: id })] as const);
    if (!sheet || sheet.visibility !== "public") throw new NotFoundError();
    return reply.page(<SheetPage ctx={reply.viewContext()} sheet={sheet} themes={themes} back="/reseau/fiches" attachments={attachments} attachmentBase={`/reseau/fiches/${id}`} />);
  });

  app.get("/reseau/fiches/:id/pieces/:attachmentId", async (request, reply) => {
    const sheetId = routeId(request, "id");
    const attachmentId = routeId(request, "attachmentId");
    const file = await withPublic(deps.database, async (tx) => ((await getSheet(tx, { id: sheetId, withContact: false }))?.visibility === "public" ? getAttachment(tx, { sheetId, id: attachmentId }) : undefined));
    if (!file) throw new NotFoundError();
    return sendAttachment(reply, file);
  });

  app.get("/reseau/fiches.atom", async (_request, reply) => {
    const base = deps.config.publicUrl;
    const items = (await withPublic(deps.database, (tx) => searchSheets(tx, { visibility: "public" }, { limit: 50, offset: 0 }))).items;
    const feed = new Feed({
      title: "Fiches d'expérience des territoires – Maillage",
      id: `${base}/reseau/fiches`,
      link: `${base}/reseau/fiches`,
      language: "fr",
      copyright: "Licence Ouverte / Open Licence 2.0 (Etalab)",
      updated: items[0]?.updatedAt ?? new Date(0),
      feedLinks: { atom: `${base}/reseau/fiches.atom` },
    });
    for (const s of items) feed.addItem({ title: s.title, id: `${base}/reseau/fiches/${s.id}`, link: `${base}/reseau/fiches/${s.id}`, description: s.summary, date: s.updatedAt, author: [{ name: s.territoryName }] });
    return reply.type("application/atom+xml; charset=utf-8").header("access-control-allow-origin", "*").send(feed.atom1());
  });

  app.get("/api/v1/experiences", async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const { filters } = sheetFilters(query);
    const page = typeof query.page === "string" && query.page !== "" ? Number(query.page) : 1;
    const perPage = typeof query.par_page === "string" && query.par_page !== "" ? Number(query.par_page) : 50;
    const fail = (message: string) => reply.code(400).header("access-control-allow-origin", "*").type("application/json; charset=utf-8").send({ erreur: message, statut: 400 });
    if (!Number.isInteger(page) || page < 1 || page > 100_000) return fail("Le paramètre « page » attend un nombre entier à partir de 1.");
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 200) return fail("Le paramètre « par_page » attend un nombre entier entre 1 et 200.");
    const result = await withPublic(deps.database, (tx) => searchSheets(tx, { ...filters, visibility: "public" }, { limit: perPage, offset: (page - 1) * perPage }));
    const base = deps.config.publicUrl;
    return reply
      .header("access-control-allow-origin", "*")
      .type("application/json; charset=utf-8")
      .send({
        items: result.items.map((s) => ({ id: s.id, titre: s.title, resume: s.summary, territoire: s.territoryName, themes: s.themes, annee: s.year, url: `${base}/reseau/fiches/${s.id}` })),
        total: result.total,
      });
  });

  app.get("/reseau/reponses/:id/piece", async (request, reply) => {
    const id = routeId(request, "id");
    const file = await withPublic(deps.database, (tx) => getAnswerAttachment(tx, { id }));
    if (!file) throw new NotFoundError();
    return sendAttachment(reply, file);
  });

  app.get("/reseau/suivi", async (_request, reply) => {
    const [proposals, deliveries] = await withPublic(deps.database, async (tx) => [await followUp(tx), await listDeliveries(tx)] as const);
    return reply.page(<FollowUpPage ctx={reply.viewContext()} proposals={proposals} deliveries={deliveries} />);
  });

  const version = async (request: FastifyRequest) => {
    const motionId = routeId(request, "id");
    const n = routeId(request, "number");
    const [v, previous] = await withPublic(deps.database, async (tx) => [await getVersion(tx, { motionId, number: n }), n > 1 ? await getVersion(tx, { motionId, number: n - 1 }) : undefined] as const);
    if (!v) throw new NotFoundError();
    return { motionId, v, previous };
  };
  app.get("/reseau/motions/:id/versions/:number", async (request, reply) => {
    const raw = (request.params as { number: string }).number;
    const format = /\.(docx|pdf)$/.exec(raw)?.[1];
    (request.params as { number: string }).number = raw.replace(/\.(docx|pdf)$/, "");
    const { motionId, v, previous } = await version(request);
    const name = `motion-${v.content.year}-v${v.number}`;
    if (format === "docx") return sendAttachment(reply, { content: await motionDocx(v), mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", filename: `${name}.docx` });
    if (format === "pdf") return sendAttachment(reply, { content: await motionPdf(v), mediaType: "application/pdf", filename: `${name}.pdf` });
    return reply.page(<VersionPage ctx={reply.viewContext()} motionId={motionId} version={v} {...(previous ? { previous, diff: versionDiff(previous.content, v.content) } : {})} />);
  });

  // Facilitation.
  app.get("/reseau/animation", (request, reply) => facilitationPage(db, request, reply));

  app.post("/reseau/animation/motions", async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = Object.fromEntries(["titre", "annee", "description", "quorum", "majorite", "echeance"].map((k) => [k, text(body[k])]));
    const form = parseForm(motionSchema, values);
    if (!form.ok) return facilitationPage(db, request, reply, { errors: form.errors, values, status: 400 });
    const d = form.data;
    const id = await asFacilitator(request, async (tx) => {
      const motionId = await createMotion(tx, { title: d.titre, year: d.annee, description: d.description, quorum: d.quorum / 100, majority: d.majorite / 100, deadlines: d.echeance ? { contributions: d.echeance } : {}, actor: actorForAudit(request) });
      await setPhase(tx, { motionId, phase: "contributions", actor: actorForAudit(request), baseUrl: deps.config.publicUrl });
      return motionId;
    });
    return reply.redirect(`/reseau/animation/motions/${id}?fait=ouverte`, 303);
  });

  const notices: Record<string, string> = {
    ouverte: "La motion est ouverte aux contributions ; les territoires membres sont prévenus.",
    phase: "La phase a changé ; les territoires membres sont prévenus par courriel.",
    section: "La section est ajoutée au texte.",
    etiquettes: "Les étiquettes sont enregistrées.",
    decision: "La décision est enregistrée ; le territoire auteur la lit sur la page de la motion.",
    adoptee: "Le texte est adopté et figé dans une version numérotée.",
    remise: "La remise est enregistrée.",
    reponse: "La réponse est enregistrée ; elle paraît sur la page publique de suivi.",
  };
  const motionPage = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const motionId = routeId(request, "id");
    const view = await asFacilitator(request, async (tx) => {
      const motion = await getMotion(tx, { id: motionId });
      if (!motion) return undefined;
      return { motion, text: await motionText(tx, motion), versions: await listVersions(tx, { motionId }), deliveries: await listDeliveries(tx, { motionId }), answers: await listAnswers(tx, { motionId }) };
    });
    if (!view) throw new NotFoundError();
    const notice = notices[text((request.query as { fait?: string }).fait)];
    return reply.page(<FacilitatorMotionPage ctx={reply.viewContext()} {...view} {...(notice && !error ? { notice } : {})} {...(error ? { error } : {})} />, error ? 400 : 200);
  };
  app.get("/reseau/animation/motions/:id", (request, reply) => motionPage(request, reply));

  /** Runs a facilitator's step on a motion; a rule refused comes back on the page in French. */
  const motionStep = (path: string, step: (request: FastifyRequest, tx: Tx, motionId: number) => Promise<string>) =>
    app.post(`/reseau/animation/motions/:id${path}`, async (request, reply) => {
      const motionId = routeId(request, "id");
      try {
        const done = await asFacilitator(request, async (tx) => {
          if (!(await getMotion(tx, { id: motionId }))) throw new NotFoundError();
          return step(request, tx, motionId);
        });
        return reply.redirect(`/reseau/animation/motions/${motionId}?fait=${done}`, 303);
      } catch (error) {
        if (error instanceof MotionRuleError) return motionPage(request, reply, error.message);
        throw error;
      }
    });
  const field = (request: FastifyRequest, name: string) => text((request.body as Record<string, unknown>)[name]);

  motionStep("/phase", async (request, tx, motionId) => {
    const phase = field(request, "phase");
    if (!(motionPhases as readonly string[]).includes(phase)) throw new MotionRuleError("Choisissez une phase.");
    const deadline = field(request, "echeance");
    if (deadline && !isoDate(deadline)) throw new MotionRuleError("Saisissez l'échéance comme une date, par exemple 2027-05-31.");
    await setPhase(tx, { motionId, phase: phase as MotionPhase, deadline: deadline || null, actor: actorForAudit(request), baseUrl: deps.config.publicUrl });
    return "phase";
  });
  const readSection = async (request: FastifyRequest, tx: Tx, motionId: number, sectionId?: number) => {
    const kind = field(request, "nature");
    if (!["preambule", "question", "proposition"].includes(kind)) throw new MotionRuleError("Choisissez la nature de la section.");
    const body = field(request, "texte");
    if (!body || body.length > 10_000) throw new MotionRuleError("Saisissez le texte de la section (10 000 caractères au plus).");
    const ids = field(request, "contributions").split(/[\s,;]+/).filter(Boolean);
    if (ids.some((i) => !/^\d{1,9}$/.test(i))) throw new MotionRuleError("Les contributions synthétisées sont des numéros séparés par des virgules, par exemple 3, 7, 12.");
    const known = new Set((await listContributions(tx, { motionId })).map((c) => c.id));
    const missing = ids.map(Number).filter((i) => !known.has(i));
    if (missing.length > 0) throw new MotionRuleError(`Aucune contribution de cette motion ne porte le numéro ${missing.join(", ")}.`);
    const sections = await listSections(tx, { motionId });
    const existing = sectionId ? sections.find((s) => s.id === sectionId) : undefined;
    if (sectionId && !existing) throw new NotFoundError();
    const position = existing?.position ?? sections.reduce((max, s) => Math.max(max, s.position), 0) + 1;
    return { kind: kind as "preambule", position, title: field(request, "titre").slice(0, 200), body, contributionIds: ids.map(Number) };
  };
  motionStep("/sections/:sectionId", async (request, tx, motionId) => {
    const sectionId = routeId(request, "sectionId");
    await saveSection(tx, { motionId, sectionId, ...(await readSection(request, tx, motionId, sectionId)), actor: actorForAudit(request) });
    return "section";
  });
  motionStep("/sections", async (request, tx, motionId) => {
    await saveSection(tx, { motionId, ...(await readSection(request, tx, motionId)), actor: actorForAudit(request) });
    return "section";
  });
  motionStep("/contributions/:contributionId/etiquettes", async (request, tx) => {
    const contributionId = routeId(request, "contributionId");
    const tags = [...new Set(field(request, "etiquettes").split(",").map((t) => t.trim()).filter(Boolean))].slice(0, 10).map((t) => t.slice(0, 40));
    await tagContribution(tx, { contributionId, tags });
    return "etiquettes";
  });
  motionStep("/amendements/:amendmentId/decision", async (request, tx) => {
    const amendmentId = routeId(request, "amendmentId");
    const decision = field(request, `decision-${amendmentId}`);
    if (decision !== "accepte" && decision !== "rejete" && decision !== "fusionne") throw new MotionRuleError("Choisissez d'accepter, de rejeter ou de fusionner l'amendement.");
    await decideAmendment(tx, { amendmentId, decision, reason: field(request, `raison-${amendmentId}`).slice(0, 2_000), actor: actorForAudit(request) });
    return "decision";
  });
  motionStep("/adopter", async (request, tx, motionId) => {
    await adoptMotion(tx, { motionId, actor: actorForAudit(request) });
    return "adoptee";
  });
  motionStep("/remises", async (request, tx, motionId) => {
    const recipient = field(request, "destinataire");
    const date = isoDate(field(request, "date"));
    if (!recipient || recipient.length > 200) throw new MotionRuleError("Saisissez à qui le texte a été remis.");
    if (!date) throw new MotionRuleError("Saisissez la date de la remise, par exemple 2027-10-10.");
    const [latest] = await listVersions(tx, { motionId });
    if (!latest) throw new MotionRuleError("Adoptez le texte avant de le remettre.");
    await recordDelivery(tx, { motionId, versionId: latest.id, recipient, deliveredOn: date, note: field(request, "note").slice(0, 500), actor: actorForAudit(request) });
    return "remise";
  });
  app.post("/reseau/animation/motions/:id/reponses", { config: { csrf: "multipart-field" } }, async (request, reply) => {
    const motionId = routeId(request, "id");
    const upload = await readAnswerUpload(request);
    if (!multipartCsrfValid(request, reply, upload.csrfToken)) return reply;
    if (typeof upload.problem === "string") return motionPage(request, reply, upload.problem);
    const done = await asFacilitator(request, async (tx) => {
      const proposal = (await followUp(tx, { motionId })).find((p) => p.sectionId === upload.answer.proposition);
      if (!proposal) return false;
      await postAnswer(tx, { motionId, sectionId: proposal.sectionId, answeredOn: upload.answer.date, institution: upload.answer.institution, summary: upload.answer.resume, status: upload.answer.statut as FollowUpStatus, attachment: upload.attachment, actor: actorForAudit(request) });
      await tx.execute(sql`update motions set phase = 'suivi' where id = ${motionId} and phase in ('adoptee', 'remise')`);
      return true;
    });
    if (!done) return motionPage(request, reply, "Choisissez une proposition adoptée de cette motion.");
    return reply.redirect(`/reseau/animation/motions/${motionId}?fait=reponse`, 303);
  });

  // Members, working groups, themes, consultations.
  registerNetworkAnimationRoutes(app, deps);

  // Partners.
  const partnerPage = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const { actor, institution } = await partnerOf(request);
    const proposals = await withNetwork(db, actor, (tx) => followUp(tx));
    const notice = text((request.query as { fait?: string }).fait) === "reponse" ? "Votre réponse est publiée sur la page de suivi." : undefined;
    return reply.page(<PartnerPage ctx={reply.viewContext()} institution={institution} proposals={proposals} {...(notice && !error ? { notice } : {})} {...(error ? { error } : {})} />, error ? 400 : 200);
  };
  app.get("/reseau/partenaire", (request, reply) => partnerPage(request, reply));
  app.post("/reseau/partenaire/reponses", { config: { csrf: "multipart-field" } }, async (request, reply) => {
    const { actor } = await partnerOf(request);
    const upload = await readAnswerUpload(request);
    if (!multipartCsrfValid(request, reply, upload.csrfToken)) return reply;
    if (typeof upload.problem === "string") return partnerPage(request, reply, upload.problem);
    const d = upload.answer;
    const done = await withNetwork(db, actor, async (tx) => {
      const proposal = (await followUp(tx)).find((p) => p.sectionId === d.proposition);
      if (!proposal) return false;
      await postAnswer(tx, { motionId: proposal.motionId, sectionId: proposal.sectionId, answeredOn: d.date, institution: d.institution, summary: d.resume, status: d.statut as FollowUpStatus, attachment: upload.attachment, actor: actorForAudit(request) });
      return true;
    });
    if (!done) return partnerPage(request, reply, "Choisissez une proposition adoptée.");
    return reply.redirect("/reseau/partenaire?fait=reponse", 303);
  });
}
