// Runs work for one territory (or for the public) under row-level security.
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database, Db, Executor, Tx } from "./client.js";
import { instanceSettings } from "./schema/index.js";

const contextKeys = new WeakMap<object, Promise<string>>();

/**
 * Gives a connection the key that signs territory contexts (migration 0013), read beforehand by the owner: the
 * web app's role cannot read it. Connections that can (the owner, PGlite) read it themselves when first needed.
 */
export function useContextKey(db: Db, key: string): void {
  contextKeys.set(db, Promise.resolve(key));
}

/** The instance's context key, as the owner reads it. */
export async function readContextKey(db: Db): Promise<string> {
  const [row] = await db.select({ value: instanceSettings.value }).from(instanceSettings).where(eq(instanceSettings.key, "context_secret"));
  if (!row) throw new Error("instance_settings.context_secret is missing: run the migrations");
  return row.value;
}

function contextKey(db: Db): Promise<string> {
  let key = contextKeys.get(db);
  if (!key) {
    key = readContextKey(db);
    contextKeys.set(db, key);
    key.catch(() => contextKeys.delete(db));
  }
  return key;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The signature app_territory_id() expects for a territory: the same keyed hash as maillage_context_signature. */
export function contextSignature(key: string, territoryId: number): string {
  return sha256(`${key}:${sha256(`${key}:territory:${territoryId}`)}`);
}

/**
 * Runs `work` in a transaction as the restricted role maillage_app with app.territory_id set, so that
 * PostgreSQL hides every other territory's rows. `null` is the public context: no territory row is visible
 * except those a table's policy shares on purpose.
 */
export async function withTenant<T>(db: Db, territoryId: number | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (territoryId !== null && !Number.isSafeInteger(territoryId)) throw new Error(`Invalid territory id ${territoryId}`);
  const signature = territoryId === null ? "" : contextSignature(await contextKey(db), territoryId);
  return db.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE. The signature travels as a parameter, so it
    // never shows in pg_stat_activity where another connection of the same role could read it.
    await tx.execute(sql`select set_config('app.territory_id', ${territoryId === null ? "" : String(territoryId)}, true), set_config('app.territory_signature', ${signature}, true), set_config('role', 'maillage_app', true)`);
    return work(tx);
  });
}

/**
 * A person acting at the instance level in a signed context (migrations 0022 and 0025): a facilitator or a partner
 * of the network, or an operator reading the instance's own journal.
 */
export type NetworkActor = { role: "facilitator" | "partner" | "operator"; userId: number };

/** The signature app_network_role() expects: the same keyed hash as maillage_network_signature. */
export function networkSignature(key: string, actor: NetworkActor): string {
  return sha256(`${key}:${sha256(`${key}:network:${actor.role}:${actor.userId}`)}`);
}

/**
 * Runs `work` as maillage_app in a signed network context: a facilitator runs the network, a partner answers
 * adopted proposals. With `territoryId`, the transaction also acts for that member territory. The database checks
 * the person still holds the role.
 */
export async function withNetwork<T>(db: Db, actor: NetworkActor, work: (tx: Tx) => Promise<T>, territoryId: number | null = null): Promise<T> {
  if (!Number.isSafeInteger(actor.userId)) throw new Error(`Invalid user id ${actor.userId}`);
  const key = await contextKey(db);
  const territorySignature = territoryId === null ? "" : contextSignature(key, territoryId);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.territory_id', ${territoryId === null ? "" : String(territoryId)}, true), set_config('app.territory_signature', ${territorySignature}, true), set_config('app.network_actor', ${`${actor.role}:${actor.userId}`}, true), set_config('app.network_signature', ${networkSignature(key, actor)}, true), set_config('role', 'maillage_app', true)`,
    );
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

/**
 * withPublic with every statement of `work` on one snapshot (a read-only repeatable-read transaction on one public
 * connection): what a process reads and keeps in memory together with its version, which must agree even when
 * public reads move between the primary and a replica.
 */
export async function withPublicSnapshot<T>(database: Pick<Database, "db" | "publicDb">, work: (db: Executor) => Promise<T>): Promise<T> {
  return database.publicDb ? database.publicDb.transaction(work, { isolationLevel: "repeatable read", accessMode: "read only" }) : withTenant(database.db, null, work);
}
