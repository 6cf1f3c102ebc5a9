// Runs work for one territory (or for the public) under row-level security.
import { sql } from "drizzle-orm";
import type { Database, Db, Executor, Tx } from "./client.js";

/**
 * Runs `work` in a transaction as the restricted role maillage_app with app.territory_id set, so that
 * PostgreSQL hides every other territory's rows. `null` is the public context: no territory row is visible
 * except those a table's policy shares on purpose.
 */
export async function withTenant<T>(db: Db, territoryId: number | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (territoryId !== null && !Number.isSafeInteger(territoryId)) throw new Error(`Invalid territory id ${territoryId}`);
    // One round trip with no parameters (simple protocol): set_config('role', …, true) is SET LOCAL ROLE.
    // The id is a checked integer, so inlining it is safe.
    await tx.execute(sql.raw(`select set_config('app.territory_id', '${territoryId ?? ""}', true), set_config('role', 'maillage_app', true)`));
    return work(tx);
  });
}

/**
 * Runs public reads (anonymous visitors: published places and what policies share). On a PostgreSQL server they
 * run on connections opened as maillage_app with no territory, a statement at a time with no transaction (one
 * round trip per query instead of four); on PGlite, in a public tenant transaction. Row-level security applies
 * either way. Reads only: the public connections can write nothing a visitor may not.
 */
export async function withPublic<T>(database: Pick<Database, "db" | "publicDb">, work: (db: Executor) => Promise<T>): Promise<T> {
  return database.publicDb ? work(database.publicDb) : withTenant(database.db, null, work);
}

/** What a capability (a signed key, a link's token hash) may point into; see maillage_territory_of, migration 0011. */
export type CapabilityKind = "appointment" | "school" | "training_registration" | "share_link";

/**
 * The territory of the record a capability names, read by a narrow SQL function: the web app's role cannot read
 * across territories, and this reveals a territory id only. Check the capability's signature before calling.
 */
export async function territoryOfCapability(db: Executor, kind: CapabilityKind, key: string): Promise<number | undefined> {
  const result = (await db.execute(sql`select maillage_territory_of(${kind}, ${key}) as territory_id`)) as unknown as { rows: { territory_id: number | null }[] };
  return result.rows[0]?.territory_id ?? undefined;
}
