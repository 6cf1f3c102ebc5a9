// Consultations from an outside body (e.g. the ministry's questions on its strategy): a facilitator publishes the
// questions; each member territory answers each question once, and may change its answer until the closing day;
// the synthesis quotes every answer with its territory, exported as CSV and DOCX.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { stringify } from "csv-stringify/sync";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { consultationAnswers, consultationQuestions, consultations } from "../../db/schema/index.js";
import { safeCell } from "../../lib/spreadsheet-cells.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";

export type ConsultationRow = { id: number; title: string; body: string; askedBy: string; closesOn: string; published: boolean; demo: boolean };
export type QuestionWithAnswers = { id: number; position: number; text: string; answers: { territoryId: number; territoryName: string; body: string; updatedAt: Date }[] };

export async function createConsultation(db: Executor, props: { title: string; body: string; askedBy: string; closesOn: string; questions: string[]; actor: AuditActor; demo?: boolean }): Promise<number> {
  const [row] = await db.insert(consultations).values({ title: props.title, body: props.body, askedBy: props.askedBy, closesOn: props.closesOn, demo: props.demo ?? false, createdAt: props.actor.at }).returning({ id: consultations.id });
  for (const [i, text] of props.questions.entries()) await db.insert(consultationQuestions).values({ consultationId: row!.id, position: i + 1, text });
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "consultation.create", entityType: "consultation", entityId: row!.id });
  return row!.id;
}

export async function publishConsultation(db: Executor, props: { id: number; actor: AuditActor }): Promise<void> {
  await db.update(consultations).set({ published: true }).where(eq(consultations.id, props.id));
  await recordAudit(db, { territoryId: null, actor: props.actor, action: "consultation.publish", entityType: "consultation", entityId: props.id });
}

export async function listConsultations(db: Executor): Promise<ConsultationRow[]> {
  return queryRows<ConsultationRow>(db, sql`select id, title, body, asked_by as "askedBy", closes_on::text as "closesOn", published, demo from consultations order by closes_on desc, id desc`);
}

export async function getConsultation(db: Executor, { id }: { id: number }): Promise<{ consultation: ConsultationRow; questions: QuestionWithAnswers[] } | undefined> {
  const [consultation] = await queryRows<ConsultationRow>(db, sql`select id, title, body, asked_by as "askedBy", closes_on::text as "closesOn", published, demo from consultations where id = ${id}`);
  if (!consultation) return undefined;
  const questions = await queryRows<{ id: number; position: number; text: string }>(db, sql`select id, position, text from consultation_questions where consultation_id = ${id} order by position`);
  const answers = await queryRows<{ questionId: number; territoryId: number; territoryName: string; body: string; updatedAt: string | Date }>(
    db,
    sql`select a.question_id as "questionId", a.territory_id as "territoryId", t.name as "territoryName", a.body, a.updated_at as "updatedAt"
        from consultation_answers a join consultation_questions q on q.id = a.question_id join territories t on t.id = a.territory_id
        where q.consultation_id = ${id} order by t.name`,
  );
  return { consultation, questions: questions.map((q) => ({ ...q, answers: answers.filter((a) => a.questionId === q.id).map((a) => ({ territoryId: a.territoryId, territoryName: a.territoryName, body: a.body, updatedAt: new Date(a.updatedAt) })) })) };
}

/** Thrown when the consultation is closed or the question is not one of it. */
export class ConsultationClosedError extends Error {}

/** A territory's answer to a question, replacing its previous one, until the closing day (Paris date) included. */
export async function answerQuestion(db: Executor, props: { consultationId: number; questionId: number; territoryId: number; body: string; today: string; actor: AuditActor }): Promise<void> {
  const [row] = await queryRows<{ closesOn: string }>(db, sql`select c.closes_on::text as "closesOn" from consultations c join consultation_questions q on q.consultation_id = c.id where c.id = ${props.consultationId} and q.id = ${props.questionId} and c.published`);
  if (!row) throw new ConsultationClosedError("Cette question n'existe pas.");
  if (props.today > row.closesOn) throw new ConsultationClosedError(`La consultation est close (dernier jour pour répondre : ${row.closesOn.split("-").reverse().join("/")}) : les réponses ne changent plus.`);
  if (props.body === "") {
    await db.delete(consultationAnswers).where(and(eq(consultationAnswers.questionId, props.questionId), eq(consultationAnswers.territoryId, props.territoryId)));
    return;
  }
  await db
    .insert(consultationAnswers)
    .values({ questionId: props.questionId, territoryId: props.territoryId, authorUserId: props.actor.userId, body: props.body, updatedAt: props.actor.at })
    .onConflictDoUpdate({ target: [consultationAnswers.questionId, consultationAnswers.territoryId], set: { body: props.body, authorUserId: props.actor.userId, updatedAt: props.actor.at } });
  await recordAudit(db, { territoryId: props.territoryId, actor: props.actor, action: "consultation.answer", entityType: "consultation", entityId: props.consultationId });
}

/** The synthesis as CSV: one row per answer (question number, question, territory, answer), formulas neutralised. */
export function synthesisCsv(data: { questions: QuestionWithAnswers[] }): string {
  const rows = [["question", "intitule", "territoire", "reponse"], ...data.questions.flatMap((q) => q.answers.map((a) => [String(q.position), q.text, a.territoryName, a.body]))];
  return stringify(rows.map((r) => r.map((c) => safeCell(c))), { delimiter: ";", bom: true, record_delimiter: "\r\n" });
}

/** The synthesis as DOCX: each question, how many territories answered, every answer quoted with its territory. */
export async function synthesisDocx(data: { consultation: ConsultationRow; questions: QuestionWithAnswers[] }): Promise<Buffer> {
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(data.consultation.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: `Consultation de ${data.consultation.askedBy}, close le ${data.consultation.closesOn.split("-").reverse().join("/")} : synthèse des réponses des territoires`, italics: true })] }),
  ];
  for (const q of data.questions) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [new TextRun(`Question ${q.position} : ${q.text}`)] }));
    children.push(new Paragraph({ children: [new TextRun({ text: `${q.answers.length} territoire${q.answers.length > 1 ? "s ont" : " a"} répondu.`, size: 18 })] }));
    for (const a of q.answers) {
      children.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: a.territoryName, bold: true })] }));
      children.push(new Paragraph({ indent: { left: 360 }, children: [new TextRun({ text: `« ${a.body} »`, italics: true })] }));
    }
  }
  return Packer.toBuffer(new Document({ creator: "Maillage", title: data.consultation.title, styles: { default: { document: { run: { font: "Arial", size: 22 } } } }, sections: [{ children }] }));
}
