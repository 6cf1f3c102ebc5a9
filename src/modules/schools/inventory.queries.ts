// Reads the equipment inventory: filtered lists (page by page, or streamed for exports), one item with its
// history, and the warranty and end-of-life reports by period.
import { and, asc, desc, eq, gt, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.js";
import { withTenant } from "../../db/tenant.js";
import { communes, equipmentHistory, equipmentItems, schoolClasses, schools } from "../../db/schema/index.js";
import type { LifetimeTable } from "./domain/categories.js";
import { endOfLifeSql } from "./school-summaries.queries.js";
import type { SchoolScope } from "./schools.policy.js";
import { scopeCondition } from "./schools.queries.js";

export type ItemFilters = {
  schoolId?: number | undefined;
  /** A class id, or "ecole" for the items of the school as a whole. */
  classId?: number | "ecole" | undefined;
  category?: string | undefined;
  state?: string | undefined;
  commune?: string | undefined;
  /** Part of an inventory number or model. */
  text?: string | undefined;
};

export type ItemRow = {
  id: number;
  inventoryNumber: string;
  category: string;
  model: string;
  state: string;
  schoolId: number;
  uai: string;
  schoolName: string;
  classId: number | null;
  className: string | null;
  communeInsee: string;
  communeName: string | null;
  acquisitionDate: string | null;
  costCents: number | null;
  fundingSource: string;
  warrantyEnd: string | null;
  ownEndOfLife: string | null;
  /** Own end of life, else acquisition + lifetime of the category. */
  endOfLife: string | null;
};

function itemColumns(lifetimes: LifetimeTable) {
  return {
    id: equipmentItems.id,
    inventoryNumber: equipmentItems.inventoryNumber,
    category: equipmentItems.category,
    model: equipmentItems.model,
    state: equipmentItems.state,
    schoolId: equipmentItems.schoolId,
    uai: schools.uai,
    schoolName: schools.name,
    classId: equipmentItems.classId,
    className: schoolClasses.name,
    communeInsee: schools.communeInsee,
    communeName: communes.name,
    acquisitionDate: equipmentItems.acquisitionDate,
    costCents: equipmentItems.costCents,
    fundingSource: equipmentItems.fundingSource,
    warrantyEnd: equipmentItems.warrantyEnd,
    ownEndOfLife: equipmentItems.endOfLife,
    endOfLife: sql<string | null>`${endOfLifeSql(lifetimes)}::text`,
  };
}

function filterConditions(territoryId: number, scope: SchoolScope, filters: ItemFilters): SQL[] {
  const conditions: (SQL | undefined)[] = [
    eq(equipmentItems.territoryId, territoryId),
    scopeCondition(territoryId, scope, sql`${equipmentItems.schoolId}`),
    filters.schoolId ? eq(equipmentItems.schoolId, filters.schoolId) : undefined,
    filters.classId === "ecole" ? isNull(equipmentItems.classId) : filters.classId ? eq(equipmentItems.classId, filters.classId) : undefined,
    filters.category ? eq(equipmentItems.category, filters.category) : undefined,
    filters.state ? eq(equipmentItems.state, filters.state) : undefined,
    filters.commune ? eq(schools.communeInsee, filters.commune) : undefined,
    filters.text ? or(ilike(equipmentItems.inventoryNumber, `%${escapeLike(filters.text)}%`), ilike(equipmentItems.model, `%${escapeLike(filters.text)}%`)) : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function baseQuery(db: Executor, lifetimes: LifetimeTable) {
  return db
    .select(itemColumns(lifetimes))
    .from(equipmentItems)
    .innerJoin(schools, eq(schools.id, equipmentItems.schoolId))
    .leftJoin(schoolClasses, eq(schoolClasses.id, equipmentItems.classId))
    .leftJoin(communes, and(eq(communes.territoryId, schools.territoryId), eq(communes.insee, schools.communeInsee)));
}

/** One page of the items a scope sees, with the total matching the filters. */
export async function listItems(
  db: Executor,
  props: { territoryId: number; scope: SchoolScope; filters: ItemFilters; lifetimes: LifetimeTable; limit: number; offset: number },
): Promise<{ rows: ItemRow[]; total: number }> {
  const where = and(...filterConditions(props.territoryId, props.scope, props.filters));
  const rows = await baseQuery(db, props.lifetimes)
    .where(where)
    .orderBy(asc(schools.name), asc(schoolClasses.name), asc(equipmentItems.category), asc(equipmentItems.inventoryNumber))
    .limit(props.limit)
    .offset(props.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(equipmentItems)
    .innerJoin(schools, eq(schools.id, equipmentItems.schoolId))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

/**
 * Every item matching the filters, read 2,000 at a time by id, each page in its own transaction under
 * row-level security (exports stream after the request handler returned: never all in memory).
 */
export async function* streamItems(
  db: Db,
  props: { territoryId: number; scope: SchoolScope; filters: ItemFilters; lifetimes: LifetimeTable },
): AsyncGenerator<ItemRow[]> {
  let after = 0;
  for (;;) {
    const from = after;
    const page = await withTenant(db, props.territoryId, (tx) =>
      baseQuery(tx, props.lifetimes)
        .where(and(...filterConditions(props.territoryId, props.scope, props.filters), gt(equipmentItems.id, from)))
        .orderBy(asc(equipmentItems.id))
        .limit(2000),
    );
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
  }
}

/** One item a scope may see, or undefined. */
export async function getItem(
  db: Executor,
  { territoryId, scope, itemId, lifetimes }: { territoryId: number; scope: SchoolScope; itemId: number; lifetimes: LifetimeTable },
): Promise<ItemRow | undefined> {
  const [row] = await baseQuery(db, lifetimes).where(and(...filterConditions(territoryId, scope, {}), eq(equipmentItems.id, itemId)));
  return row;
}

export type HistoryRow = { id: number; at: Date; actorLabel: string; change: Record<string, unknown> };

/** The history of an item, newest first. */
export async function itemHistory(db: Executor, { territoryId, itemId }: { territoryId: number; itemId: number }): Promise<HistoryRow[]> {
  return db
    .select({ id: equipmentHistory.id, at: equipmentHistory.at, actorLabel: equipmentHistory.actorLabel, change: equipmentHistory.change })
    .from(equipmentHistory)
    .where(and(eq(equipmentHistory.territoryId, territoryId), eq(equipmentHistory.itemId, itemId)))
    .orderBy(desc(equipmentHistory.at), desc(equipmentHistory.id));
}

export type DueKind = "garantie" | "fin_de_vie";
/** Next 30, 90 or 365 days, or already past. */
export type DuePeriod = "30" | "90" | "365" | "passe";

/** Items not retired whose warranty or end of life falls in the period, soonest (or latest past) first. */
export async function listItemsDue(
  db: Executor,
  props: { territoryId: number; scope: SchoolScope; kind: DueKind; period: DuePeriod; today: string; lifetimes: LifetimeTable; limit: number },
): Promise<{ rows: ItemRow[]; total: number }> {
  const date = props.kind === "garantie" ? sql`${equipmentItems.warrantyEnd}` : endOfLifeSql(props.lifetimes);
  const today = sql`${props.today}::date`;
  const inPeriod =
    props.period === "passe" ? sql`${date} < ${today}` : sql`${date} >= ${today} and ${date} <= ${today} + ${Number(props.period)}::int`;
  const where = and(...filterConditions(props.territoryId, props.scope, {}), sql`${equipmentItems.state} <> 'reforme'`, inPeriod);
  const rows = await baseQuery(db, props.lifetimes)
    .where(where)
    .orderBy(props.period === "passe" ? sql`${date} desc` : sql`${date} asc`, asc(equipmentItems.inventoryNumber))
    .limit(props.limit);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(equipmentItems).innerJoin(schools, eq(schools.id, equipmentItems.schoolId)).where(where);
  return { rows, total: count?.n ?? 0 };
}
