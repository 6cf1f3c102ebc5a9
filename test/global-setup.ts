// Starts one PostgreSQL server for the whole run and prepares a migrated template database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../src/db/client.js";
import { buildAssets } from "../src/ui/assets.js";
import { pgBinariesAvailable, startPgServer, type PgServer } from "./support/pg-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
    /** The same server through its Unix socket, with a password in the URL (the server trusts and ignores it). */
    pgSocketUrl: string;
    /** A migrated PGlite data directory dump: test databases load it instead of running initdb and migrations. */
    pgliteTemplate: string;
  }
}

let server: PgServer | undefined;
let templateDir: string | undefined;

export async function setup(project: TestProject) {
  buildAssets();
  project.provide("pgliteTemplate", await pgliteTemplate());
  if (process.env.MAILLAGE_TEST_ENGINES === "pglite") {
    project.provide("pgUrl", "");
    project.provide("pgSocketUrl", "");
    return;
  }
  if (!pgBinariesAvailable()) throw new Error("PostgreSQL server binaries are missing: apt-get install postgresql (or set MAILLAGE_TEST_ENGINES=pglite)");
  server = await startPgServer();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  // The roles of a production server (docs/operations.md, decision 0018): the owner migrates and runs the CLI and
  // the worker; the web app logs in as maillage_web, a member of maillage_app, neither superuser nor owner.
  await admin.query("create role maillage_app nologin");
  await admin.query("create role maillage_owner login in role maillage_app");
  await admin.query("create role maillage_web login in role maillage_app");
  await admin.query("create database maillage_template owner maillage_owner");
  await admin.end();
  const templateUrl = server.url.replace(/\/\/postgres@/, "//maillage_owner@").replace(/\/postgres$/, "/maillage_template");
  const database = await openDatabase({ databaseUrl: templateUrl, poolSize: 1 });
  await migrateDatabase(database);
  await database.close();
  project.provide("pgUrl", server.url);
  project.provide("pgSocketUrl", `postgres://postgres:s3cret%40pass@/postgres?host=${encodeURIComponent(server.dir)}&port=${server.port}`);
}

/** Migrates an in-memory PGlite once and writes its data directory to a temporary file. */
async function pgliteTemplate(): Promise<string> {
  const database = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(database);
  const dump = await database.pglite!.dumpDataDir("none");
  await database.close();
  templateDir = fs.mkdtempSync(path.join(os.tmpdir(), "maillage-pglite-"));
  const file = path.join(templateDir, "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

export async function teardown() {
  if (templateDir) fs.rmSync(templateDir, { recursive: true, force: true });
  server?.stop();
}
