// Writes mediators: create or edit one (name, e-mail, linked account, places, active), each with its audit event.
import { and, eq, gte, inArray, ne, notInArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { exceptionalPlages, mediatorPlaces, mediators, places, plages } from "../../db/schema/index.js";
import type { LocalDate } from "../../lib/paris-time.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { MediatorInput } from "./domain/mediator-form.js";
import type { Errors } from "./domain/plage-rules.js";

/** What a back-office command answers: saved, refused with French messages per field, or the row is gone. */
export type CommandResult = { status: "saved"; id: number } | { status: "invalid"; errors: Errors } | { status: "missing" };

/** Why the form cannot be saved as is: an account already linked to another mediator, or places still holding openings. */
async function mediatorConflicts(db: Executor, territoryId: number, mediatorId: number | undefined, input: MediatorInput, today: LocalDate): Promise<Errors> {
  const errors: Errors = {};
  if (input.userId !== null) {
    const [other] = await db
      .select({ name: mediators.name })
      .from(mediators)
      .where(and(eq(mediators.territoryId, territoryId), eq(mediators.userId, input.userId), mediatorId === undefined ? undefined : ne(mediators.id, mediatorId)));
    if (other) errors.userId = `Ce compte est déjà rattaché à ${other.name} : choisissez un autre compte`;
  }
  if (mediatorId !== undefined) {
    const kept = input.placeIds.length > 0 ? input.placeIds : [0];
    const weekly = await db
      .select({ nom: places.nom })
      .from(plages)
      .innerJoin(places, eq(places.id, plages.placeId))
      .where(and(eq(plages.territoryId, territoryId), eq(plages.mediatorId, mediatorId), notInArray(plages.placeId, kept)));
    const oneOff = await db
      .select({ nom: places.nom })
      .from(exceptionalPlages)
      .innerJoin(places, eq(places.id, exceptionalPlages.placeId))
      .where(and(eq(exceptionalPlages.territoryId, territoryId), eq(exceptionalPlages.mediatorId, mediatorId), gte(exceptionalPlages.day, today), notInArray(exceptionalPlages.placeId, kept)));
    const names = [...new Set([...weekly, ...oneOff].map((r) => r.nom))];
    if (names.length > 0) errors.placeIds = `Il reste des plages à ${names.join(", ")} : supprimez-les d'abord, ou gardez ce lieu`;
  }
  return errors;
}

/** Creates a mediator (no `mediatorId`) or updates one, replacing their places; places must be the territory's. */
export async function saveMediator(
  db: Executor,
  props: { territoryId: number; mediatorId?: number; input: MediatorInput; today: LocalDate; actor: AuditActor },
): Promise<CommandResult> {
  const { territoryId, mediatorId, input, actor } = props;
  const errors = await mediatorConflicts(db, territoryId, mediatorId, input, props.today);
  if (Object.keys(errors).length > 0) return { status: "invalid", errors };
  const columns = { name: input.name, email: input.email, userId: input.userId, active: input.active };
  const [row] =
    mediatorId === undefined
      ? await db.insert(mediators).values({ territoryId, ...columns }).returning({ id: mediators.id })
      : await db.update(mediators).set(columns).where(and(eq(mediators.territoryId, territoryId), eq(mediators.id, mediatorId))).returning({ id: mediators.id });
  if (!row) return { status: "missing" };
  await db.delete(mediatorPlaces).where(and(eq(mediatorPlaces.territoryId, territoryId), eq(mediatorPlaces.mediatorId, row.id)));
  if (input.placeIds.length > 0) {
    const own = await db.select({ id: places.id }).from(places).where(and(eq(places.territoryId, territoryId), inArray(places.id, input.placeIds)));
    if (own.length > 0) await db.insert(mediatorPlaces).values(own.map((p) => ({ territoryId, mediatorId: row.id, placeId: p.id })));
  }
  await recordAudit(db, {
    territoryId,
    actor,
    action: mediatorId === undefined ? "mediator.create" : "mediator.update",
    entityType: "mediator",
    entityId: row.id,
    details: { name: input.name, placeIds: input.placeIds, userId: input.userId, active: input.active },
  });
  return { status: "saved", id: row.id };
}
