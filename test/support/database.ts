// A fresh, migrated database per test file, on either engine.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { migrateDatabase, openDatabase, type Database, type Engine } from "../../src/db/client.js";
import { readContextKey, useContextKey } from "../../src/db/tenant.js";

/** The engines the suite runs against; MAILLAGE_TEST_ENGINES=pglite limits it. */
export const engines: Engine[] = process.env.MAILLAGE_TEST_ENGINES === "pglite" ? ["pglite"] : ["pglite", "postgres"];

/** The test server's databases by the Database object of their owner's connection. */
const serverDatabases = new WeakMap<Database, string>();

/**
 * Creates an empty migrated database: in-memory PGlite, or a copy of the template on the test server, opened as
 * its owner (not a superuser): what the CLI, the worker and the tests' fixtures use.
 */
export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === "pglite") {
    const database = await openDatabase({ dataDir: "memory://", loadDataDir: pgliteTemplate() });
    await migrateDatabase(database); // nothing left to apply: checks the template is current
    return database;
  }
  const serverUrl = inject("pgUrl");
  if (!serverUrl) throw new Error("No PostgreSQL test server (MAILLAGE_TEST_ENGINES=pglite?)");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} owner maillage_owner template maillage_template`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: roleUrl(serverUrl, "maillage_owner", name), poolSize: 20 });
  const close = database.close;
  const owned: Database = {
    ...database,
    close: async () => {
      await close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
  serverDatabases.set(owned, name);
  return owned;
}

let templateBytes: Uint8Array<ArrayBuffer> | undefined;

/** The migrated data directory prepared once per run by test/global-setup.ts. */
function pgliteTemplate(): Blob {
  templateBytes ??= new Uint8Array(fs.readFileSync(inject("pgliteTemplate")));
  return new Blob([templateBytes]);
}

/** The test server's URL for a role and a database. */
function roleUrl(serverUrl: string, role: string, name: string): string {
  return serverUrl.replace(/\/\/postgres@/, `//${role}@`).replace(/\/postgres$/, `/${name}`);
}

/** The URL of a test server database for one of its roles (maillage_owner, maillage_web), e.g. for `maillage serve`. */
export function roleUrlOf(owner: Database, role: "maillage_owner" | "maillage_web"): string {
  const name = serverDatabases.get(owner);
  if (!name) throw new Error("not a database of the test server");
  return roleUrl(inject("pgUrl"), role, name);
}

/**
 * The same database as the web app sees it: on the server, connected as maillage_web (a member of maillage_app,
 * under row-level security and the grants of migration 0011); on PGlite, the one connection itself.
 */
export async function openWebDatabase(owner: Database): Promise<Database> {
  const name = serverDatabases.get(owner);
  if (!name) return { ...owner, close: async () => {} };
  const web = await openDatabase({ databaseUrl: roleUrl(inject("pgUrl"), "maillage_web", name), poolSize: 20 });
  useContextKey(web.db, await readContextKey(owner.db));
  return web;
}
