// Opens the database: PGlite in a data directory by default, a PostgreSQL server when DATABASE_URL is set.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema/index.js";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";
import { ReplicaRoutingPool } from "./replica.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; queries and commands accept either a Db or a Tx. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export type Engine = "pglite" | "postgres";

export type Database = {
  db: Db;
  /**
   * On a PostgreSQL server, connections opened as the restricted role maillage_app with no territory: public
   * reads run on it one statement at a time, under row-level security, without a transaction (see withPublic).
   * Undefined on PGlite (one connection), where public reads use a public tenant transaction.
   */
  publicDb?: Db;
  engine: Engine;
  /** Where the data lives: a directory for PGlite, the URL without password for a server. */
  location: string;
  close(): Promise<void>;
  /** Where public reads go when a replica is configured (DATABASE_REPLICA_URL). */
  replica?: Pick<ReplicaRoutingPool, "status" | "check">;
  /** The PGlite instance, for the data-directory backup; undefined on a server. */
  pglite?: PGlite;
};

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export const pgliteExtensions = { btree_gist, pg_trgm, unaccent };

export type OpenOptions = {
  databaseUrl?: string | undefined;
  /** PGlite data directory; "memory://" for an in-memory database (tests). */
  dataDir?: string;
  /** PGlite only: start from this data directory dump (`dumpDataDir`), e.g. the tests' migrated template. */
  loadDataDir?: Blob;
  /** What holds the data directory, shown to a second process that tries to open it. */
  holder?: string;
  poolSize?: number;
  /** A streaming replica of the server: the public pool (anonymous reads, see withPublic) connects to it. */
  replicaUrl?: string;
  /** How far behind the primary the replica may be before public reads go back to the primary (default 5 s). */
  replicaMaxLagMs?: number;
};

/** Opens the configured engine. With PGlite, refuses a data directory another process holds. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.replicaUrl ? { url: options.replicaUrl, maxLagMs: options.replicaMaxLagMs ?? 5_000 } : undefined);
  return openPglite(options.dataDir ?? "./data", options.holder ?? "maillage", options.loadDataDir);
}

/** Startup options of the public pool's connections: the restricted role, no territory. */
const PUBLIC_SESSION_OPTIONS = "-c role=maillage_app -c app.territory_id= -c plan_cache_mode=force_generic_plan";

async function openPostgres(url: string, poolSize: number, replica: { url: string; maxLagMs: number } | undefined): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Connects lazily, after the migrations have created the role. As large as the other: public pages are most of
  // the traffic, and a search waiting for a connection is what made the slowest ones slow (docs/performance.md).
  const primaryPublic = new pg.Pool({ connectionString: url, max: poolSize, options: PUBLIC_SESSION_OPTIONS });
  for (const p of [pool, primaryPublic]) p.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  // With a replica, public reads go there while it is fresh enough: the primary keeps its connections and CPU for
  // what people write.
  let publicPool: pg.Pool = primaryPublic;
  let replicaRouter: ReplicaRoutingPool | undefined;
  if (replica) {
    const replicaPublic = new pg.Pool({ connectionString: replica.url, max: poolSize, options: PUBLIC_SESSION_OPTIONS });
    replicaPublic.on("error", (error) => console.error("PostgreSQL replica pool error:", error.message));
    publicPool = replicaRouter = new ReplicaRoutingPool(primaryPublic, replicaPublic, pool, replica.maxLagMs);
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const publicDb = drizzlePg(publicPool, { schema }) as unknown as Db;
  return {
    db,
    publicDb,
    engine: "postgres",
    location: withoutPassword(url),
    ...(replicaRouter ? { replica: replicaRouter } : {}),
    close: async () => {
      await Promise.all([pool.end(), publicPool.end()]);
    },
  };
}

/**
 * A connection string without its password, and the password (for PGPASSWORD, never on a command line or in a
 * log). Works on every form libpq and node-postgres accept, Unix-socket ones included (`postgres://user@/db?host=/run/postgresql`).
 */
export function splitPassword(url: string): { url: string; password: string | undefined } {
  const inUserInfo = /^([a-z]+:\/\/[^:/@]*):([^@/]*)@/i.exec(url);
  const inQuery = /[?&]password=([^&]*)/i.exec(url);
  const raw = inUserInfo?.[2] ?? inQuery?.[1];
  const stripped = url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, "$1@").replace(/([?&])password=[^&]*&?/i, "$1").replace(/[?&]$/, "");
  return { url: stripped, password: raw ? decodeURIComponent(raw) : undefined };
}

const withoutPassword = (url: string) => splitPassword(url).url;

async function openPglite(dataDir: string, holder: string, loadDataDir: Blob | undefined): Promise<Database> {
  let lock: DataDirLock | undefined;
  let pgDir: string | undefined;
  if (dataDir !== "memory://") {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir, holder);
    pgDir = path.join(dataDir, "pglite");
  }
  try {
    const client = await PGlite.create(pgDir, { extensions: pgliteExtensions, ...(loadDataDir ? { loadDataDir } : {}) });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      engine: "pglite",
      location: dataDir,
      pglite: client,
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Applies pending migrations; on a server, several instances starting together wait for one another. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.engine === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('maillage:migrate'))`);
    await migratePg(tx as never, { migrationsFolder });
  });
}

/** Rows of a raw `db.execute(sql…)` result; both drivers return `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * Like queryRows, as a named prepared statement: a PostgreSQL server parses and plans it once per connection
 * instead of on every call (the finder's hot queries). Only for statements whose text has a bounded number of
 * shapes (values as parameters, arrays as one parameter): each distinct text stays prepared on every pooled
 * connection. PGlite runs it as a plain query.
 */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `m_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

export async function queryPrepared<T>(db: Executor, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  const name = statementName(built.sql);
  const result = (await db._.session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}

/**
 * queryPrepared with each row as an array of its columns, in the statement's order: the driver builds no object
 * per row (a third of the Node.js time of reading the finder's ~80 candidate rows).
 */
export async function queryPreparedArrays<T extends unknown[]>(db: Executor, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  const name = statementName(built.sql);
  return (await db._.session.prepareQuery(built, undefined, name, true, (rows) => rows).execute()) as T[];
}
