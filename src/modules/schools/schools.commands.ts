// Writes a school's own details (what the national directory does not carry) and its referents.
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { memberships, schoolReferents, schools } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { ConnectionKind } from "./domain/connection.js";

export type SchoolDetails = {
  headTeacher: string;
  address: string;
  pupils: number | null;
  teachers: number | null;
  fibre: boolean | null;
  connectionKind: ConnectionKind | null;
  connectionMbps: number | null;
  connectionMeasuredOn: string | null;
};

/** Saves the details of a school; false when the school is not in the territory. */
export async function updateSchoolDetails(
  db: Executor,
  { territoryId, schoolId, details, actor }: { territoryId: number; schoolId: number; details: SchoolDetails; actor: AuditActor },
): Promise<boolean> {
  const rows = await db
    .update(schools)
    .set(details)
    .where(and(eq(schools.territoryId, territoryId), eq(schools.id, schoolId)))
    .returning({ id: schools.id });
  if (rows.length === 0) return false;
  await recordAudit(db, { territoryId, actor, action: "school.update", entityType: "school", entityId: schoolId, details: { ...details } });
  return true;
}

/**
 * Makes a member holding the school referent role a referent of the school, or removes them. False when the
 * school or the person (with that role) is not in the territory.
 */
export async function setSchoolReferent(
  db: Executor,
  props: { territoryId: number; schoolId: number; userId: number; referent: boolean; actor: AuditActor },
): Promise<boolean> {
  const { territoryId, schoolId, userId, actor } = props;
  const [school] = await db.select({ id: schools.id }).from(schools).where(and(eq(schools.territoryId, territoryId), eq(schools.id, schoolId)));
  const [member] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.territoryId, territoryId), eq(memberships.userId, userId), sql`'school_referent' = any(${memberships.roles})`));
  if (!school || !member) return false;
  if (props.referent) {
    await db.insert(schoolReferents).values({ territoryId, schoolId, userId }).onConflictDoNothing();
  } else {
    await db
      .delete(schoolReferents)
      .where(and(eq(schoolReferents.territoryId, territoryId), eq(schoolReferents.schoolId, schoolId), eq(schoolReferents.userId, userId)));
  }
  await recordAudit(db, { territoryId, actor, action: props.referent ? "school.referent.add" : "school.referent.remove", entityType: "school", entityId: schoolId, details: { userId } });
  return true;
}
