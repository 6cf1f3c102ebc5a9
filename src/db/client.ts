// Opens the database: PGlite in a data directory by default, a PostgreSQL server when DATABASE_URL is set.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema/index.js";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; queries and commands accept either a Db or a Tx. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export type Engine = "pglite" | "postgres";

export type Database = {
  db: Db;
  engine: Engine;
  /** Where the data lives: a directory for PGlite, the URL without password for a server. */
  location: string;
  close(): Promise<void>;
  /** The PGlite instance, for the data-directory backup; undefined on a server. */
  pglite?: PGlite;
};

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export const pgliteExtensions = { btree_gist, pg_trgm, unaccent };

export type OpenOptions = {
  databaseUrl?: string | undefined;
  /** PGlite data directory; "memory://" for an in-memory database (tests). */
  dataDir?: string;
  /** What holds the data directory, shown to a second process that tries to open it. */
  holder?: string;
  poolSize?: number;
};

/** Opens the configured engine. With PGlite, refuses a data directory another process holds. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? "./data", options.holder ?? "maillage");
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const safe = new URL(url);
  safe.password = "";
  return { db, engine: "postgres", location: safe.toString(), close: () => pool.end() };
}

async function openPglite(dataDir: string, holder: string): Promise<Database> {
  let lock: DataDirLock | undefined;
  let pgDir: string | undefined;
  if (dataDir !== "memory://") {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir, holder);
    pgDir = path.join(dataDir, "pglite");
  }
  try {
    const client = await PGlite.create(pgDir, { extensions: pgliteExtensions });
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
