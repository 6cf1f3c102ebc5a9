// Writes of census and other indicators: one statement per batch, a value replaced by a newer import.
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import type { IndicatorValue } from "./import-export/insee-files.js";

/** Inserts or replaces indicator values by (code, indicator). */
export async function upsertIndicators(db: Executor, { territoryId, values, now }: { territoryId: number; values: readonly IndicatorValue[]; now: Date }): Promise<{ created: number; updated: number }> {
  if (values.length === 0) return { created: 0, updated: 0 };
  const rows = values.map(({ code, indicator, value, numerator, denominator, source, vintage }) => ({ code, indicator, value, numerator, denominator, source, vintage }));
  const [row] = await queryRows<{ created: number; changed: number }>(
    db,
    sql`with input as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r(code text, indicator text, value float8, numerator float8, denominator float8, source text, vintage text)),
        written as (
          insert into commune_indicators as i (territory_id, code, indicator, value, numerator, denominator, source, vintage, imported_at)
          select ${territoryId}, code, indicator, value, numerator, denominator, source, vintage, ${now.toISOString()}::timestamptz from input
          on conflict (territory_id, code, indicator) do update set
            value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
            source = excluded.source, vintage = excluded.vintage, imported_at = excluded.imported_at
          where (i.value, i.numerator, i.denominator, i.source, i.vintage) is distinct from
            (excluded.value, excluded.numerator, excluded.denominator, excluded.source, excluded.vintage)
          returning (xmax = 0) as created)
        select count(*) filter (where created)::int as created, count(*)::int as changed from written`,
  );
  return { created: row?.created ?? 0, updated: (row?.changed ?? 0) - (row?.created ?? 0) };
}
