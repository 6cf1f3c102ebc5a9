// Writing experience sheets, questions about them and « nous l'avons fait aussi » marks, in the author
// territory's context (row-level security checks the territory again).
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { experienceSheets, sheetMarks, sheetQuestions, type SheetFigure } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { SheetInput } from "./domain/sheet-input.js";

function columns(input: SheetInput) {
  return {
    title: input.title,
    summary: input.summary,
    body: input.body,
    themes: input.themes,
    year: input.year,
    budgetEuros: input.budgetEuros,
    partners: input.partners,
    contact: input.contact,
    visibility: input.visibility,
    audiences: input.audiences,
    funding: input.funding,
    staff: input.staff,
    startedOn: input.startedOn,
    endedOn: input.endedOn,
    results: input.results,
    lessons: input.lessons,
  };
}

/** Creates a sheet; returns its id. */
export async function createSheet(db: Executor, props: { territoryId: number; input: SheetInput; actor: AuditActor; demo?: boolean; figures?: SheetFigure[] }): Promise<number> {
  const { territoryId, input, actor } = props;
  const [row] = await db
    .insert(experienceSheets)
    .values({ territoryId, authorUserId: actor.userId, ...columns(input), figures: props.figures ?? [], demo: props.demo ?? false, createdAt: actor.at, updatedAt: actor.at, sharedAt: input.visibility === "brouillon" ? null : actor.at })
    .returning({ id: experienceSheets.id });
  await recordAudit(db, { territoryId, actor, action: "sheet.create", entityType: "experience_sheet", entityId: row!.id, details: { visibility: input.visibility } });
  return row!.id;
}

/** Replaces a sheet's content (its own territory only); false when there is no such sheet. */
export async function updateSheet(db: Executor, props: { territoryId: number; sheetId: number; input: SheetInput; actor: AuditActor; figures?: SheetFigure[] }): Promise<boolean> {
  const { territoryId, sheetId, input, actor } = props;
  const updated = await db
    .update(experienceSheets)
    .set({ ...columns(input), ...(props.figures ? { figures: props.figures } : {}), updatedAt: actor.at, sharedAt: input.visibility === "brouillon" ? null : sql`coalesce(${experienceSheets.sharedAt}, ${actor.at.toISOString()}::timestamptz)` })
    .where(and(eq(experienceSheets.id, sheetId), eq(experienceSheets.territoryId, territoryId)))
    .returning({ id: experienceSheets.id });
  if (updated.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "sheet.update", entityType: "experience_sheet", entityId: sheetId, details: { visibility: input.visibility } });
  return true;
}

/** A question to the author territory, or an answer in its thread (`parentId`). */
export async function askQuestion(db: Executor, props: { territoryId: number; sheetId: number; parentId: number | null; body: string; actor: AuditActor }): Promise<number> {
  const [row] = await db
    .insert(sheetQuestions)
    .values({ territoryId: props.territoryId, sheetId: props.sheetId, parentId: props.parentId, body: props.body, authorUserId: props.actor.userId, createdAt: props.actor.at })
    .returning({ id: sheetQuestions.id });
  await recordAudit(db, { territoryId: props.territoryId, actor: props.actor, action: "sheet.question", entityType: "experience_sheet", entityId: props.sheetId });
  return row!.id;
}

/** Marks or unmarks « nous l'avons fait aussi » for the territory. */
export async function setMark(db: Executor, props: { territoryId: number; sheetId: number; marked: boolean; at: Date }): Promise<void> {
  if (props.marked) await db.insert(sheetMarks).values({ territoryId: props.territoryId, sheetId: props.sheetId, createdAt: props.at }).onConflictDoNothing();
  else await db.delete(sheetMarks).where(and(eq(sheetMarks.territoryId, props.territoryId), eq(sheetMarks.sheetId, props.sheetId)));
}
