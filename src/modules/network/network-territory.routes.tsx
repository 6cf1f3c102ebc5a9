// A member territory's network space (/t/<code>/reseau): sheets (search, write, share), questions and marks,
// motions (contribute, amend, vote), delegates. Everything runs in the territory's context: row-level security
// shows it its own drafts and what the other members shared, and lets it write only its own rows.
import type { FastifyMultipartBaseOptions } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sql } from "drizzle-orm";
import type { AppDeps } from "../../app-deps.js";
import { queryRows, type Tx } from "../../db/client.js";
import { amendmentKinds, type AmendmentKind, type VoteChoice } from "../../db/schema/index.js";
import { list, text } from "../../lib/validation.js";
import { ForbiddenError, NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import type { FieldErrors } from "../../ui/form.js";
import { listMembers as listTerritoryMembers } from "../accounts/members.queries.js";
import { hasRole } from "../accounts/accounts.policy.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { queueMail } from "../mail/mail.commands.js";
import { SHEET_FORM_ONLY, SHEET_IMPORT_COLUMNS, problemSentence, validateSheet, type SheetRaw } from "./domain/sheet-input.js";
import { answerQuestion, ConsultationClosedError, getConsultation, listConsultations } from "./consultations.js";
import { TerritoryConsultationPage } from "./views/consultation-pages.js";
import { SimilarMembersPage } from "./views/similar-page.js";
import { similarMembers } from "./similar.js";
import { computeFigures, figureKeysOf } from "./sheet-figures.js";
import { parisDateOf } from "../../lib/paris-time.js";
import { addContribution, castVote, changeOwnAmendment, MotionRuleError, submitAmendment } from "./motions.commands.js";
import { getMotion, listMotions } from "./motions.queries.js";
import { setDelegate } from "./network.commands.js";
import { isContributor, namesDelegates } from "./network.policy.js";
import { motionText, sendAttachment, sheetFilters, SHEETS_PAGE_SIZE } from "./network.routes.js";
import { addAttachment, attachmentProblem, getAttachment, listAttachments, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, removeAttachment } from "./attachments.js";
import { multipartCsrfValid } from "../../plugins/security.js";
import { askQuestion, createSheet, setMark, updateSheet } from "./sheets.commands.js";
import { getSheet, listMarks, listQuestions, listThemes, searchSheets } from "./sheets.queries.js";
import { DelegatesPage } from "./views/delegates-page.js";
import { TerritoryMotionPage } from "./views/motion-pages.js";
import { MotionList, NotMemberPage } from "./views/network-pages.js";
import { SheetFormPage, SheetPage, SheetSearch } from "./views/sheet-pages.js";

const isNetworkMember = async (tx: Tx) => (await queryRows<{ member: boolean }>(tx, sql`select app_network_member() as member`))[0]!.member;
const isDelegate = async (tx: Tx, territoryId: number, userId: number) => (await queryRows(tx, sql`select 1 from network_delegates where territory_id = ${territoryId} and user_id = ${userId}`)).length > 0;

/** Registers /t/:code/reseau and its pages. */
export function registerNetworkTerritoryRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/reseau", text: "Réseau", order: 90, visible: (actor, territoryId) => hasRole(actor, territoryId, "elected", "coordinator") });

  /** The territory's context, once it is a member of the network; a page saying it is not, otherwise. */
  const inNetwork = async <T,>(request: FastifyRequest, reply: FastifyReply, work: (tx: Tx) => Promise<T>): Promise<T | undefined> => {
    const outcome = await request.tenant(async (tx) => ((await isNetworkMember(tx)) ? { value: await work(tx) } : undefined));
    if (!outcome) {
      await reply.page(<NotMemberPage ctx={reply.viewContext()} />, 403);
      return undefined;
    }
    return outcome.value;
  };
  const code = (request: FastifyRequest) => request.territory!.code;
  const requireContributor = (request: FastifyRequest) => {
    if (!isContributor(request.actor, request.territory!.id)) throw new ForbiddenError();
  };

  app.get("/t/:code/reseau", async (request, reply) => {
    const territory = request.territory!;
    const { filters, page } = sheetFilters(request.query as Record<string, unknown>);
    const view = await inNetwork(request, reply, async (tx) => ({
      themes: await listThemes(tx),
      result: await searchSheets(tx, filters, { limit: SHEETS_PAGE_SIZE, offset: (page - 1) * SHEETS_PAGE_SIZE }),
      own: await searchSheets(tx, { territoryId: territory.id }, { limit: 100, offset: 0 }),
      motions: await listMotions(tx),
      consultations: await listConsultations(tx),
    }));
    if (!view) return reply;
    const base = `/t/${territory.code}/reseau`;
    const aside = (
      <>
        <h2 class="govuk-heading-m">Motions du réseau</h2>
        <MotionList motions={view.motions} href={(id) => `${base}/motions/${id}`} />
        {view.consultations.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">Consultations</h2>
            <ul class="govuk-list">
              {view.consultations.map((c) => (
                <li>
                  <a class="govuk-link" href={`${base}/consultations/${c.id}`}>
                    {c.title}
                  </a>{" "}
                  ({c.askedBy}, jusqu'au {c.closesOn.split("-").reverse().join("/")})
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2 class="govuk-heading-m">Les fiches de {territory.name}</h2>
        {isContributor(request.actor, territory.id) ? (
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/fiches/nouvelle`}>
              Écrire une fiche d'expérience
            </a>
          </p>
        ) : null}
        {view.own.items.length === 0 ? <p class="govuk-body">Aucune fiche pour l'instant.</p> : (
          <ul class="govuk-list">
            {view.own.items.map((s) => (
              <li>
                <a class="govuk-link" href={`${base}/fiches/${s.id}`}>
                  {s.title}
                </a>{" "}
                ({s.visibility === "brouillon" ? "brouillon" : s.visibility === "reseau" ? "partagée avec le réseau" : "publique"})
              </li>
            ))}
          </ul>
        )}
        {namesDelegates(request.actor, territory.id) ? (
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/delegues`}>
              Délégués et déléguées qui votent pour le territoire
            </a>
          </p>
        ) : null}
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/semblables`}>
            Les territoires du réseau les plus semblables à {territory.name}
          </a>
        </p>
        <h2 class="govuk-heading-m">Rechercher dans les fiches du réseau</h2>
      </>
    );
    return reply.page(<SheetSearch ctx={reply.viewContext()} base={base} sheetHref={(id) => `${base}/fiches/${id}`} filters={filters} themes={view.themes} result={view.result} page={page} pageSize={SHEETS_PAGE_SIZE} scope="network" heading="Le réseau des territoires" aside={aside} />);
  });

  const readForm = (body: Record<string, unknown>): SheetRaw => {
    const raw: SheetRaw = {};
    for (const f of [...SHEET_IMPORT_COLUMNS, ...SHEET_FORM_ONLY]) raw[f] = f === "themes" ? list(body.themes).join("|") : text(body[f]);
    raw.chiffres = figureKeysOf(list(body.chiffres)).join("|");
    return raw;
  };
  const emptySheet: SheetRaw = { visibilite: "brouillon" };

  const sheetForm = async (request: FastifyRequest, reply: FastifyReply, props: { sheetId?: number; values: SheetRaw; errors: FieldErrors; status?: number }) => {
    const themes = await request.tenant((tx) => listThemes(tx));
    const base = `/t/${code(request)}/reseau/fiches`;
    return reply.page(<SheetFormPage ctx={reply.viewContext()} action={props.sheetId ? `${base}/${props.sheetId}/modifier` : `${base}/nouvelle`} values={props.values} errors={props.errors} themes={themes} editing={Boolean(props.sheetId)} />, props.status ?? 200);
  };
  const saveSheet = async (request: FastifyRequest, reply: FastifyReply, sheetId?: number) => {
    requireContributor(request);
    const territory = request.territory!;
    const values = readForm(request.body as Record<string, unknown>);
    const themes = new Set((await request.tenant((tx) => listThemes(tx))).map((t) => t.code));
    const checked = validateSheet(values, { themes, currentYear: Number(deps.clock().toISOString().slice(0, 4)) });
    if (!checked.ok) {
      const errors: FieldErrors = {};
      for (const p of checked.problems) errors[p.field] ??= problemSentence(p);
      return sheetForm(request, reply, { ...(sheetId ? { sheetId } : {}), values, errors, status: 400 });
    }
    const keys = figureKeysOf(list((request.body as Record<string, unknown>).chiffres));
    const id = await inNetwork(request, reply, async (tx) => {
      const figures = await computeFigures(tx, { territoryId: territory.id, keys, now: deps.clock() });
      if (sheetId) return (await updateSheet(tx, { territoryId: territory.id, sheetId, input: checked.sheet, figures, actor: actorForAudit(request) })) ? sheetId : undefined;
      return createSheet(tx, { territoryId: territory.id, input: checked.sheet, figures, actor: actorForAudit(request) });
    });
    if (reply.sent) return reply;
    if (id === undefined) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/reseau/fiches/${id}?fait=enregistree`, 303);
  };

  app.get("/t/:code/reseau/fiches/nouvelle", async (request, reply) => {
    requireContributor(request);
    return sheetForm(request, reply, { values: { ...emptySheet, annee: deps.clock().toISOString().slice(0, 4) }, errors: {} });
  });
  app.post("/t/:code/reseau/fiches/nouvelle", (request, reply) => saveSheet(request, reply));

  const sheetId = (request: FastifyRequest) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError();
    return id;
  };

  const sheetView = async (request: FastifyRequest, reply: FastifyReply, attachmentError?: string) => {
    const territory = request.territory!;
    const id = sheetId(request);
    const view = await inNetwork(request, reply, async (tx) => {
      const sheet = await getSheet(tx, { id, withContact: true });
      if (!sheet) return undefined;
      const marks = await listMarks(tx, { sheetId: id });
      return { sheet, themes: await listThemes(tx), questions: await listQuestions(tx, { sheetId: id }), marks, attachments: await listAttachments(tx, { sheetId: id }) };
    });
    if (reply.sent) return reply;
    if (!view) throw new NotFoundError();
    const base = `/t/${territory.code}/reseau/fiches/${id}`;
    const notice = text((request.query as { fait?: string }).fait);
    return reply.page(
      <SheetPage
        ctx={reply.viewContext()}
        sheet={view.sheet}
        themes={view.themes}
        back={`/t/${territory.code}/reseau`}
        attachments={view.attachments}
        attachmentBase={base}
        {...(attachmentError ? { attachmentError } : {})}
        member={{
          own: view.sheet.territoryId === territory.id,
          editHref: `${base}/modifier`,
          questions: view.questions,
          marks: view.marks.map((m) => m.territoryName),
          marked: view.marks.some((m) => m.territoryId === territory.id),
          postBase: base,
          canWrite: isContributor(request.actor, territory.id),
          ...(notice ? { notice } : {}),
        }}
      />,
      attachmentError ? 400 : 200,
    );
  };
  app.get("/t/:code/reseau/fiches/:id", (request, reply) => sheetView(request, reply));

  app.post("/t/:code/reseau/fiches/:id/pieces", { config: { csrf: "multipart-field" } }, async (request, reply) => {
    requireContributor(request);
    const territory = request.territory!;
    const id = sheetId(request);
    if (!request.isMultipart()) return sheetView(request, reply, "Choisissez un fichier");
    const fields: Record<string, string> = {};
    let file: { bytes: Buffer; filename: string; tooLarge: boolean } = { bytes: Buffer.alloc(0), filename: "", tooLarge: false };
    const options: FastifyMultipartBaseOptions = { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, fieldSize: 2_000 }, throwFileSizeLimit: false };
    for await (const part of request.parts(options)) {
      if (part.type === "file") {
        const bytes = await part.toBuffer();
        if (part.fieldname === "fichier") file = { bytes, filename: part.filename, tooLarge: part.file.truncated };
      } else if (typeof part.value === "string") fields[part.fieldname] = part.value;
    }
    if (!multipartCsrfValid(request, reply, fields._csrf)) return reply;
    const problem = attachmentProblem(file);
    if (problem) return sheetView(request, reply, problem);
    const outcome = await inNetwork(request, reply, async (tx) => {
      const sheet = await getSheet(tx, { id, withContact: false });
      if (!sheet || sheet.territoryId !== territory.id) return undefined;
      return addAttachment(tx, { territoryId: territory.id, sheetId: id, filename: file.filename, bytes: file.bytes, actor: actorForAudit(request) });
    });
    if (reply.sent) return reply;
    if (outcome === undefined) throw new NotFoundError();
    if (outcome === "too-many") return sheetView(request, reply, `Une fiche a ${MAX_ATTACHMENTS} documents au plus : retirez-en un d'abord`);
    return reply.redirect(`/t/${territory.code}/reseau/fiches/${id}?fait=enregistree`, 303);
  });

  app.get("/t/:code/reseau/fiches/:id/pieces/:attachmentId", async (request, reply) => {
    const id = sheetId(request);
    const attachmentId = Number((request.params as { attachmentId: string }).attachmentId);
    if (!Number.isSafeInteger(attachmentId)) throw new NotFoundError();
    const file = await inNetwork(request, reply, (tx) => getAttachment(tx, { sheetId: id, id: attachmentId }));
    if (reply.sent) return reply;
    if (!file) throw new NotFoundError();
    return sendAttachment(reply, file);
  });

  app.post("/t/:code/reseau/fiches/:id/pieces/:attachmentId/supprimer", async (request, reply) => {
    requireContributor(request);
    const territory = request.territory!;
    const id = sheetId(request);
    const attachmentId = Number((request.params as { attachmentId: string }).attachmentId);
    const removed = Number.isSafeInteger(attachmentId) && (await request.tenant((tx) => removeAttachment(tx, { territoryId: territory.id, sheetId: id, id: attachmentId, actor: actorForAudit(request) })));
    if (!removed) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/reseau/fiches/${id}`, 303);
  });

  app.get("/t/:code/reseau/fiches/:id/modifier", async (request, reply) => {
    requireContributor(request);
    const id = sheetId(request);
    const sheet = await request.tenant((tx) => getSheet(tx, { id, withContact: true }));
    if (!sheet || sheet.territoryId !== request.territory!.id) throw new NotFoundError();
    const values: SheetRaw = {
      titre: sheet.title, resume: sheet.summary, texte: sheet.body, themes: sheet.themes.join("|"), annee: String(sheet.year), budget_euros: sheet.budgetEuros === null ? "" : String(sheet.budgetEuros),
      partenaires: sheet.partners, contact: sheet.contact, visibilite: sheet.visibility, publics: sheet.audiences, financement: sheet.funding, equipe: sheet.staff,
      debut: sheet.startedOn ?? "", fin: sheet.endedOn ?? "", resultats: sheet.results, lecons: sheet.lessons, chiffres: sheet.figures.map((f) => f.key).join("|"),
    };
    return sheetForm(request, reply, { sheetId: id, values, errors: {} });
  });
  app.post("/t/:code/reseau/fiches/:id/modifier", (request, reply) => saveSheet(request, reply, sheetId(request)));

  app.post("/t/:code/reseau/fiches/:id/questions", async (request, reply) => {
    requireContributor(request);
    const territory = request.territory!;
    const id = sheetId(request);
    const body = request.body as Record<string, unknown>;
    const parent = /^\d{1,9}$/.test(text(body.parent)) ? Number(text(body.parent)) : null;
    const message = parent ? text(body[`reponse-${parent}`]) : text(body.question);
    if (!message || message.length > 5_000) {
      return reply.redirect(`/t/${territory.code}/reseau/fiches/${id}`, 303);
    }
    const done = await inNetwork(request, reply, async (tx) => {
      const sheet = await getSheet(tx, { id, withContact: false });
      if (!sheet) return false;
      if (parent && !(await listQuestions(tx, { sheetId: id })).some((q) => q.id === parent && q.parentId === null)) return false;
      await askQuestion(tx, { territoryId: territory.id, sheetId: id, parentId: parent, body: message, actor: actorForAudit(request) });
      // The sheet's author hears of a question; a question's author of an answer.
      const [to] = await queryRows<{ email: string }>(
        tx,
        parent
          ? sql`select u.email from sheet_questions q join users u on u.id = q.author_user_id where q.id = ${parent}`
          : sql`select u.email from experience_sheets s join users u on u.id = s.author_user_id where s.id = ${id}`,
      );
      if (to && to.email !== request.actor?.email) {
        await queueMail(tx, {
          territoryId: territory.id,
          kind: "network.question",
          to: to.email,
          subject: parent ? `Réponse de ${territory.name} sur « ${sheet.title} »` : `Question de ${territory.name} sur votre fiche « ${sheet.title} »`,
          text: `Bonjour,\n\n${territory.name} écrit à propos de la fiche « ${sheet.title} » :\n\n${message}\n\nPour répondre : ${deps.config.publicUrl}/reseau\n\nMaillage`,
          now: deps.clock(),
        });
      }
      return true;
    });
    if (reply.sent) return reply;
    if (!done) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/reseau/fiches/${id}?fait=question`, 303);
  });

  app.post("/t/:code/reseau/fiches/:id/marque", async (request, reply) => {
    requireContributor(request);
    const territory = request.territory!;
    const id = sheetId(request);
    const marked = text((request.body as Record<string, unknown>).marque) !== "non";
    const done = await inNetwork(request, reply, async (tx) => {
      const sheet = await getSheet(tx, { id, withContact: false });
      if (!sheet || sheet.territoryId === territory.id) return false;
      await setMark(tx, { territoryId: territory.id, sheetId: id, marked, at: deps.clock() });
      return true;
    });
    if (reply.sent) return reply;
    if (!done) throw new NotFoundError();
    return reply.redirect(`/t/${territory.code}/reseau/fiches/${id}`, 303);
  });

  // Motions.
  const motionPage = async (request: FastifyRequest, reply: FastifyReply, extra: { notice?: string; errors?: FieldErrors; values?: Record<string, string>; status?: number } = {}) => {
    const territory = request.territory!;
    const motionId = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(motionId)) throw new NotFoundError();
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
      const motionId = Number((request.params as { id: string }).id);
      if (!Number.isSafeInteger(motionId)) throw new NotFoundError();
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
      const amendmentId = Number((request.params as { amendmentId: string }).amendmentId);
      if (!Number.isSafeInteger(amendmentId)) throw new NotFoundError();
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
    const id = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(id)) throw new NotFoundError();
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
    const id = Number((request.params as { id: string }).id);
    const body = request.body as Record<string, unknown>;
    const question = text(body.question);
    if (!Number.isSafeInteger(id) || !/^\d{1,9}$/.test(question)) throw new NotFoundError();
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
