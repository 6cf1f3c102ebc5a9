// Runs work for one territory (or for the public) under row-level security.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "./client.js";

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
