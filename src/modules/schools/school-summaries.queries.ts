// Reads every school of a territory reduced to what compliance and indicators need, with the inventory
// aggregated by the database (one GROUP BY over the items): a territory of 200,000 items is summarised
// without bringing the items to the application. The SQL mirrors domain/summary.ts (tested against it).
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { schoolClasses, schools } from "../../db/schema/index.js";
import { DEFAULT_LIFETIME_YEARS, EQUIPMENT_CATEGORIES, isEquipmentCategory, type EquipmentCategory, type LifetimeTable } from "./domain/categories.js";
import { endOfLifeCutoff } from "./domain/dates.js";
import type { CountedCell, LifecycleTotals } from "./domain/summary.js";
import type { SchoolScope } from "./schools.policy.js";
import { scopeCondition } from "./schools.queries.js";

export type SchoolSummary = {
  id: number;
  uai: string;
  name: string;
  kind: string;
  communeInsee: string;
  pupils: number | null;
  fibre: boolean | null;
  /** Class ids as strings, as the domain rules take them. */
  classes: { id: string }[];
  cells: CountedCell[];
  lifecycle: LifecycleTotals;
};

/**
 * The effective end of life of an item in SQL: its own date, else acquisition + the category's lifetime. The
 * lifetimes are written into a CASE as literals (categories come from the fixed list, years are whole numbers),
 * which is twice as fast over 200,000 rows as looking each one up in a JSON parameter.
 */
export function endOfLifeSql(lifetimes: LifetimeTable) {
  const cases = EQUIPMENT_CATEGORIES.map((category) => {
    const years = safeYears(lifetimes, category);
    return `when '${category}' then equipment_items.acquisition_date + interval '${years} years'`;
  }).join(" ");
  return sql.raw(`coalesce(equipment_items.end_of_life, (case equipment_items.category ${cases} end)::date)`);
}

/** A CASE giving, per category, the latest acquisition date already past its end of life at `asOf` (literals). */
function cutoffSql(asOf: string, lifetimes: LifetimeTable) {
  const cases = EQUIPMENT_CATEGORIES.map((category) => `when '${category}' then date '${endOfLifeCutoff(asOf, safeYears(lifetimes, category))}'`).join(" ");
  return sql.raw(`(case category ${cases} end)`);
}

function safeYears(lifetimes: LifetimeTable, category: EquipmentCategory): number {
  const own = lifetimes[category];
  return Number.isInteger(own) && own > 0 && own < 100 ? own : DEFAULT_LIFETIME_YEARS[category];
}

type CellRow = { school_id: number; class_id: number | null; category: string; counted: number; with_eol: number; past_eol: number; aged: number; age_days: string | number };

/**
 * One scan of the items: counted items per class and category, and (with a date) the lifecycle figures of the
 * installed items — own end of life, else acquisition compared with the category's cutoff (see endOfLifeCutoff).
 */
function cellsQuery(inScope: SQL, asOf: string | undefined, lifetimes: LifetimeTable | undefined) {
  if (!asOf || !lifetimes) {
    return sql`select school_id, class_id, category, count(*)::int as counted, 0 as with_eol, 0 as past_eol, 0 as aged, 0 as age_days
      from equipment_items where ${inScope} and state in ('en_service', 'en_reparation') group by school_id, class_id, category`;
  }
  const day = sql`${asOf}::date`;
  const installed = sql.raw(`state <> 'reforme'`);
  return sql`select school_id, class_id, category,
      count(*) filter (where state in ('en_service', 'en_reparation'))::int as counted,
      count(*) filter (where ${installed} and (end_of_life is not null or (acquisition_date is not null and ${cutoffSql(asOf, lifetimes)} is not null)))::int as with_eol,
      count(*) filter (where ${installed} and case when end_of_life is not null then end_of_life <= ${day} else acquisition_date <= ${cutoffSql(asOf, lifetimes)} end)::int as past_eol,
      count(*) filter (where ${installed} and acquisition_date <= ${day})::int as aged,
      coalesce(sum(${day} - acquisition_date) filter (where ${installed} and acquisition_date <= ${day}), 0)::bigint as age_days
    from equipment_items where ${inScope} group by school_id, class_id, category`;
}

/**
 * Summaries of the schools a scope sees, by name: counted items per class and category, and with `asOf` the
 * lifecycle totals at that date (left at zero without: the harmonisation view does not need them).
 */
export async function loadSchoolSummaries(
  db: Executor,
  props: { territoryId: number; scope: SchoolScope; asOf?: string; lifetimes?: LifetimeTable; schoolId?: number },
): Promise<SchoolSummary[]> {
  const { territoryId, scope, asOf, lifetimes } = props;
  const only = (column: SQL) => (props.schoolId === undefined ? sql`true` : sql`${column} = ${props.schoolId}`);
  const schoolRows = await db
    .select({ id: schools.id, uai: schools.uai, name: schools.name, kind: schools.kind, communeInsee: schools.communeInsee, pupils: schools.pupils, fibre: schools.fibre })
    .from(schools)
    .where(and(eq(schools.territoryId, territoryId), scopeCondition(territoryId, scope), only(sql`${schools.id}`)))
    .orderBy(asc(schools.name), asc(schools.uai));
  const classRows = await db
    .select({ id: schoolClasses.id, schoolId: schoolClasses.schoolId })
    .from(schoolClasses)
    .where(and(eq(schoolClasses.territoryId, territoryId), scopeCondition(territoryId, scope, sql`${schoolClasses.schoolId}`), only(sql`${schoolClasses.schoolId}`)));
  const inScope = sql`territory_id = ${territoryId} and ${scopeCondition(territoryId, scope, sql`school_id`)} and ${only(sql`school_id`)}`;
  const cellRows = await queryRows<CellRow>(db, cellsQuery(inScope, asOf, lifetimes));
  const bySchool = new Map<number, SchoolSummary>();
  for (const s of schoolRows) {
    bySchool.set(s.id, { ...s, classes: [], cells: [], lifecycle: { withEndOfLife: 0, pastEndOfLife: 0, aged: 0, ageDaysSum: 0 } });
  }
  for (const c of classRows) bySchool.get(c.schoolId)?.classes.push({ id: String(c.id) });
  for (const row of cellRows) {
    const summary = bySchool.get(row.school_id);
    if (!summary) continue;
    if (row.counted > 0 && isEquipmentCategory(row.category)) {
      summary.cells.push({ classId: row.class_id === null ? null : String(row.class_id), category: row.category, count: row.counted });
    }
    const l = summary.lifecycle;
    l.withEndOfLife += row.with_eol;
    l.pastEndOfLife += row.past_eol;
    l.aged += row.aged;
    l.ageDaysSum += Number(row.age_days);
  }
  return [...bySchool.values()];
}
