// Writes of the connectivity module: figures by commune, source and quarter (one statement per batch), the target.
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.js";
import { connectivityTargets } from "../../db/schema/index.js";
import { recordAudit, type AuditActor } from "../audit/audit.commands.js";
import type { ConnectivityFigure } from "./import-export/arcep-files.js";

/** Inserts or replaces figures by (commune, source, quarter); returns how many were new. */
export async function upsertFigures(db: Executor, { territoryId, figures, now }: { territoryId: number; figures: readonly ConnectivityFigure[]; now: Date }): Promise<{ created: number; updated: number }> {
  if (figures.length === 0) return { created: 0, updated: 0 };
  const rows = figures.map(({ communeInsee, quarter, source, premises, ftth, thd30 }) => ({ communeInsee, quarter, source, premises, ftth, thd30 }));
  const [row] = await queryRows<{ created: number; changed: number }>(
    db,
    sql`with input as (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as r("communeInsee" text, quarter date, source text, premises int, ftth int, thd30 int)),
        written as (
          insert into connectivity_figures as f (territory_id, commune_insee, quarter, source, premises, ftth, thd30, imported_at)
          select ${territoryId}, "communeInsee", quarter, source, premises, ftth, thd30, ${now.toISOString()}::timestamptz from input
          on conflict (territory_id, commune_insee, source, quarter) do update set
            premises = excluded.premises, ftth = excluded.ftth, thd30 = excluded.thd30, imported_at = excluded.imported_at
          where (f.premises, f.ftth, f.thd30) is distinct from (excluded.premises, excluded.ftth, excluded.thd30)
          returning (xmax = 0) as created)
        select count(*) filter (where created)::int as created, count(*)::int as changed from written`,
  );
  return { created: row?.created ?? 0, updated: (row?.changed ?? 0) - (row?.created ?? 0) };
}

/** Sets the territory's fibre target (share of premises eligible by a date). */
export async function setConnectivityTarget(db: Executor, props: { territoryId: number; share: number; targetDate: string; actor: AuditActor }): Promise<void> {
  const { territoryId, share, targetDate } = props;
  const now = props.actor.at;
  await db
    .insert(connectivityTargets)
    .values({ territoryId, share, targetDate, updatedAt: now })
    .onConflictDoUpdate({ target: connectivityTargets.territoryId, set: { share, targetDate, updatedAt: now } });
  await recordAudit(db, { territoryId, actor: props.actor, action: "connectivity.target", entityType: "territory", details: { share, targetDate } });
}
