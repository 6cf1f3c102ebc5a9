// Writes a mediator's availability: weekly plages (refusing overlaps), one-off openings and absences, each audited.
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { absences, exceptionalPlages, plages } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { AbsenceInput, ExceptionalInput } from "./domain/availability-rules.js";
import { exceptionalConflict, weeklyConflictOn } from "./domain/availability-rules.js";
import { conflictMessage, findPlageConflict, type PlageInput } from "./domain/plage-rules.js";
import type { CommandResult } from "./mediators.commands.js";
import { listExceptionalPlages, listPlages } from "./mediators.queries.js";

type Scope = { territoryId: number; mediatorId: number; actor: AuditActor };

/** Adds a weekly plage (no `plageId`) or changes one, unless another plage of the mediator is open at the same time. */
export async function savePlage(db: Executor, props: Scope & { plageId?: number; input: PlageInput }): Promise<CommandResult> {
  const { territoryId, mediatorId, plageId, input, actor } = props;
  const existing = await listPlages(db, { territoryId, mediatorId });
  if (plageId !== undefined && !existing.some((p) => p.id === plageId)) return { status: "missing" };
  const conflict = findPlageConflict(input, existing, plageId);
  if (conflict) return { status: "invalid", errors: { weekdays: conflictMessage(conflict) } };
  const [row] =
    plageId === undefined
      ? await db.insert(plages).values({ territoryId, mediatorId, ...input }).returning({ id: plages.id })
      : await db
          .update(plages)
          .set(input)
          .where(and(eq(plages.territoryId, territoryId), eq(plages.mediatorId, mediatorId), eq(plages.id, plageId)))
          .returning({ id: plages.id });
  if (!row) return { status: "missing" };
  const action = plageId === undefined ? "plage.create" : "plage.update";
  await recordAudit(db, { territoryId, actor, action, entityType: "plage", entityId: row.id, details: { mediatorId, ...input } });
  return { status: "saved", id: row.id };
}

/** Deletes a weekly plage of the mediator; false when it is not theirs. */
export async function deletePlage(db: Executor, props: Scope & { plageId: number }): Promise<boolean> {
  const { territoryId, mediatorId, plageId, actor } = props;
  const rows = await db
    .delete(plages)
    .where(and(eq(plages.territoryId, territoryId), eq(plages.mediatorId, mediatorId), eq(plages.id, plageId)))
    .returning({ id: plages.id });
  if (rows.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "plage.delete", entityType: "plage", entityId: plageId, details: { mediatorId } });
  return true;
}

/** Adds a one-off opening, unless the mediator already opens at overlapping hours that day (one-off or weekly). */
export async function addExceptionalPlage(db: Executor, props: Scope & { input: ExceptionalInput }): Promise<CommandResult> {
  const { territoryId, mediatorId, input, actor } = props;
  const sameDay = await listExceptionalPlages(db, { territoryId, mediatorId, from: input.day });
  const clash = exceptionalConflict(input, sameDay) ?? weeklyConflictOn(input, await listPlages(db, { territoryId, mediatorId }));
  if (clash) return { status: "invalid", errors: { exStart: clash } };
  const [row] = await db.insert(exceptionalPlages).values({ territoryId, mediatorId, ...input }).returning({ id: exceptionalPlages.id });
  await recordAudit(db, { territoryId, actor, action: "exceptional_plage.create", entityType: "exceptional_plage", entityId: row!.id, details: { mediatorId, ...input } });
  return { status: "saved", id: row!.id };
}

/** Deletes a one-off opening of the mediator; false when it is not theirs. */
export async function deleteExceptionalPlage(db: Executor, props: Scope & { exceptionalId: number }): Promise<boolean> {
  const { territoryId, mediatorId, exceptionalId, actor } = props;
  const rows = await db
    .delete(exceptionalPlages)
    .where(and(eq(exceptionalPlages.territoryId, territoryId), eq(exceptionalPlages.mediatorId, mediatorId), eq(exceptionalPlages.id, exceptionalId)))
    .returning({ id: exceptionalPlages.id });
  if (rows.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "exceptional_plage.delete", entityType: "exceptional_plage", entityId: exceptionalId, details: { mediatorId } });
  return true;
}

/** Records an absence (UTC instants); slots of the mediator during it disappear everywhere. */
export async function addAbsence(db: Executor, props: Scope & { input: AbsenceInput }): Promise<number> {
  const { territoryId, mediatorId, input, actor } = props;
  const [row] = await db.insert(absences).values({ territoryId, mediatorId, ...input }).returning({ id: absences.id });
  await recordAudit(db, {
    territoryId,
    actor,
    action: "absence.create",
    entityType: "absence",
    entityId: row!.id,
    details: { mediatorId, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() },
  });
  return row!.id;
}

/** Deletes an absence of the mediator; false when it is not theirs. */
export async function deleteAbsence(db: Executor, props: Scope & { absenceId: number }): Promise<boolean> {
  const { territoryId, mediatorId, absenceId, actor } = props;
  const rows = await db
    .delete(absences)
    .where(and(eq(absences.territoryId, territoryId), eq(absences.mediatorId, mediatorId), eq(absences.id, absenceId)))
    .returning({ id: absences.id });
  if (rows.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "absence.delete", entityType: "absence", entityId: absenceId, details: { mediatorId } });
  return true;
}
