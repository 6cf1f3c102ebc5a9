// Reads schools, their classes and referents. Every read takes the territory explicitly; a school
// referent's reads are narrowed to their own schools by `scopeCondition`.
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { communes, equipmentItems, memberships, schoolClasses, schoolReferents, schools, users } from "../../db/schema/index.js";
import { EQUIPMENT_CATEGORIES } from "./domain/categories.js";
import type { SchoolScope } from "./schools.policy.js";

/** The SQL condition limiting `schools.id` to what the scope may see. */
export function scopeCondition(territoryId: number, scope: SchoolScope, column: SQL | typeof schools.id = schools.id): SQL {
  if (scope.kind === "all") return sql`true`;
  if (scope.kind === "none") return sql`false`;
  return sql`${column} in (select ${schoolReferents.schoolId} from ${schoolReferents}
    where ${schoolReferents.territoryId} = ${territoryId} and ${schoolReferents.userId} = ${scope.userId})`;
}

export type SchoolListRow = {
  id: number;
  uai: string;
  name: string;
  kind: string;
  communeInsee: string;
  communeName: string | null;
  pupils: number | null;
  classes: number;
  items: number;
};

/** The schools a person may see, by commune then name, with their number of classes and items. */
export async function listSchools(
  db: Executor,
  { territoryId, scope, commune }: { territoryId: number; scope: SchoolScope; commune?: string | undefined },
): Promise<SchoolListRow[]> {
  return db
    .select({
      id: schools.id,
      uai: schools.uai,
      name: schools.name,
      kind: schools.kind,
      communeInsee: schools.communeInsee,
      communeName: communes.name,
      pupils: schools.pupils,
      classes: sql<number>`(select count(*)::int from ${schoolClasses} c where c.school_id = ${schools.id})`,
      items: sql<number>`(select count(*)::int from ${equipmentItems} i where i.school_id = ${schools.id})`,
    })
    .from(schools)
    .leftJoin(communes, and(eq(communes.territoryId, schools.territoryId), eq(communes.insee, schools.communeInsee)))
    .where(and(eq(schools.territoryId, territoryId), scopeCondition(territoryId, scope), commune ? eq(schools.communeInsee, commune) : undefined))
    .orderBy(asc(communes.name), asc(schools.name));
}

export type SchoolRow = typeof schools.$inferSelect & { communeName: string | null };

/** One school of the territory (with its commune's name), or undefined. */
export async function getSchool(db: Executor, { territoryId, schoolId }: { territoryId: number; schoolId: number }): Promise<SchoolRow | undefined> {
  const [row] = await db
    .select({ school: schools, communeName: communes.name })
    .from(schools)
    .leftJoin(communes, and(eq(communes.territoryId, schools.territoryId), eq(communes.insee, schools.communeInsee)))
    .where(and(eq(schools.territoryId, territoryId), eq(schools.id, schoolId)));
  return row ? { ...row.school, communeName: row.communeName } : undefined;
}

/** Whether the scope lets a person see this school. */
export async function schoolInScope(db: Executor, { territoryId, schoolId, scope }: { territoryId: number; schoolId: number; scope: SchoolScope }): Promise<boolean> {
  const rows = await db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.territoryId, territoryId), eq(schools.id, schoolId), scopeCondition(territoryId, scope)));
  return rows.length > 0;
}

export type ClassRow = { id: number; schoolId: number; name: string; levels: string[]; pupils: number | null };

/** The classes of one school (or of several), by name. */
export async function listClasses(db: Executor, { territoryId, schoolIds }: { territoryId: number; schoolIds: number[] }): Promise<ClassRow[]> {
  if (schoolIds.length === 0) return [];
  return db
    .select({ id: schoolClasses.id, schoolId: schoolClasses.schoolId, name: schoolClasses.name, levels: schoolClasses.levels, pupils: schoolClasses.pupils })
    .from(schoolClasses)
    .where(and(eq(schoolClasses.territoryId, territoryId), inArray(schoolClasses.schoolId, schoolIds)))
    .orderBy(asc(schoolClasses.name));
}

/** Every school of the territory with its classes, keyed by UAI: what the imports check rows against. */
export async function schoolDirectory(db: Executor, { territoryId }: { territoryId: number }) {
  const schoolRows = await db.select({ id: schools.id, uai: schools.uai }).from(schools).where(eq(schools.territoryId, territoryId));
  const classRows = await db
    .select({ id: schoolClasses.id, schoolId: schoolClasses.schoolId, name: schoolClasses.name })
    .from(schoolClasses)
    .where(eq(schoolClasses.territoryId, territoryId));
  const byUai = new Map(schoolRows.map((s) => [s.uai, { id: s.id, classes: new Map<string, { id: number; name: string }>() }]));
  const uaiOf = new Map(schoolRows.map((s) => [s.id, s.uai]));
  for (const c of classRows) byUai.get(uaiOf.get(c.schoolId) ?? "")?.classes.set(c.name.toLowerCase(), { id: c.id, name: c.name });
  return byUai;
}

export type ReferentRow = { userId: number; email: string; displayName: string };

/** The referents of a school. */
export async function listSchoolReferents(db: Executor, { territoryId, schoolId }: { territoryId: number; schoolId: number }): Promise<ReferentRow[]> {
  return db
    .select({ userId: users.id, email: users.email, displayName: users.displayName })
    .from(schoolReferents)
    .innerJoin(users, eq(users.id, schoolReferents.userId))
    .where(and(eq(schoolReferents.territoryId, territoryId), eq(schoolReferents.schoolId, schoolId)))
    .orderBy(asc(users.email));
}

/** Members of the territory holding the school referent role: who can be made referent of a school. */
export async function listReferentCandidates(db: Executor, { territoryId }: { territoryId: number }): Promise<ReferentRow[]> {
  return db
    .select({ userId: users.id, email: users.email, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.territoryId, territoryId), sql`'school_referent' = any(${memberships.roles})`))
    .orderBy(asc(users.email));
}

/** Communes of the territory that have at least one school, by name (for filters). */
export async function listSchoolCommunes(db: Executor, { territoryId }: { territoryId: number }) {
  return db
    .selectDistinct({ insee: communes.insee, name: communes.name })
    .from(communes)
    .innerJoin(schools, and(eq(schools.territoryId, communes.territoryId), eq(schools.communeInsee, communes.insee)))
    .where(eq(communes.territoryId, territoryId))
    .orderBy(asc(communes.name));
}

/** A school's items counted per class and per category (all states, and counted ones: in service or under repair). */
export async function schoolItemCounts(db: Executor, { territoryId, schoolId }: { territoryId: number; schoolId: number }) {
  const rows = await db
    .select({
      classId: equipmentItems.classId,
      category: equipmentItems.category,
      total: sql<number>`count(*)::int`,
      counted: sql<number>`(count(*) filter (where ${equipmentItems.state} in ('en_service', 'en_reparation')))::int`,
    })
    .from(equipmentItems)
    .where(and(eq(equipmentItems.territoryId, territoryId), eq(equipmentItems.schoolId, schoolId)))
    .groupBy(equipmentItems.classId, equipmentItems.category);
  const byClass = new Map<number, number>();
  const byCategory = new Map<string, { category: string; total: number; counted: number }>();
  for (const row of rows) {
    if (row.classId !== null) byClass.set(row.classId, (byClass.get(row.classId) ?? 0) + row.total);
    const cell = byCategory.get(row.category) ?? { category: row.category, total: 0, counted: 0 };
    cell.total += row.total;
    cell.counted += row.counted;
    byCategory.set(row.category, cell);
  }
  const rank = (category: string) => {
    const i = (EQUIPMENT_CATEGORIES as readonly string[]).indexOf(category);
    return i === -1 ? EQUIPMENT_CATEGORIES.length : i;
  };
  return { byClass, byCategory: [...byCategory.values()].sort((a, b) => rank(a.category) - rank(b.category)) };
}
