// Reads every school of a territory reduced to what compliance and indicators need, with the inventory
// aggregated by the database (one GROUP BY over the items): a territory of 200,000 items is summarised
// without bringing the items to the application. The SQL mirrors domain/summary.ts (tested against it).
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { schoolClasses, schools } from "../../db/schema/index.js";
import { isEquipmentCategory, type LifetimeTable } from "./domain/categories.js";
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

/** The effective end of life of an item in SQL: its own date, else acquisition + the category's lifetime. */
export function endOfLifeSql(lifetimes: LifetimeTable) {
  return sql`coalesce(equipment_items.end_of_life, (equipment_items.acquisition_date + make_interval(years => (${JSON.stringify(lifetimes)}::jsonb ->> equipment_items.category)::int))::date)`;
}

type CellRow = {
  school_id: number;
  class_id: number | null;
  category: string;
  counted: number;
  with_eol: number;
  past_eol: number;
  aged: number;
  age_days: string | number;
};

/**
 * Summaries of the schools a scope sees, by name. With `asOf`, lifecycle totals are computed at that date;
 * without, they stay at zero (the harmonisation view does not need them).
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
  const lifecycle =
    asOf && lifetimes
      ? sql`count(eol) filter (where state <> 'reforme')::int as with_eol,
          count(*) filter (where state <> 'reforme' and eol <= ${asOf}::date)::int as past_eol,
          count(*) filter (where state <> 'reforme' and acquisition_date <= ${asOf}::date)::int as aged,
          coalesce(sum(${asOf}::date - acquisition_date) filter (where state <> 'reforme' and acquisition_date <= ${asOf}::date), 0)::bigint as age_days`
      : sql`0 as with_eol, 0 as past_eol, 0 as aged, 0 as age_days`;
  const eol = lifetimes ? endOfLifeSql(lifetimes) : sql`null::date`;
  const cellRows = await queryRows<CellRow>(
    db,
    sql`select school_id, class_id, category,
          count(*) filter (where state in ('en_service', 'en_reparation'))::int as counted, ${lifecycle}
        from (select school_id, class_id, category, state, acquisition_date, ${eol} as eol
              from equipment_items where territory_id = ${territoryId} and ${scopeCondition(territoryId, scope, sql`school_id`)}
                and ${only(sql`school_id`)}) items
        group by school_id, class_id, category`,
  );
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
