// A member territory's network space (/t/<code>/reseau): sheets (search, write, share), questions and marks,
// motions (contribute, amend, vote), delegates. Everything runs in the territory's context: row-level security
// shows it its own drafts and what the other members shared, and lets it write only its own rows.
import type { FastifyMultipartBaseOptions } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sql } from "drizzle-orm";
import type { AppDeps } from "../../app-deps.js";
import { queryRows } from "../../db/client.js";
import { list, text } from "../../lib/validation.js";
import { NotFoundError } from "../../plugins/tenant.js";
import { addNavEntry } from "../../ui/navigation.js";
import type { FieldErrors } from "../../ui/form.js";
import { hasRole } from "../accounts/accounts.policy.js";
import { actorForAudit } from "../audit/audit.routes.js";
import { queueMail } from "../mail/mail.commands.js";
import { SHEET_FORM_ONLY, SHEET_IMPORT_COLUMNS, problemSentence, validateSheet, type SheetRaw } from "./domain/sheet-input.js";
import { listConsultations } from "./consultations.js";
import { listGroups } from "./groups-themes.js";

import { computeFigures, figureKeysOf } from "./sheet-figures.js";
import { listMotions } from "./motions.queries.js";
import { isContributor, namesDelegates } from "./network.policy.js";
import { routeId } from "../../plugins/route-id.js";
import { sendAttachment, sheetFilters, SHEETS_PAGE_SIZE } from "./network-http.js";
import { addAttachment, attachmentProblem, getAttachment, listAttachments, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, removeAttachment } from "./attachments.js";
import { multipartCsrfValid } from "../../plugins/security.js";
import { askQuestion, createSheet, setMark, updateSheet } from "./sheets.commands.js";
import { getSheet, listMarks, listQuestions, listThemes, searchSheets } from "./sheets.queries.js";
import { MotionList } from "./views/network-pages.js";
import { SheetFormPage, SheetPage, SheetSearch } from "./views/sheet-pages.js";
import { inNetwork, requireContributor } from "./network-territory.shared.js";
import { registerTerritoryMotionRoutes } from "./territory-motions.routes.js";

/** Registers /t/:code/reseau and its pages. */
export function registerNetworkTerritoryRoutes(app: FastifyInstance, deps: AppDeps): void {
  addNavEntry({ path: "/reseau", text: "Réseau", order: 90, visible: (actor, territoryId) => hasRole(actor, territoryId, "elected", "coordinator") });

  registerTerritoryMotionRoutes(app, deps);
  const code = (request: FastifyRequest) => request.territory!.code;

  app.get("/t/:code/reseau", async (request, reply) => {
    const territory = request.territory!;
    const { filters, page } = sheetFilters(request.query as Record<string, unknown>);
    const view = await inNetwork(request, reply, async (tx) => ({
      themes: await listThemes(tx),
      result: await searchSheets(tx, filters, { limit: SHEETS_PAGE_SIZE, offset: (page - 1) * SHEETS_PAGE_SIZE }),
      own: await searchSheets(tx, { territoryId: territory.id }, { limit: 100, offset: 0 }),
      motions: await listMotions(tx),
      consultations: await listConsultations(tx),
      groups: await listGroups(tx),
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
        {view.groups.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">Groupes de travail</h2>
            <ul class="govuk-list">
              {view.groups.map((g) => (
                <li>
                  <strong>{g.name}</strong>
                  {g.members.some((m) => m.territoryId === territory.id) ? ` (${territory.name} en fait partie)` : ""}
                  {g.facilitators.length > 0 ? ` : animé par ${g.facilitators.map((f) => f.name).join(", ")}` : ""}
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
    const id = routeId(request, "id");
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
    const attachmentId = routeId(request, "attachmentId");
    const file = await inNetwork(request, reply, (tx) => getAttachment(tx, { sheetId: id, id: attachmentId }));
    if (reply.sent) return reply;
    if (!file) throw new NotFoundError();
    return sendAttachment(reply, file);
  });

  app.post("/t/:code/reseau/fiches/:id/pieces/:attachmentId/supprimer", async (request, reply) => {
    requireContributor(request);
    const territory = request.territory!;
    const id = sheetId(request);
    const attachmentId = routeId(request, "attachmentId");
    const removed = await request.tenant((tx) => removeAttachment(tx, { territoryId: territory.id, sheetId: id, id: attachmentId, actor: actorForAudit(request) }));
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

}
