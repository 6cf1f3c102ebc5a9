// A fresh, migrated database per test file, on either engine.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { migrateDatabase, openDatabase, type Database, type Engine } from "../../src/db/client.js";

/** The engines the suite runs against; MAILLAGE_TEST_ENGINES=pglite limits it. */
export const engines: Engine[] = process.env.MAILLAGE_TEST_ENGINES === "pglite" ? ["pglite"] : ["pglite", "postgres"];

/** Creates an empty migrated database: in-memory PGlite, or a copy of the template on the test server. */
export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === "pglite") {
    const database = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(database);
    return database;
  }
  const serverUrl = inject("pgUrl");
  if (!serverUrl) throw new Error("No PostgreSQL test server (MAILLAGE_TEST_ENGINES=pglite?)");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template maillage_template`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: serverUrl.replace(/\/postgres$/, `/${name}`), poolSize: 20 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
