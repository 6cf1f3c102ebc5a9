// Reads incidents, narrowed to the schools a person may see, the items they may report, and who is told.
import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../../db/client.js";
import { equipmentItems, incidents, memberships, schoolClasses, schoolReferents, schools, users, type IncidentStatus } from "../../../db/schema/index.js";
import type { IncidentScope } from "./incidents.policy.js";

/** The SQL condition limiting a school id column to what the scope may see. */
export function schoolScopeSql(territoryId: number, scope: IncidentScope, column: SQL): SQL {
  if (scope.kind === "all") return sql`true`;
  if (scope.kind === "none") return sql`false`;
  return sql`${column} in (select ${schoolReferents.schoolId} from ${schoolReferents}
    where ${schoolReferents.territoryId} = ${territoryId} and ${schoolReferents.userId} = ${scope.userId})`;
}

const incidentColumns = {
  id: incidents.id,
  status: incidents.status,
  description: incidents.description,
  resolution: incidents.resolution,
  hasPhoto: sql<boolean>`${incidents.photo} is not null`,
  createdAt: incidents.createdAt,
  updatedAt: incidents.updatedAt,
  schoolId: incidents.schoolId,
  schoolName: schools.name,
  itemId: incidents.itemId,
  itemUnspecified: incidents.itemUnspecified,
  itemCategory: equipmentItems.category,
  itemInventoryNumber: equipmentItems.inventoryNumber,
  itemModel: equipmentItems.model,
  itemState: equipmentItems.state,
  className: schoolClasses.name,
  reporterEmail: users.email,
  reporterName: users.displayName,
};

export type IncidentRow = {
  id: number;
  status: IncidentStatus;
  description: string;
  resolution: string;
  hasPhoto: boolean;
  createdAt: Date;
  updatedAt: Date;
  schoolId: number;
  schoolName: string;
  itemId: number | null;
  itemUnspecified: boolean;
  itemCategory: string | null;
  itemInventoryNumber: string | null;
  itemModel: string | null;
  itemState: string | null;
  className: string | null;
  reporterEmail: string | null;
  reporterName: string | null;
};

function incidentQuery(db: Executor) {
  return db
    .select(incidentColumns)
    .from(incidents)
    .innerJoin(schools, eq(schools.id, incidents.schoolId))
    .leftJoin(equipmentItems, eq(equipmentItems.id, incidents.itemId))
    .leftJoin(schoolClasses, eq(schoolClasses.id, equipmentItems.classId))
    .leftJoin(users, eq(users.id, incidents.reportedBy));
}

/** Incidents a scope sees, open ones first then newest; optionally of one status. */
export async function listIncidents(
  db: Executor,
  { territoryId, scope, status }: { territoryId: number; scope: IncidentScope; status?: IncidentStatus | undefined },
): Promise<IncidentRow[]> {
  return incidentQuery(db)
    .where(and(eq(incidents.territoryId, territoryId), schoolScopeSql(territoryId, scope, sql`${incidents.schoolId}`), status ? eq(incidents.status, status) : undefined))
    .orderBy(sql`${incidents.status} = 'resolu'`, desc(incidents.createdAt), desc(incidents.id))
    .limit(500);
}

/** One incident a scope may see, or undefined. */
export async function getIncident(db: Executor, { territoryId, scope, incidentId }: { territoryId: number; scope: IncidentScope; incidentId: number }): Promise<IncidentRow | undefined> {
  const [row] = await incidentQuery(db).where(
    and(eq(incidents.territoryId, territoryId), eq(incidents.id, incidentId), schoolScopeSql(territoryId, scope, sql`${incidents.schoolId}`)),
  );
  return row;
}

/** The photo of an incident a scope may see, or undefined when there is none. */
export async function getIncidentPhoto(db: Executor, { territoryId, scope, incidentId }: { territoryId: number; scope: IncidentScope; incidentId: number }) {
  const [row] = await db
    .select({ photo: incidents.photo, photoType: incidents.photoType })
    .from(incidents)
    .where(and(eq(incidents.territoryId, territoryId), eq(incidents.id, incidentId), schoolScopeSql(territoryId, scope, sql`${incidents.schoolId}`)));
  if (!row?.photo || !row.photoType) return undefined;
  return { bytes: Buffer.from(row.photo), type: row.photoType };
}

export type SchoolChoice = { id: number; name: string };

/** Schools a scope may report for, by name. */
export async function listReportableSchools(db: Executor, { territoryId, scope }: { territoryId: number; scope: IncidentScope }): Promise<SchoolChoice[]> {
  return db
    .select({ id: schools.id, name: schools.name })
    .from(schools)
    .where(and(eq(schools.territoryId, territoryId), schoolScopeSql(territoryId, scope, sql`${schools.id}`)))
    .orderBy(asc(schools.name));
}

export type ReportableItem = { id: number; schoolId: number; category: string; inventoryNumber: string; model: string; state: string; className: string | null; openIncidentId: number | null };

/** Items of one school that can be reported (not retired), with the incident already open on each, if any. */
export async function listReportableItems(db: Executor, { territoryId, scope, schoolId }: { territoryId: number; scope: IncidentScope; schoolId: number }): Promise<ReportableItem[]> {
  return db
    .select({
      id: equipmentItems.id,
      schoolId: equipmentItems.schoolId,
      category: equipmentItems.category,
      inventoryNumber: equipmentItems.inventoryNumber,
      model: equipmentItems.model,
      state: equipmentItems.state,
      className: schoolClasses.name,
      // Qualified in full: Drizzle may render a column unqualified, which the subquery would read as its own.
      openIncidentId: sql<number | null>`(select min(i.id) from ${incidents} i where i.item_id = ${sql.raw(`"equipment_items"."id"`)} and i.status <> 'resolu')`,
    })
    .from(equipmentItems)
    .leftJoin(schoolClasses, eq(schoolClasses.id, equipmentItems.classId))
    .where(
      and(
        eq(equipmentItems.territoryId, territoryId),
        eq(equipmentItems.schoolId, schoolId),
        ne(equipmentItems.state, "reforme"),
        schoolScopeSql(territoryId, scope, sql`${equipmentItems.schoolId}`),
      ),
    )
    .orderBy(sql`${schoolClasses.name} nulls first`, asc(equipmentItems.category), asc(equipmentItems.inventoryNumber));
}

/** The school of an item a scope may see (to open the report form from the item's page), or undefined. */
export async function itemSchoolId(db: Executor, { territoryId, scope, itemId }: { territoryId: number; scope: IncidentScope; itemId: number }): Promise<number | undefined> {
  const [row] = await db
    .select({ schoolId: equipmentItems.schoolId })
    .from(equipmentItems)
    .where(and(eq(equipmentItems.territoryId, territoryId), eq(equipmentItems.id, itemId), schoolScopeSql(territoryId, scope, sql`${equipmentItems.schoolId}`)));
  return row?.schoolId;
}

/** Addresses of the territory's coordinators and admins, who are told of new incidents. */
export async function coordinatorEmails(db: Executor, { territoryId }: { territoryId: number }): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.territoryId, territoryId), sql`${memberships.roles} && array['coordinator', 'admin']::text[]`))
    .orderBy(asc(users.email));
  return rows.map((r) => r.email);
}
