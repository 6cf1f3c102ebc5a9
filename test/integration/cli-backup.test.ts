import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase, type BackupTarget } from "../../src/cli/backup.js";
import { migrateDatabase, openDatabase, type Database, type Engine } from "../../src/db/client.js";
import { DataDirBusyError } from "../../src/db/data-dir-lock.js";
import { communes, territories } from "../../src/db/schema/index.js";
import { findCommune, findEpci } from "../../src/modules/territories/geography.js";
import { createTerritory } from "../../src/modules/territories/territories.commands.js";
import { testActor, testEpoch } from "../support/app.js";
import { tempDataDir } from "../support/cli.js";
import { createTestDatabase, engines } from "../support/database.js";

/** A database to back up: a PGlite data directory opened and closed around each step, or a server database. */
type Subject = { target: BackupTarget; use<T>(work: (database: Database) => Promise<T>): Promise<T>; dispose(): Promise<void> };

async function subject(engine: Engine, dataDir: string): Promise<Subject> {
  if (engine === "pglite") {
    const use = async <T,>(work: (database: Database) => Promise<T>) => {
      const database = await openDatabase({ dataDir, holder: "backup test" });
      try {
        await migrateDatabase(database);
        return await work(database);
      } finally {
        await database.close();
      }
    };
    return { target: { dataDir }, use, dispose: async () => {} };
  }
  const database = await createTestDatabase("postgres");
  return { target: { databaseUrl: database.location, dataDir }, use: (work) => work(database), dispose: () => database.close() };
}

// A PGlite dump and restore takes tens of seconds on a busy 2-core machine.
describe.each(engines)("backup and restore on %s", { timeout: 120_000 }, (engine) => {
  const data = tempDataDir("maillage-backup-");
  const file = path.join(data.dir, engine === "pglite" ? "sauvegarde.tar.gz" : "sauvegarde.dump");
  let s: Subject;

  beforeAll(async () => {
    s = await subject(engine, path.join(data.dir, "donnees"));
  });
  afterAll(async () => {
    await s.dispose();
    data.remove();
  });

  it("brings back the data of the backup after it was changed", async () => {
    await s.use((database) => database.db.transaction((tx) => createTerritory(tx, { geo: findEpci("200041333")!, actor: testActor })));

    const backup = await backupDatabase(s.target, file);
    expect(backup.bytes).toBeGreaterThan(1000);
    expect(fs.readdirSync(data.dir).filter((f) => f.endsWith(".partiel"))).toEqual([]);

    await s.use(async (database) => {
      await database.db.transaction((tx) => createTerritory(tx, { geo: findCommune("79202")!, actor: testActor }));
      await database.db.update(territories).set({ name: "Nom modifié" }).where(eq(territories.code, "200041333"));
    });

    const restored = await restoreDatabase(s.target, file, testEpoch);
    const rows = await s.use(async ({ db }) => {
      const all = await db.select({ id: territories.id, code: territories.code, name: territories.name }).from(territories);
      return Promise.all(all.map(async ({ id, ...t }) => ({ ...t, communes: await db.$count(communes, eq(communes.territoryId, id)) })));
    });
    expect(rows).toEqual([{ code: "200041333", name: "CC de Parthenay-Gâtine", communes: 38 }]);
    if (engine === "pglite") {
      expect(restored.previous).toMatch(/pglite\.avant-restauration-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d/);
      expect(fs.existsSync(path.join(restored.previous!, "PG_VERSION"))).toBe(true);
    }
  });

  it("refuses a backup made by the other engine, in French", async () => {
    const other = path.join(data.dir, "autre");
    fs.writeFileSync(other, engine === "pglite" ? "PGDMP\u0001\u000e" : Buffer.from([0x1f, 0x8b, 8, 0]));
    await expect(restoreDatabase(s.target, other, testEpoch)).rejects.toThrow(engine === "pglite" ? "définissez DATABASE_URL" : "sauvegarde PGlite");
    fs.writeFileSync(other, "ceci n'est pas une sauvegarde");
    await expect(restoreDatabase(s.target, other, testEpoch)).rejects.toThrow("n'est pas une sauvegarde de Maillage");
  });

  if (engine === "pglite") {
    it("refuses to restore while another holder has the data directory", async () => {
      const database = await openDatabase({ dataDir: s.target.dataDir, holder: "serveur Maillage sur le port 3000" });
      try {
        const refusal = restoreDatabase(s.target, file, testEpoch);
        await expect(refusal).rejects.toBeInstanceOf(DataDirBusyError);
        await expect(refusal).rejects.toThrow(/est déjà utilisé par le processus \d+ \(serveur Maillage sur le port 3000\)/);
        await expect(backupDatabase(s.target, file)).rejects.toBeInstanceOf(DataDirBusyError);
      } finally {
        await database.close();
      }
      expect(fs.readdirSync(s.target.dataDir).filter((f) => f.startsWith("pglite.restauration"))).toEqual([]);
    });
  } else {
    it("says in one line how to install pg_dump when it is missing", async () => {
      const missing = { ...s.target, pgBin: "/nulle-part" };
      await expect(backupDatabase(missing, file)).rejects.toThrow(
        /^pg_dump est introuvable : installez le client PostgreSQL \(apt-get install postgresql-client\)\.$/,
      );
      await expect(restoreDatabase(missing, file, testEpoch)).rejects.toThrow(/^pg_restore est introuvable : .*apt-get install postgresql-client/);
    });
  }
});
